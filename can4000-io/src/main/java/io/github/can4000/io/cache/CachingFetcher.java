package io.github.can4000.io.cache;

import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads through a {@link RawCache}: hits come from disk, misses from upstream and are stored. */
final class CachingFetcher implements Fetcher {
  private static final Logger LOG = LoggerFactory.getLogger(CachingFetcher.class);
  private final RawCache cache;
  private final Fetcher upstream;

  CachingFetcher(RawCache cache, Fetcher upstream) {
    this.cache = cache;
    this.upstream = upstream;
  }

  @Override
  public Fetched fetch(String url) throws FetchException, InterruptedException {
    Optional<Fetched> hit = cache.read(url, true);
    if (hit.isPresent()) {
      return hit.get();
    }
    Fetched fetched = upstream.fetch(url);
    try {
      cache.write(fetched);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot store {} in {}: {}", url, cache.directory(), e.toString());
    }
    return fetched;
  }

  @Override
  public void close() {
    upstream.close();
  }

  @Override
  public String toString() {
    return "RawCache.wrap(" + upstream + ") in " + cache.directory();
  }
}
