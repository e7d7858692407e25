package io.github.can4000.io.cache;

import io.github.can4000.fixtures.MapFetcher;
import java.util.Random;

/** Deterministic source bodies shared by the cache tests and the child processes they start. */
final class CacheBodies {
  private CacheBodies() {}

  static String url(int i) {
    return "http://images.example/set/img " + i + ".jpg";
  }

  static byte[] body(int i) {
    byte[] b = new byte[1_000 + (i * 7_919) % 20_000];
    new Random(i).nextBytes(b);
    return b;
  }

  static MapFetcher fetcher(int n) {
    MapFetcher f = new MapFetcher();
    for (int i = 0; i < n; i++) {
      f.put(url(i), body(i));
    }
    return f;
  }
}
