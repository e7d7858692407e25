package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTest {
  private static final Manifest CAN4000 = Manifest.can4000();

  private static List<Integer> ids(Manifest m) {
    return m.entries().stream().map(ManifestEntry::id).collect(Collectors.toList());
  }

  @Test
  void shuffled_isAPermutation_repeatablePerSeed() {
    Manifest a = CAN4000.shuffled(42);
    assertThat(ids(a)).containsExactlyInAnyOrderElementsOf(ids(CAN4000)).isNotEqualTo(ids(CAN4000));
    assertThat(ids(CAN4000.shuffled(42))).isEqualTo(ids(a));
    assertThat(ids(CAN4000.shuffled(43))).isNotEqualTo(ids(a));
    assertThat(a.source()).isEqualTo(CAN4000.source());
  }

  @Test
  void shuffled_isFixedAcrossRuns() {
    // pinned: the algorithm (Fisher-Yates on java.util.Random) must not change between releases
    assertThat(ids(CAN4000.shuffled(7)).subList(0, 5))
        .containsExactly(2404, 1759, 1691, 3957, 4361);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8, 100})
  void shards_areDisjointCovering_andKeepUrlsTogether(int count) {
    List<Integer> all = new ArrayList<>();
    Set<String> seenUrls = new HashSet<>();
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int i = 0; i < count; i++) {
      Manifest shard = CAN4000.shard(i, count);
      all.addAll(ids(shard));
      Set<String> urls = shard.distinctUrls();
      for (String u : urls) {
        assertThat(seenUrls.add(u)).as("URL %s in two shards", u).isTrue();
      }
      // in manifest order
      assertThat(ids(shard)).isSorted();
      assertThat(shard).usingRecursiveComparison().isEqualTo(CAN4000.shard(i, count));
      min = Math.min(min, shard.size());
      max = Math.max(max, shard.size());
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(ids(CAN4000)).hasSize(4305);
    int largestGroup =
        CAN4000.entries().stream()
            .collect(Collectors.groupingBy(ManifestEntry::url, Collectors.counting()))
            .values()
            .stream()
            .mapToInt(Long::intValue)
            .max()
            .orElseThrow();
    assertThat(max - min).isLessThanOrEqualTo(largestGroup);
  }

  @Test
  void shard_exactRows_forSharedUrls() {
    List<ManifestEntry> rows =
        List.of(
            ManifestEntry.of(0, "a", new Box(0.5, 0.5, 0.1, 0.1), "u1"),
            ManifestEntry.of(1, "a", new Box(0.5, 0.5, 0.1, 0.1), "u2"),
            ManifestEntry.of(2, "b", new Box(0.5, 0.5, 0.1, 0.1), "u1"),
            ManifestEntry.of(3, "b", new Box(0.5, 0.5, 0.1, 0.1), "u3"),
            ManifestEntry.of(4, "b", new Box(0.5, 0.5, 0.1, 0.1), "u4"));
    Manifest m = Manifest.of("t", rows);
    // u1 (2 rows) -> shard 0; u2 -> shard 1; u3 -> shard 1 (1 < 2); u4 -> tie 2:2 -> shard 0
    assertThat(ids(m.shard(0, 2))).containsExactly(0, 2, 4);
    assertThat(ids(m.shard(1, 2))).containsExactly(1, 3);
    assertThat(ids(m.shard(0, 9))).containsExactly(0, 2);
    assertThat(ids(m.shard(8, 9))).isEmpty();
  }

  @Test
  void shard_validates() {
    assertThatThrownBy(() -> CAN4000.shard(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shard count must be at least 1: 0");
    assertThatThrownBy(() -> CAN4000.shard(3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shard index must be between 0 and 2: 3");
  }

  @Test
  void buffered_isABoundedRepeatablePermutation() {
    List<Integer> in = IntStream.range(0, 1000).boxed().collect(Collectors.toList());
    List<Integer> out = Shuffle.buffered(in.stream(), 16, 5).collect(Collectors.toList());
    assertThat(out).containsExactlyInAnyOrderElementsOf(in).isNotEqualTo(in);
    for (int k = 0; k < out.size(); k++) {
      assertThat(out.get(k)).isLessThanOrEqualTo(k + 15);
    }
    assertThat(Shuffle.buffered(in.stream(), 16, 5).collect(Collectors.toList())).isEqualTo(out);
    assertThat(Shuffle.buffered(in.stream(), 16, 6).collect(Collectors.toList())).isNotEqualTo(out);
    assertThat(Shuffle.buffered(in.stream(), 1, 5).collect(Collectors.toList())).isEqualTo(in);
    assertThat(Shuffle.buffered(Stream.<Integer>empty(), 4, 5).count()).isZero();
  }

  @Test
  void buffered_readsLazily_andClosesSource() {
    AtomicBoolean closed = new AtomicBoolean();
    List<Integer> pulled = new ArrayList<>();
    Stream<Integer> src =
        IntStream.range(0, 100).boxed().peek(pulled::add).onClose(() -> closed.set(true));
    try (Stream<Integer> s = Shuffle.buffered(src, 10, 1)) {
      assertThat(pulled).isEmpty();
      assertThat(s.limit(3).count()).isEqualTo(3);
      assertThat(pulled).hasSize(12);
    }
    assertThat(closed).isTrue();
    assertThatThrownBy(() -> Shuffle.buffered(Stream.of(1), 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bufferSize must be between 1 and 16777216: 0");
  }

  @Test
  void datasetStream_followsGivenRows_sameSeedSameOrder() {
    List<ManifestEntry> rows = new ArrayList<>();
    MapFetcher f = new MapFetcher();
    byte[] png = TestImages.gradientPng(40, 20);
    for (int i = 0; i < 30; i++) {
      rows.add(ManifestEntry.of(i, "nevus", new Box(0.5, 0.5, 0.5, 0.5), "http://h/" + i + ".png"));
      f.put("http://h/" + i + ".png", png);
    }
    Manifest m = Manifest.of("t", rows);
    try (Dataset ds =
        Dataset.builder().manifest(m).fetcher(f).decoder(new JdkDecoder()).concurrency(2).build()) {
      List<Integer> first;
      try (Stream<Sample> s = ds.stream(m.shuffled(3))) {
        first = s.map(x -> x.entry().id()).collect(Collectors.toList());
      }
      assertThat(first).isEqualTo(ids(m.shuffled(3)));
      try (Stream<Sample> s = ds.stream(m.shuffled(3))) {
        assertThat(s.map(x -> x.entry().id()).collect(Collectors.toList())).isEqualTo(first);
      }
      try (Stream<Sample> s = ds.stream(m.shard(1, 3))) {
        assertThat(s.map(x -> x.entry().id()).collect(Collectors.toList()))
            .isEqualTo(ids(m.shard(1, 3)));
      }
    }
  }
}
