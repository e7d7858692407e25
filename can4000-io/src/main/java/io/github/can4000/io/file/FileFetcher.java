package io.github.can4000.io.file;

import io.github.can4000.Reason;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Reads files under a root directory; see {@link FileFetchers}. */
final class FileFetcher implements Fetcher {
  private final Path root;
  private final long maxBytes;

  FileFetcher(Path realRoot, long maxBytes) {
    this.root = realRoot;
    this.maxBytes = maxBytes;
  }

  @Override
  public Fetched fetch(String url) throws FetchException, InterruptedException {
    Objects.requireNonNull(url, "url");
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before reading " + url);
    }
    Path path = resolve(url);
    if (!path.startsWith(root)) {
      throw fail(Reason.BAD_URL, url, "path lies outside the root " + root + ": " + path);
    }
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw fail(Reason.IO_ERROR, url, "no such file: " + path);
    } catch (IOException e) {
      throw fail(Reason.IO_ERROR, url, "cannot resolve " + path + ": " + e);
    }
    if (!real.startsWith(root)) {
      throw fail(
          Reason.BAD_URL,
          url,
          "path leads outside the root " + root + " (through a link): " + real);
    }
    if (!Files.isRegularFile(real)) {
      throw fail(Reason.IO_ERROR, url, "not a regular file: " + real);
    }
    try {
      long size = Files.size(real);
      if (size > maxBytes) {
        throw fail(
            Reason.TOO_LARGE,
            url,
            "file size " + size + " exceeds the maximum of " + maxBytes + " bytes");
      }
      try (InputStream in = Files.newInputStream(real)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(16, size));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
          total += n;
          if (total > maxBytes) {
            throw fail(
                Reason.TOO_LARGE, url, "file grew past the maximum of " + maxBytes + " bytes");
          }
          out.write(buffer, 0, n);
        }
        return new Fetched(url, Bytes.copyOf(out.toByteArray()), 0, 1, Map.of());
      }
    } catch (AccessDeniedException e) {
      throw new FetchException(Reason.IO_ERROR, url, 0, 1, "access denied: " + real, e);
    } catch (IOException e) {
      throw new FetchException(Reason.IO_ERROR, url, 0, 1, "cannot read " + real + ": " + e, e);
    }
  }

  private Path resolve(String url) throws FetchException {
    String s = url.strip();
    Path p;
    try {
      int colon = s.indexOf(':');
      String scheme =
          colon > 1 && s.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
              ? s.substring(0, colon).toLowerCase(Locale.ROOT)
              : null;
      if (scheme == null) {
        p = root.resolve(s);
      } else if (!scheme.equals("file")) {
        throw fail(Reason.UNSUPPORTED_SCHEME, url, "scheme '" + scheme + "' is not a file: " + url);
      } else {
        URI uri = new URI(s.replace(" ", "%20"));
        if (uri.getAuthority() != null && !uri.getAuthority().equalsIgnoreCase("localhost")) {
          throw fail(Reason.BAD_URL, url, "file URI names a remote host: " + url);
        }
        String filePath = uri.getPath();
        if (filePath == null || filePath.isEmpty()) {
          // opaque form: file:relative/path
          filePath = uri.getSchemeSpecificPart();
        }
        p =
            filePath.startsWith("/")
                ? Paths.get(new URI("file", null, filePath, null))
                : root.resolve(filePath);
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw fail(Reason.BAD_URL, url, "cannot turn into a path: " + e.getMessage());
    }
    return p.toAbsolutePath().normalize();
  }

  private static FetchException fail(Reason reason, String url, String message) {
    return new FetchException(reason, url, 0, 1, message);
  }

  @Override
  public String toString() {
    return "FileFetcher[root=" + root + ", maxBytes=" + maxBytes + "]";
  }
}
