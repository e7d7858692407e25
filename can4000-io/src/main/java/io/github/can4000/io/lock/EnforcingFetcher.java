package io.github.can4000.io.lock;

import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import io.github.can4000.Reason;
import io.github.can4000.io.dedupe.NearDuplicates;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refuses fetched bodies whose picture is not the locked one; see {@link Lockfiles#enforce}. */
final class EnforcingFetcher implements Fetcher {
  private static final Logger LOG = LoggerFactory.getLogger(EnforcingFetcher.class);

  private final Fetcher delegate;
  private final Decoder decoder;
  private final Map<String, LockEntry> lock;
  private final int threshold;

  EnforcingFetcher(Fetcher delegate, Decoder decoder, Iterable<LockEntry> entries, int threshold) {
    this.delegate = delegate;
    this.decoder = decoder;
    this.threshold = threshold;
    Map<String, LockEntry> m = new HashMap<>();
    for (LockEntry e : entries) {
      m.put(e.url(), e);
    }
    this.lock = Map.copyOf(m);
  }

  @Override
  public Fetched fetch(String url) throws FetchException, InterruptedException {
    Fetched f = delegate.fetch(url);
    LockEntry locked = lock.get(url);
    if (locked == null) {
      LOG.debug("{} is not in the lockfile; accepted", url);
      return f;
    }
    if (f.body().sha256().equals(locked.sha256())) {
      return f;
    }
    if (locked.phash().isEmpty()) {
      throw refuse(f, "bytes differ from the lockfile, which has no perceptual hash to compare");
    }
    long now;
    try {
      DecodedImage img = decoder.decode(f.body());
      now = NearDuplicates.hash(img, locked.hashedIn(img.width(), img.height()));
    } catch (DecodeException | IllegalArgumentException e) {
      throw refuse(f, "bytes differ from the lockfile and do not decode: " + e.getMessage());
    }
    int d = NearDuplicates.distance(now, locked.phash().getAsLong());
    if (d > threshold) {
      throw refuse(f, "picture changed since the lockfile (perceptual hash distance " + d + " > " + threshold + ")");
    }
    LOG.info("{} was re-encoded since the lockfile (distance {}); accepted", url, d);
    return f;
  }

  private static FetchException refuse(Fetched f, String message) {
    return new FetchException(Reason.CHANGED_SINCE_LOCK, f.url(), f.httpStatus(), f.attempts(), message);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "EnforcingFetcher[" + lock.size() + " locked URLs, threshold " + threshold + ", " + delegate + "]";
  }
}
