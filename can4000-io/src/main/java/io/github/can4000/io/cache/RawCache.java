package io.github.can4000.io.cache;

import io.github.can4000.internal.Args;
import io.github.can4000.internal.AtomicFile;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An on-disk cache of fetched source bytes, keyed by URL, shared safely by concurrent runs and
 * reused across manifests.
 *
 * <pre>{@code
 * RawCache cache = RawCache.open(Path.of("cache"), 20L << 30);      // at most 20 GiB
 * try (Dataset online = Dataset.builder()
 *         .fetcher(cache.wrap(HttpFetchers.create()))            // read through the cache
 *         .decoder(ImageDecoders.standard()).build()) { ... }
 * try (Dataset offline = Dataset.builder()
 *         .fetcher(cache.offline())                               // never touches the network
 *         .decoder(ImageDecoders.standard()).build()) { ... }
 * }</pre>
 *
 * <p><b>Layout.</b> An entry is named by the lowercase hex SHA-256 of its URL (as given in the
 * manifest) and stored in two-level shard directories, {@code ab/cd/abcd…}: a body file {@code
 * <hash>.body} and a metadata sidecar {@code <hash>.meta} (a UTF-8 properties file with the URL,
 * HTTP status, selected headers, the body's length and SHA-256). Only successful fetches are
 * stored.
 *
 * <p><b>Concurrency.</b> Every file is written under a temporary name in its final directory and
 * renamed into place atomically, the body before its sidecar, so readers in this or another process
 * never see a partial file. A read checks the body against the length and SHA-256 in its sidecar;
 * an entry that is missing, partial, corrupt or replaced half-way by another writer counts as a
 * miss (and is fetched again), never as data. Any number of threads and JVMs may share one
 * directory.
 *
 * <p><b>Size bound.</b> The cache keeps the sum of its body and sidecar sizes at most about {@code
 * maxBytes}. Each hit sets the body's modification time, so it is the time of last use. When a
 * write takes the cache over the bound, the least recently used entries are deleted until it is
 * under 90% of the bound. Eviction rescans the directory (so it sees what other processes wrote),
 * holds an exclusive file lock on {@code .evict.lock} so two processes do not evict at once, and
 * tolerates files deleted under it. A body larger than the bound is not stored. Between two
 * evictions, a process may go over the bound by what other processes wrote meanwhile.
 *
 * <p>Instances are thread-safe. Fetchers made by {@link #wrap} close the fetcher they wrap when
 * closed.
 */
public final class RawCache {
  private static final Logger LOG = LoggerFactory.getLogger(RawCache.class);
  static final String BODY = ".body";
  static final String META = ".meta";
  static final String TMP = ".tmp";
  static final String LOCK = ".evict.lock";
  private static final Duration STALE_TMP = Duration.ofHours(1);
  private static final HexFormat HEX = HexFormat.of();

  private final Path dir;
  private final long maxBytes;
  private final AtomicLong approxBytes = new AtomicLong();
  private final Object evictMonitor = new Object();

  private RawCache(Path dir, long maxBytes, long currentBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.approxBytes.set(currentBytes);
  }

  /**
   * Opens, or creates, the cache in {@code dir} holding at most about {@code maxBytes}, and evicts
   * at once if the directory is already over the bound. Stale temporary files of killed writers
   * (older than an hour) are removed.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   * @throws IOException if the directory cannot be created or read
   */
  public static RawCache open(Path dir, long maxBytes) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Args.checkPositive(maxBytes, "maxBytes");
    Path abs = dir.toAbsolutePath().normalize();
    Files.createDirectories(abs);
    RawCache cache = new RawCache(abs, maxBytes, 0);
    long size = cache.evictIfOver(true);
    LOG.debug("opened cache {} holding {} bytes (bound {})", abs, size, maxBytes);
    return cache;
  }

  /** Returns the cache directory, as an absolute path. */
  public Path directory() {
    return dir;
  }

  /** Returns the size bound in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Returns a fetcher that answers from the cache when it can and otherwise asks {@code upstream},
   * storing what it returns. A failure to store is logged and does not fail the fetch. Closing the
   * returned fetcher closes {@code upstream}.
   */
  public Fetcher wrap(Fetcher upstream) {
    return new CachingFetcher(this, Objects.requireNonNull(upstream, "upstream"));
  }

  /**
   * Returns a fetcher that reads the cache only and fails with {@link
   * io.github.can4000.Reason#NOT_CACHED} for any URL it does not hold. It never opens a network
   * connection.
   */
  public Fetcher offline() {
    return new OfflineFetcher(this);
  }

  /** Returns whether a valid entry for {@code url} is present (without marking it used). */
  public boolean contains(String url) {
    return read(url, false).isPresent();
  }

  /**
   * Returns the total size in bytes of the entries now in the directory, by scanning it.
   *
   * @throws UncheckedIOException if the directory cannot be read
   */
  public long sizeOnDisk() {
    try {
      long total = 0;
      for (EntryFile e : scan(false)) {
        total += e.size;
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "RawCache[" + dir + ", maxBytes=" + maxBytes + "]";
  }

  // ---- reading and writing entries (package-private, used by the fetchers) ----

  /**
   * Returns the valid entry for {@code url}, marking it used if {@code touch}; empty on any
   * problem.
   */
  Optional<Fetched> read(String url, boolean touch) {
    String key = key(url);
    Path meta = metaPath(key);
    Path body = bodyPath(key);
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      LOG.debug("ignoring unreadable cache sidecar {}: {}", meta, e.toString());
      return Optional.empty();
    }
    try {
      if (!url.equals(p.getProperty("url"))) {
        LOG.debug("ignoring cache entry {}: it holds another URL", meta);
        return Optional.empty();
      }
      long length = Long.parseLong(p.getProperty("length", "-1"));
      String sha = p.getProperty("sha256", "");
      int status = Integer.parseInt(p.getProperty("status", "0"));
      byte[] data = Files.readAllBytes(body);
      if (data.length != length || !sha.equals(sha256(data))) {
        LOG.debug(
            "ignoring partial or corrupt cache entry {} ({} bytes, expected {})",
            body,
            data.length,
            length);
        return Optional.empty();
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (String name : p.stringPropertyNames()) {
        if (name.startsWith("header.")) {
          headers.put(name.substring("header.".length()), p.getProperty(name));
        }
      }
      if (touch) {
        try {
          Files.setLastModifiedTime(body, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
          LOG.trace("cannot touch {}", body, e);
        }
      }
      return Optional.of(new Fetched(url, Bytes.copyOf(data), status, 1, headers));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.debug("ignoring unreadable cache entry {}: {}", body, e.toString());
      return Optional.empty();
    }
  }

  /** Stores a fetched body atomically (body, then sidecar), then evicts if over the bound. */
  void write(Fetched fetched) throws IOException {
    byte[] data = fetched.body().toByteArray();
    if (data.length > maxBytes) {
      LOG.debug(
          "not caching {}: {} bytes is over the bound {}", fetched.url(), data.length, maxBytes);
      return;
    }
    String key = key(fetched.url());
    Path body = bodyPath(key);
    Files.createDirectories(body.getParent());
    Properties p = new Properties();
    p.setProperty("url", fetched.url());
    p.setProperty("status", Integer.toString(fetched.httpStatus()));
    p.setProperty("length", Integer.toString(data.length));
    p.setProperty("sha256", sha256(data));
    fetched.headers().forEach((k, v) -> p.setProperty("header." + k, v));
    StringWriter meta = new StringWriter();
    p.store(meta, null);
    byte[] metaBytes = meta.toString().getBytes(StandardCharsets.UTF_8);
    writeAtomically(body, data);
    Path sidecar = metaPath(key);
    writeAtomically(sidecar, metaBytes);
    if (!Files.exists(body)) {
      // another process evicted the body between the two writes: leave no sidecar without a body
      Files.deleteIfExists(sidecar);
      return;
    }
    long now = approxBytes.addAndGet(data.length + metaBytes.length);
    if (now > maxBytes) {
      evictIfOver(false);
    }
  }

  private static void writeAtomically(Path target, byte[] data) throws IOException {
    AtomicFile.write(target, data, AtomicFile.Sync.FORCE);
  }

  /**
   * Rescans the directory and, if it is over the bound (or {@code always}), deletes least recently
   * used entries down to 90% of the bound. Returns the size after eviction.
   */
  @SuppressWarnings("try") // the lock is held for the block, not referenced in it
  private long evictIfOver(boolean cleanStaleTemps) throws IOException {
    synchronized (evictMonitor) {
      try (FileChannel ch =
              FileChannel.open(
                  dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        List<EntryFile> entries = scan(cleanStaleTemps);
        long total = 0;
        for (EntryFile e : entries) {
          total += e.size;
        }
        if (total > maxBytes) {
          long target = maxBytes / 10 * 9;
          entries.sort(Comparator.comparing((EntryFile e) -> e.lastUsed));
          int evicted = 0;
          for (EntryFile e : entries) {
            if (total <= target) {
              break;
            }
            // body first: a reader that finds a sidecar but no body sees a clean miss, and a writer
            // that finds its body gone after writing its sidecar removes the sidecar (see write)
            Files.deleteIfExists(e.body);
            Files.deleteIfExists(e.meta);
            total -= e.size;
            evicted++;
          }
          LOG.debug("evicted {} entries from {}; {} bytes remain", evicted, dir, total);
        }
        approxBytes.set(total);
        return total;
      }
    }
  }

  /** Lists complete entries (those with a body), their size and time of last use. */
  private List<EntryFile> scan(boolean cleanStaleTemps) throws IOException {
    List<EntryFile> out = new ArrayList<>();
    long staleBefore = System.currentTimeMillis() - STALE_TMP.toMillis();
    try (Stream<Path> files = Files.walk(dir, 3)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        try {
          if (name.endsWith(TMP)) {
            if (cleanStaleTemps && Files.getLastModifiedTime(f).toMillis() < staleBefore) {
              Files.deleteIfExists(f);
            }
          } else if (name.endsWith(BODY)) {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            Path meta = f.resolveSibling(name.substring(0, name.length() - BODY.length()) + META);
            long metaSize;
            try {
              metaSize = Files.size(meta);
            } catch (NoSuchFileException e) {
              metaSize = 0;
            }
            out.add(new EntryFile(f, meta, a.size() + metaSize, a.lastModifiedTime()));
          }
        } catch (NoSuchFileException e) {
          // deleted by another process meanwhile
        }
      }
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e.getCause();
      }
      // a shard directory vanished under the walk; the next eviction sees the rest
    }
    return out;
  }

  static String key(String url) {
    return sha256(url.getBytes(StandardCharsets.UTF_8));
  }

  Path bodyPath(String key) {
    return shardDir(key).resolve(key + BODY);
  }

  Path metaPath(String key) {
    return shardDir(key).resolve(key + META);
  }

  private Path shardDir(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key.substring(2, 4));
  }

  private static String sha256(byte[] data) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** One entry found by a scan. */
  private static final class EntryFile {
    final Path body;
    final Path meta;
    final long size;
    final FileTime lastUsed;

    EntryFile(Path body, Path meta, long size, FileTime lastUsed) {
      this.body = body;
      this.meta = meta;
      this.size = size;
      this.lastUsed = lastUsed;
    }
  }
}
