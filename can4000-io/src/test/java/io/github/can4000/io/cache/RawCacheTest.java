package io.github.can4000.io.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Reason;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawCacheTest {
  @TempDir Path dir;

  @Test
  void wrap_missThenHit() throws Exception {
    MapFetcher upstream = CacheBodies.fetcher(3);
    RawCache cache = RawCache.open(dir, 1L << 30);
    try (Fetcher f = cache.wrap(upstream)) {
      Fetched first = f.fetch(CacheBodies.url(1));
      Fetched second = f.fetch(CacheBodies.url(1));
      assertThat(first.body().toByteArray()).isEqualTo(CacheBodies.body(1));
      assertThat(second.body()).isEqualTo(first.body());
      assertThat(second.httpStatus()).isEqualTo(200);
      assertThat(upstream.calls(CacheBodies.url(1))).isEqualTo(1);
    }
    assertThat(upstream.isClosed()).isTrue();
  }

  @Test
  void open_sameDirectory_reusesEntriesAcrossRunsAndManifests() throws Exception {
    try (Fetcher f = RawCache.open(dir, 1L << 30).wrap(CacheBodies.fetcher(2))) {
      f.fetch(CacheBodies.url(0));
    }
    MapFetcher second = CacheBodies.fetcher(2);
    try (Fetcher f = RawCache.open(dir, 1L << 30).wrap(second)) {
      assertThat(f.fetch(CacheBodies.url(0)).body().toByteArray()).isEqualTo(CacheBodies.body(0));
      f.fetch(CacheBodies.url(1));
    }
    assertThat(second.calls(CacheBodies.url(0))).isZero();
    assertThat(second.calls(CacheBodies.url(1))).isEqualTo(1);
  }

  @Test
  void wrap_upstreamFailure_isPassedOnAndNotCached() throws Exception {
    MapFetcher upstream = new MapFetcher();
    RawCache cache = RawCache.open(dir, 1L << 30);
    Fetcher f = cache.wrap(upstream);
    assertThatThrownBy(() -> f.fetch("http://x/missing.png"))
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS));
    assertThat(cache.contains("http://x/missing.png")).isFalse();
  }

  @Test
  void offline_servesCachedAndFailsNotCachedForTheRest() throws Exception {
    RawCache cache = RawCache.open(dir, 1L << 30);
    cache.wrap(CacheBodies.fetcher(1)).fetch(CacheBodies.url(0));
    Fetcher offline = cache.offline();
    assertThat(offline.fetch(CacheBodies.url(0)).body().toByteArray())
        .isEqualTo(CacheBodies.body(0));
    assertThatThrownBy(() -> offline.fetch(CacheBodies.url(1)))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NOT_CACHED);
              assertThat(e.url()).isEqualTo(CacheBodies.url(1));
            });
  }

  @Test
  void open_nonPositiveBound_isRefused() {
    assertThatThrownBy(() -> RawCache.open(dir, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBytes")
        .hasMessageContaining("0");
  }

  @Test
  void write_overBound_staysWithinBound() throws Exception {
    // bodies 0..9 are 1000..~20000 bytes; a bound of 60 kB holds a few of them
    long bound = 60_000;
    RawCache cache = RawCache.open(dir, bound);
    MapFetcher upstream = CacheBodies.fetcher(40);
    Fetcher f = cache.wrap(upstream);
    f.fetch(CacheBodies.url(0));
    f.fetch(CacheBodies.url(3));
    ageAllBodies();
    f.fetch(CacheBodies.url(0)); // a hit: 0 is now the most recently used, 3 the least
    assertThat(upstream.calls(CacheBodies.url(0))).isEqualTo(1);
    for (int i = 10; i < 40; i++) {
      f.fetch(CacheBodies.url(i));
      assertThat(cache.sizeOnDisk()).isLessThanOrEqualTo(bound);
    }
    assertThat(cache.contains(CacheBodies.url(3))).isFalse();
    assertThat(cache.contains(CacheBodies.url(39))).isTrue();
  }

  @Test
  void write_overBound_evictsInOrderOfLastUse() throws Exception {
    long bound = 60_000; // evicts down to 54 000
    RawCache cache = RawCache.open(dir, bound);
    Fetcher f = cache.wrap(CacheBodies.fetcher(40));
    int[] ids = {0, 3, 20, 21, 24}; // 1000, 4757, 19380, 7299 and 11056 bytes
    for (int id : ids) {
      f.fetch(CacheBodies.url(id));
    }
    long now = System.currentTimeMillis();
    setLastUse(0, now - 6 * 3_600_000);
    setLastUse(3, now - 5 * 3_600_000);
    setLastUse(20, now - 4 * 3_600_000);
    setLastUse(21, now - 3 * 3_600_000);
    setLastUse(24, now - 2 * 3_600_000);
    f.fetch(CacheBodies.url(0)); // a hit: 0 becomes the most recently used
    f.fetch(CacheBodies.url(15)); // 19785 bytes: over the bound; 3 then 20 go
    assertThat(cache.contains(CacheBodies.url(3))).isFalse();
    assertThat(cache.contains(CacheBodies.url(20))).isFalse();
    for (int id : new int[] {0, 21, 24, 15}) {
      assertThat(cache.contains(CacheBodies.url(id))).as("entry %d", id).isTrue();
    }
    assertThat(cache.sizeOnDisk()).isLessThanOrEqualTo(bound / 10 * 9);
  }

  @Test
  void open_overBound_evictsAtOnce() throws Exception {
    Fetcher f = RawCache.open(dir, 1L << 30).wrap(CacheBodies.fetcher(20));
    for (int i = 0; i < 20; i++) {
      f.fetch(CacheBodies.url(i));
    }
    RawCache small = RawCache.open(dir, 30_000);
    assertThat(small.sizeOnDisk()).isLessThanOrEqualTo(30_000);
  }

  @Test
  void write_bodyOverBound_isNotStored() throws Exception {
    RawCache cache = RawCache.open(dir, 500);
    Fetched f = cache.wrap(CacheBodies.fetcher(1)).fetch(CacheBodies.url(0));
    assertThat(f.body().size()).isEqualTo(1000);
    assertThat(cache.contains(CacheBodies.url(0))).isFalse();
  }

  @Test
  void read_truncatedBody_isIgnoredAndRefetched() throws Exception {
    corruptAndRefetch(body -> Files.write(body, new byte[] {1, 2, 3}));
  }

  @Test
  void read_flippedByte_isIgnoredAndRefetched() throws Exception {
    corruptAndRefetch(
        body -> {
          byte[] b = Files.readAllBytes(body);
          b[b.length / 2] ^= 0x55;
          Files.write(body, b);
        });
  }

  @Test
  void read_missingBody_isIgnoredAndRefetched() throws Exception {
    corruptAndRefetch(Files::delete);
  }

  @Test
  void read_garbageSidecar_isIgnoredAndRefetched() throws Exception {
    corruptAndRefetch(body -> Files.writeString(meta(body), "\\u00zz garbage"));
  }

  @Test
  void read_missingSidecar_isAMiss() throws Exception {
    corruptAndRefetch(body -> Files.delete(meta(body)));
  }

  @Test
  void read_strayTempFiles_areNeverRead() throws Exception {
    RawCache cache = RawCache.open(dir, 1L << 30);
    cache.wrap(CacheBodies.fetcher(1)).fetch(CacheBodies.url(0));
    Path body = bodies().get(0);
    Files.write(body.resolveSibling("." + body.getFileName() + ".123.tmp"), new byte[] {9});
    assertThat(cache.offline().fetch(CacheBodies.url(0)).body().toByteArray())
        .isEqualTo(CacheBodies.body(0));
    assertThat(cache.sizeOnDisk()).isLessThan(2_000);
  }

  @Test
  void layout_isShardedBySha256OfUrl() throws Exception {
    RawCache cache = RawCache.open(dir, 1L << 30);
    cache.wrap(CacheBodies.fetcher(1)).fetch(CacheBodies.url(0));
    String key = RawCache.key(CacheBodies.url(0));
    assertThat(key).hasSize(64);
    assertThat(dir.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key + ".body"))
        .exists();
    assertThat(dir.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key + ".meta"))
        .exists();
  }

  private interface Damage {
    void apply(Path body) throws IOException;
  }

  private void corruptAndRefetch(Damage damage) throws Exception {
    RawCache cache = RawCache.open(dir, 1L << 30);
    MapFetcher upstream = CacheBodies.fetcher(1);
    Fetcher f = cache.wrap(upstream);
    f.fetch(CacheBodies.url(0));
    damage.apply(bodies().get(0));
    assertThat(cache.contains(CacheBodies.url(0))).isFalse();
    assertThatThrownBy(() -> cache.offline().fetch(CacheBodies.url(0)))
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_CACHED));
    assertThat(f.fetch(CacheBodies.url(0)).body().toByteArray()).isEqualTo(CacheBodies.body(0));
    assertThat(upstream.calls(CacheBodies.url(0))).isEqualTo(2);
    assertThat(cache.offline().fetch(CacheBodies.url(0)).body().toByteArray())
        .isEqualTo(CacheBodies.body(0));
  }

  private static Path meta(Path body) {
    String name = body.getFileName().toString();
    return body.resolveSibling(name.replace(".body", ".meta"));
  }

  private List<Path> bodies() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".body")).toList();
    }
  }

  private void setLastUse(int id, long millis) throws IOException {
    String key = RawCache.key(CacheBodies.url(id));
    Path body =
        dir.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key + ".body");
    Files.setLastModifiedTime(body, FileTime.fromMillis(millis));
  }

  private void ageAllBodies() throws IOException {
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    for (Path b : bodies()) {
      Files.setLastModifiedTime(b, old);
    }
  }
}
