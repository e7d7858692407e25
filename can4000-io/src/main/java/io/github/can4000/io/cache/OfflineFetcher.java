package io.github.can4000.io.cache;

import io.github.can4000.Reason;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;

/**
 * Reads a {@link RawCache} only; anything it does not hold fails with {@link Reason#NOT_CACHED}.
 */
final class OfflineFetcher implements Fetcher {
  private final RawCache cache;

  OfflineFetcher(RawCache cache) {
    this.cache = cache;
  }

  @Override
  public Fetched fetch(String url) throws FetchException {
    return cache
        .read(url, true)
        .orElseThrow(
            () ->
                new FetchException(
                    Reason.NOT_CACHED, url, 0, 0, "not in the offline cache " + cache.directory()));
  }

  @Override
  public String toString() {
    return "RawCache.offline() in " + cache.directory();
  }
}
