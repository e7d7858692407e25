package io.github.can4000.io.lock;

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
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses bodies whose picture changed since a lockfile, with {@link Reason#CHANGED_SINCE_LOCK};
 * obtain one from {@link Lockfiles#enforcer}. Wrap both the dataset's fetcher and its decoder:
 *
 * <pre>{@code
 * LockEnforcer strict = Lockfiles.enforcer(Lockfiles.read(lockFile));
 * Dataset.builder().fetcher(strict.wrap(fetcher)).decoder(strict.wrap(decoder))...
 * }</pre>
 *
 * <p>The fetcher wrapper sees the URL: a body with the locked SHA-256 passes untouched, as does a
 * URL that is not in the lockfile; other bytes of a locked URL whose entry has no perceptual hash
 * are refused at once; the rest are tagged for the decoder. The decoder wrapper decodes a tagged
 * body once, whole, and accepts it only if the perceptual hash of the locked {@linkplain
 * LockEntry#hashed() part}, scaled to the new size, is within the threshold (a re-encoded copy);
 * the image it decoded is the one the row is cropped from, so no body is decoded twice.
 * Thread-safe.
 */
public final class LockEnforcer {
  private static final Logger LOG = LoggerFactory.getLogger(LockEnforcer.class);

  private final Map<String, LockEntry> lock;
  private final int threshold;

  /** Bodies that differ from their lock entry, waiting for the decoder's check. */
  private final BodyTags<Pending> pending = new BodyTags<>();

  /**
   * The same by SHA-256, for a body the decoder gets as another object than the fetcher returned (a
   * decorator between them copied it); removed when checked.
   */
  private final Map<String, Pending> pendingBySha = new ConcurrentHashMap<>();

  private record Pending(String url, LockEntry locked) {}

  LockEnforcer(Iterable<LockEntry> entries, int threshold) {
    this.threshold = threshold;
    Map<String, LockEntry> m = new HashMap<>();
    for (LockEntry e : entries) {
      m.put(e.url(), e);
    }
    this.lock = Map.copyOf(m);
  }

  /**
   * Returns a fetcher that fetches with {@code delegate} and tags bodies that differ from the
   * lockfile for the decoder made by {@link #wrap(Decoder)}. Closing it closes the delegate.
   */
  public Fetcher wrap(Fetcher delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return new Fetcher() {
      @Override
      public Fetched fetch(String url) throws FetchException, InterruptedException {
        Fetched f = delegate.fetch(url);
        LockEntry locked = lock.get(url);
        if (locked == null) {
          LOG.debug("{} is not in the lockfile; accepted", url);
          return f;
        }
        String sha = f.body().sha256();
        if (sha.equals(locked.sha256())) {
          return f;
        }
        if (locked.phash().isEmpty()) {
          throw new FetchException(
              Reason.CHANGED_SINCE_LOCK,
              f.url(),
              f.httpStatus(),
              f.attempts(),
              "bytes differ from the lockfile, which has no perceptual hash to compare");
        }
        Pending p = new Pending(url, locked);
        pending.put(f.body(), p);
        pendingBySha.put(sha, p);
        return f;
      }

      @Override
      public void close() {
        delegate.close();
      }

      @Override
      public String toString() {
        return "LockEnforcer("
            + lock.size()
            + " locked URLs, threshold "
            + threshold
            + ", "
            + delegate
            + ")";
      }
    };
  }

  /**
   * Returns a decoder that decodes with {@code delegate} and checks the bodies the fetcher made by
   * {@link #wrap(Fetcher)} tagged: such a body is decoded whole (whatever region is asked for) and
   * refused with {@link Reason#CHANGED_SINCE_LOCK} unless its locked part still looks the same.
   */
  public Decoder wrap(Decoder delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return new Decoder() {
      @Override
      public DecodedImage decode(Bytes data) throws DecodeException {
        Pending p = pendingFor(data);
        return p == null ? delegate.decode(data) : checked(delegate, data, p);
      }

      @Override
      public DecodedImage decode(Bytes data, RegionHint hint) throws DecodeException {
        Pending p = pendingFor(data);
        return p == null ? delegate.decode(data, hint) : checked(delegate, data, p);
      }

      @Override
      public long decodedBytes(Bytes data, RegionHint hint) {
        return delegate.decodedBytes(data, pendingFor(data) == null ? hint : RegionHint.WHOLE);
      }

      @Override
      public long maxDecodedBytes() {
        return delegate.maxDecodedBytes();
      }

      @Override
      public String toString() {
        return "LockEnforcer(" + delegate + ")";
      }
    };
  }

  private Pending pendingFor(Bytes data) {
    Pending p = pending.get(data);
    if (p == null && !pendingBySha.isEmpty()) {
      p = pendingBySha.get(data.sha256());
    }
    return p;
  }

  private DecodedImage checked(Decoder delegate, Bytes data, Pending p) throws DecodeException {
    pendingBySha.remove(data.sha256(), p);
    LockEntry locked = p.locked();
    DecodedImage img;
    long now;
    try {
      img = delegate.decode(data);
      now = NearDuplicates.hash(img, locked.hashedIn(img.width(), img.height()));
    } catch (DecodeException | IllegalArgumentException e) {
      throw new DecodeException(
          Reason.CHANGED_SINCE_LOCK,
          "bytes differ from the lockfile and do not decode: " + e.getMessage(),
          e);
    }
    int d = NearDuplicates.distance(now, locked.phash().getAsLong());
    if (d > threshold) {
      throw new DecodeException(
          Reason.CHANGED_SINCE_LOCK,
          "picture changed since the lockfile (perceptual hash distance "
              + d
              + " > "
              + threshold
              + ")");
    }
    LOG.info("{} was re-encoded since the lockfile (distance {}); accepted", p.url(), d);
    return img;
  }

  @Override
  public String toString() {
    return "LockEnforcer[" + lock.size() + " locked URLs, threshold " + threshold + "]";
  }
}
