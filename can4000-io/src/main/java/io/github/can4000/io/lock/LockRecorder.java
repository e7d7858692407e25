package io.github.can4000.io.lock;

import io.github.can4000.Bytes;
import io.github.can4000.DecodeException;
import io.github.can4000.DecodedImage;
import io.github.can4000.Decoder;
import io.github.can4000.FetchException;
import io.github.can4000.Fetched;
import io.github.can4000.Fetcher;
import io.github.can4000.io.dedupe.NearDuplicates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what a download fetched, to write a lockfile; obtain one from {@link Lockfiles#recorder()}.
 * Wrap the dataset's fetcher and decoder; the core API stays as it is:
 *
 * <pre>{@code
 * LockRecorder lock = Lockfiles.recorder();
 * try (Dataset d = Dataset.builder()
 *     .fetcher(lock.wrap(HttpFetchers.create()))
 *     .decoder(lock.wrap(ImageDecoders.standard()))
 *     .build()) {
 *   d.writeTo(sink);
 * }
 * Lockfiles.write(out.resolve(Lockfiles.FILE_NAME), lock.entries());
 * }</pre>
 *
 * <p>The fetcher wrapper records each URL's SHA-256, {@code ETag}, {@code Last-Modified} and fetch
 * time. The decoder wrapper sees only bytes, not URLs: it records the size and perceptual hash of
 * each decoded body under the body's SHA-256, and {@link #entries()} joins the two. Thread-safe.
 */
public final class LockRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(LockRecorder.class);

  private final Clock clock;
  private final Map<String, FetchRecord> fetches = new ConcurrentHashMap<>();
  private final Map<String, DecodeRecord> decodes = new ConcurrentHashMap<>();

  private record FetchRecord(String sha256, String etag, String lastModified, Instant at) {}

  private record DecodeRecord(int width, int height, OptionalLong phash) {}

  LockRecorder(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Returns a fetcher that fetches with {@code delegate} and records each success. Closing it closes the delegate. */
  public Fetcher wrap(Fetcher delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return new Fetcher() {
      @Override
      public Fetched fetch(String url) throws FetchException, InterruptedException {
        Fetched f = delegate.fetch(url);
        Map<String, String> h = f.headers();
        fetches.put(url, new FetchRecord(f.body().sha256(), h.getOrDefault("etag", ""),
            h.getOrDefault("last-modified", ""), clock.instant()));
        return f;
      }

      @Override
      public void close() {
        delegate.close();
      }

      @Override
      public String toString() {
        return "LockRecorder(" + delegate + ")";
      }
    };
  }

  /** Returns a decoder that decodes with {@code delegate} and records each decoded body's size and hash. */
  public Decoder wrap(Decoder delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return data -> {
      DecodedImage img = delegate.decode(data);
      record(data, img);
      return img;
    };
  }

  private void record(Bytes data, DecodedImage img) {
    OptionalLong phash;
    try {
      phash = OptionalLong.of(NearDuplicates.hash(img));
    } catch (IllegalArgumentException | OutOfMemoryError e) {
      LOG.debug("no perceptual hash for {}: {}", img, e.toString());
      phash = OptionalLong.empty();
    }
    decodes.put(data.sha256(), new DecodeRecord(img.width(), img.height(), phash));
  }

  /**
   * Returns an entry for every URL fetched so far, sorted by URL. A URL whose body was not decoded
   * (yet) has size 0 and no hash.
   */
  public List<LockEntry> entries() {
    List<LockEntry> out = new ArrayList<>();
    fetches.forEach((url, f) -> {
      DecodeRecord d = decodes.get(f.sha256());
      out.add(new LockEntry(url, f.sha256(), d == null ? 0 : d.width(), d == null ? 0 : d.height(),
          d == null ? OptionalLong.empty() : d.phash(), f.etag(), f.lastModified(), f.at()));
    });
    out.sort(Comparator.comparing(LockEntry::url));
    return out;
  }

  /** Returns the number of URLs fetched so far. */
  public int size() {
    return fetches.size();
  }

  @Override
  public String toString() {
    return "LockRecorder[" + fetches.size() + " fetched, " + decodes.size() + " decoded]";
  }
}
