package io.github.can4000.io.file;

import io.github.can4000.internal.Args;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Creates fetchers that read manifest "URLs" from local files under a root directory: {@code file:}
 * URIs and plain paths, relative ones resolved against the root.
 *
 * <pre>{@code
 * try (Fetcher files = FileFetchers.create(Path.of("mirror"))) {
 *   Fetched f = files.fetch("images/Ael453.jpg");          // mirror/images/Ael453.jpg
 *   Fetched g = files.fetch("file:///data/mirror/a.png");  // must lie under the root
 * }
 * }</pre>
 *
 * <p>Anything that resolves outside the root, through {@code ..} or a symbolic link, is refused
 * with {@link io.github.can4000.Reason#BAD_URL}; a missing or unreadable file fails with {@link
 * io.github.can4000.Reason#IO_ERROR}, a file over the size limit with {@link
 * io.github.can4000.Reason#TOO_LARGE}, and URLs with another scheme ({@code http:}...) with {@link
 * io.github.can4000.Reason#UNSUPPORTED_SCHEME}. A file fetcher must be chosen explicitly: the HTTP
 * fetcher never reads files. Results have HTTP status 0 and one attempt.
 */
public final class FileFetchers {
  /** The default largest file accepted, 32 MiB, as for HTTP. */
  public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

  /** The largest size limit that can be configured (the largest Java array). */
  public static final long MAX_BYTES_LIMIT = Integer.MAX_VALUE - 8;

  private FileFetchers() {}

  /**
   * Returns a fetcher reading files under {@code root}, at most {@link #DEFAULT_MAX_BYTES} each.
   *
   * @param root an existing directory
   * @throws IllegalArgumentException if {@code root} is not an existing directory
   */
  public static Fetcher create(Path root) {
    return create(root, DEFAULT_MAX_BYTES);
  }

  /**
   * Returns a fetcher reading files under {@code root}, at most {@code maxBytes} each.
   *
   * @param root an existing directory
   * @param maxBytes 1 to {@link #MAX_BYTES_LIMIT}
   * @throws IllegalArgumentException if {@code root} is not an existing directory or {@code
   *     maxBytes} is out of range
   */
  public static Fetcher create(Path root, long maxBytes) {
    Objects.requireNonNull(root, "root");
    Args.checkRange(maxBytes, 1, MAX_BYTES_LIMIT, "maxBytes");
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("root is not a directory: " + root);
    }
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("root cannot be resolved: " + root + " (" + e + ")", e);
    }
    return new FileFetcher(real, maxBytes);
  }
}
