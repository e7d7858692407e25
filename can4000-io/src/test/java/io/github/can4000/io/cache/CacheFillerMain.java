package io.github.can4000.io.cache;

import io.github.can4000.spi.Fetcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Run in a child JVM by {@link RawCacheTwoProcessTest}: fills a cache directory with {@link
 * CacheBodies} from 4 threads, in a shuffled order, twice. Args: dir maxBytes count seed.
 */
public final class CacheFillerMain {
  private CacheFillerMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long maxBytes = Long.parseLong(args[1]);
    int n = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    RawCache cache = RawCache.open(dir, maxBytes);
    List<Integer> order = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
    }
    Collections.shuffle(order, new Random(seed));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Fetcher fetcher = cache.wrap(CacheBodies.fetcher(n))) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i : order) {
        futures.add(
            pool.submit(
                () -> {
                  byte[] got = fetcher.fetch(CacheBodies.url(i)).body().toByteArray();
                  if (!java.util.Arrays.equals(got, CacheBodies.body(i))) {
                    throw new AssertionError("wrong body for " + i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
