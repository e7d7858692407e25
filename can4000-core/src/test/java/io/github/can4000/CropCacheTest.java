package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CropCacheTest {
  /** An unbounded map cache. */
  static final class MapCache implements CropCache {
    final Map<ManifestEntry, Sample> map = new ConcurrentHashMap<>();

    @Override
    public Optional<Sample> get(ManifestEntry entry) {
      return Optional.ofNullable(map.get(entry));
    }

    @Override
    public void put(Sample sample) {
      map.put(sample.entry(), sample);
    }
  }

  private final MapFetcher fetcher = new MapFetcher();
  private final Manifest manifest;

  CropCacheTest() {
    List<ManifestEntry> rows = new ArrayList<>();
    byte[] png = TestImages.gradientPng(60, 40);
    for (int i = 0; i < 12; i++) {
      rows.add(
          ManifestEntry.of(
              i, i % 2 == 0 ? "a" : "b", new Box(0.5, 0.5, 0.5, 0.5), "http://h/" + i + ".png"));
      fetcher.put("http://h/" + i + ".png", png);
    }
    rows.add(ManifestEntry.of(12, "a", new Box(0.5, 0.5, 0.5, 0.5), "http://h/missing.png"));
    manifest = Manifest.of("t", rows);
  }

  @Test
  void secondPass_fetchesNothingCached_sameSamples() {
    MapCache cache = new MapCache();
    try (Dataset ds =
        Dataset.builder()
            .manifest(manifest)
            .fetcher(fetcher)
            .decoder(new JdkDecoder())
            .cropper(Cropper.reference().resize(8, 8))
            .cache(cache)
            .build()) {
      List<Sample> first;
      try (Stream<Sample> s = ds.stream()) {
        first = s.collect(Collectors.toList());
      }
      assertThat(first).hasSize(12);
      assertThat(fetcher.totalCalls()).isEqualTo(13);
      assertThat(cache.map).hasSize(12);
      List<RowResult> second;
      try (Stream<RowResult> s = ds.results(manifest.shuffled(1))) {
        second = s.collect(Collectors.toList());
      }
      // only the failed row is tried again
      assertThat(fetcher.totalCalls()).isEqualTo(14);
      assertThat(fetcher.calls("http://h/missing.png")).isEqualTo(2);
      List<Sample> again =
          second.stream().flatMap(r -> r.sample().stream()).collect(Collectors.toList());
      assertThat(again).containsExactlyInAnyOrderElementsOf(first);
      RowResult hit =
          second.stream().filter(r -> r.outcome().isSuccess()).findFirst().orElseThrow();
      assertThat(hit.outcome().attempts()).isZero();
      assertThat(hit.outcome().sourceWidth()).isEqualTo(60);
      assertThat(hit.outcome().rect()).isEqualTo(new PixelRect(15, 10, 45, 30));
    }
  }

  @Test
  void writeTo_writesCachedCrops_withoutFetching() {
    MapCache cache = new MapCache();
    try (Dataset ds =
        Dataset.builder()
            .manifest(manifest)
            .fetcher(fetcher)
            .decoder(new JdkDecoder())
            .cache(cache)
            .build()) {
      try (Stream<Sample> s = ds.stream()) {
        assertThat(s.count()).isEqualTo(12);
      }
      int calls = fetcher.totalCalls();
      List<Sample> written = new java.util.concurrent.CopyOnWriteArrayList<>();
      RunReport r = ds.writeTo(written::add);
      assertThat(r.written()).isEqualTo(12);
      assertThat(written).hasSize(12);
      assertThat(fetcher.totalCalls()).isEqualTo(calls + 1);
    }
  }

  @Test
  void brokenCache_isIgnored() {
    CropCache broken =
        new CropCache() {
          @Override
          public Optional<Sample> get(ManifestEntry entry) {
            throw new IllegalStateException("boom");
          }

          @Override
          public void put(Sample sample) {
            throw new IllegalStateException("boom");
          }
        };
    try (Dataset ds =
            Dataset.builder()
                .manifest(manifest)
                .fetcher(fetcher)
                .decoder(new JdkDecoder())
                .cache(broken)
                .build();
        Stream<Sample> s = ds.stream()) {
      assertThat(s.count()).isEqualTo(12);
    }
  }
}
