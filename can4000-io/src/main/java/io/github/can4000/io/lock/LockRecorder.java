package io.github.can4000.io.lock;

import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import io.github.can4000.spi.RegionHint;
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
 * Records what a download fetched, to write a lockfile; obtain one from {@link
 * Lockfiles#recorder()}. Wrap the dataset's fetcher and decoder; the core API stays as it is:
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
 * <p>The two wrappers work as a pair and see each row's URL, fetched body and decoded image in one
 * place: the fetcher wrapper records each URL's SHA-256, {@code ETag}, {@code Last-Modified} and
 * fetch time and tags the body object with its URL; the decoder wrapper, handed that body by the
 * engine, records the decoded size and perceptual hash under the URL. (A body the decoder gets as
 * another object, because a decorator between the two copied it, is matched by SHA-256.) When the
 * engine asks for a region read, the hash covers the decoded region, which the entry records
 * ({@link LockEntry#hashed()}). A body that a {@link LockEnforcer} refused as {@link
 * io.github.can4000.Reason#CHANGED_SINCE_LOCK} is not recorded, so the lockfile keeps the locked
 * entry. Thread-safe.
 */
public final class LockRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(LockRecorder.class);

  private final Clock clock;

  /** What each URL served, and what its body decoded to once it has been decoded. */
  private final Map<String, UrlRecord> urls = new ConcurrentHashMap<>();

  /** The URL of each fetched body object, for the decoder. */
  private final BodyTags<String> bodyUrls = new BodyTags<>();

  /** Decodes of bodies whose URL the decoder could not tell (a copied body), by SHA-256. */
  private final Map<String, DecodeRecord> bySha = new ConcurrentHashMap<>();

  private record FetchRecord(String sha256, String etag, String lastModified, Instant at) {}

  private record UrlRecord(FetchRecord fetch, DecodeRecord decode) {}

  private record DecodeRecord(int width, int height, OptionalLong phash, PixelRect hashed) {
    boolean whole() {
      return hashed.equals(new PixelRect(0, 0, width, height));
    }
  }

  LockRecorder(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns a fetcher that fetches with {@code delegate} and records each success. Closing it
   * closes the delegate.
   */
  public Fetcher wrap(Fetcher delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return new Fetcher() {
      @Override
      public Fetched fetch(String url) throws FetchException, InterruptedException {
        Fetched f = delegate.fetch(url);
        Map<String, String> h = f.headers();
        urls.put(
            url,
            new UrlRecord(
                new FetchRecord(
                    f.body().sha256(),
                    h.getOrDefault("etag", ""),
                    h.getOrDefault("last-modified", ""),
                    clock.instant()),
                null));
        bodyUrls.put(f.body(), url);
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

  /**
   * Returns a decoder that decodes with {@code delegate} and records each decoded body's size and
   * the perceptual hash of what was decoded: the whole image, or, for a region read, that region
   * (so recording keeps region reads, and with them the download's speed).
   */
  public Decoder wrap(Decoder delegate) {
    return recording(delegate, false);
  }

  /**
   * Returns a decoder that decodes every body whole with {@code delegate}, ignoring region hints,
   * and records each decoded body's size and whole-image perceptual hash. Slower than {@link
   * #wrap(Decoder)}, but every hash then compares with every other ({@link Lockfiles#clusters}).
   */
  public Decoder wrapWholeImages(Decoder delegate) {
    return recording(delegate, true);
  }

  private Decoder recording(Decoder delegate, boolean wholeImages) {
    Objects.requireNonNull(delegate, "delegate");
    return new Decoder() {
      @Override
      public DecodedImage decode(Bytes data) throws DecodeException {
        try {
          return record(data, delegate.decode(data));
        } catch (DecodeException e) {
          throw forgetIfRefused(data, e);
        }
      }

      @Override
      public DecodedImage decode(Bytes data, RegionHint hint) throws DecodeException {
        try {
          return record(data, wholeImages ? delegate.decode(data) : delegate.decode(data, hint));
        } catch (DecodeException e) {
          throw forgetIfRefused(data, e);
        }
      }

      @Override
      public long decodedBytes(Bytes data, RegionHint hint) {
        return delegate.decodedBytes(data, wholeImages ? RegionHint.WHOLE : hint);
      }

      @Override
      public long maxDecodedBytes() {
        return delegate.maxDecodedBytes();
      }

      @Override
      public String toString() {
        return "LockRecorder(" + (wholeImages ? "whole images, " : "") + delegate + ")";
      }
    };
  }

  private DecodedImage record(Bytes data, DecodedImage img) {
    PixelRect part = img.decodedRegion();
    OptionalLong phash;
    try {
      phash = OptionalLong.of(NearDuplicates.hash(img, part));
    } catch (IllegalArgumentException | OutOfMemoryError e) {
      LOG.debug("no perceptual hash for {}: {}", img, e.toString());
      phash = OptionalLong.empty();
    }
    DecodeRecord rec =
        new DecodeRecord(
            img.width(), img.height(), phash, phash.isPresent() ? part : new PixelRect(0, 0, 0, 0));
    String url = bodyUrls.get(data);
    if (url == null) {
      bySha.merge(data.sha256(), rec, LockRecorder::better);
    } else {
      urls.computeIfPresent(
          url,
          (u, r) -> new UrlRecord(r.fetch(), r.decode() == null ? rec : better(r.decode(), rec)));
    }
    return img;
  }

  /**
   * The same body may be decoded twice (a row joined after a region read); a whole-image hash wins.
   */
  private static DecodeRecord better(DecodeRecord old, DecodeRecord now) {
    return old.phash().isPresent() && old.whole() ? old : now;
  }

  /** Drops the record of a URL whose body was refused as changed since the lockfile. */
  private DecodeException forgetIfRefused(Bytes data, DecodeException e) {
    if (e.reason() == Reason.CHANGED_SINCE_LOCK) {
      String url = bodyUrls.get(data);
      if (url != null) {
        urls.remove(url);
      }
    }
    return e;
  }

  /**
   * Returns an entry for every URL fetched so far, sorted by URL. A URL whose body was not decoded
   * (yet) has size 0 and no hash.
   */
  public List<LockEntry> entries() {
    List<LockEntry> out = new ArrayList<>();
    urls.forEach(
        (url, r) -> {
          FetchRecord f = r.fetch();
          DecodeRecord d = r.decode() != null ? r.decode() : bySha.get(f.sha256());
          out.add(
              new LockEntry(
                  url,
                  f.sha256(),
                  d == null ? 0 : d.width(),
                  d == null ? 0 : d.height(),
                  d == null ? OptionalLong.empty() : d.phash(),
                  d == null ? new PixelRect(0, 0, 0, 0) : d.hashed(),
                  f.etag(),
                  f.lastModified(),
                  f.at()));
        });
    out.sort(Comparator.comparing(LockEntry::url));
    return out;
  }

  /** Returns the number of URLs fetched so far. */
  public int size() {
    return urls.size();
  }

  @Override
  public String toString() {
    long decoded = urls.values().stream().filter(r -> r.decode() != null).count();
    return "LockRecorder[" + urls.size() + " fetched, " + decoded + " decoded]";
  }
}
