package io.github.can4000.io.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SplitsTest {
  private static final Manifest CAN4000 = Manifest.can4000();

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /** A random manifest: rows share URLs, and some URLs are grouped into clusters. */
  record Synthetic(Manifest manifest, List<Set<String>> clusters) {}

  static Synthetic synthetic(long seed) {
    Random r = new Random(seed * 31 + 7);
    int urls = 1 + r.nextInt(120);
    int rows = urls + r.nextInt(2 * urls + 1);
    String[] labels = {"nevus", "melanoma", "bcc", "scc"};
    int labelCount = 1 + r.nextInt(labels.length);
    List<ManifestEntry> entries = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      // the first `urls` rows use each URL once, the rest repeat URLs with a skew
      int u = i < urls ? i : (int) Math.floor(Math.pow(r.nextDouble(), 3) * urls);
      String label = labels[r.nextInt(labelCount)];
      entries.add(
          ManifestEntry.of(
              i,
              label,
              new Box(0.5, 0.5, 0.2, 0.2),
              "https://h"
                  + (u % 7)
                  + ".example/p"
                  + u
                  + (u % 5 == 0 ? " with space.jpg" : ".jpg")));
    }
    List<Set<String>> clusters = new ArrayList<>();
    List<String> distinct = new ArrayList<>(Manifest.of("x", entries).distinctUrls());
    int clusterCount = r.nextInt(1 + distinct.size() / 4);
    for (int c = 0; c < clusterCount; c++) {
      Set<String> cluster = new HashSet<>();
      int size = 2 + r.nextInt(3);
      for (int k = 0; k < size; k++) {
        cluster.add(distinct.get(r.nextInt(distinct.size())));
      }
      if (r.nextInt(10) == 0) {
        cluster.add("https://not-in-manifest.example/" + c);
      }
      clusters.add(cluster);
    }
    return new Synthetic(Manifest.of("synthetic-" + seed, entries), clusters);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void split_randomManifest_keepsUrlsAndClustersOnOneSideAndEveryRowOnce(long seed) {
    Synthetic s = synthetic(seed);
    Split split =
        Splits.builder()
            .side("train", 0.8)
            .side("val", 0.1)
            .side("test", 0.1)
            .seed(seed)
            .urlClusters(s.clusters())
            .build()
            .split(s.manifest());

    // every row exactly once
    List<ManifestEntry> all = new ArrayList<>();
    split.views().values().forEach(m -> all.addAll(m.entries()));
    assertThat(all).hasSize(s.manifest().size());
    assertThat(all).containsExactlyInAnyOrderElementsOf(s.manifest().entries());
    Map<String, String> sideOfUrl = new HashMap<>();
    for (String side : split.names()) {
      for (ManifestEntry e : split.get(side).entries()) {
        String before = sideOfUrl.putIfAbsent(e.url(), side);
        assertThat(before).as("URL %s", e.url()).isIn(null, side);
      }
    }
    // no cluster spans two sides
    for (Set<String> cluster : s.clusters()) {
      Set<String> sides = new HashSet<>();
      for (String url : cluster) {
        if (sideOfUrl.containsKey(url)) {
          sides.add(sideOfUrl.get(url));
        }
      }
      assertThat(sides).as("sides of cluster %s", cluster).hasSizeLessThanOrEqualTo(1);
    }
    assertThat(split.leakage().isClean()).isTrue();
    assertThat(split.leakage().urls()).isEqualTo(s.manifest().distinctUrls().size());
    // sideOf agrees with the views
    for (int i = 0; i < s.manifest().size(); i++) {
      assertThat(split.sideOf(i)).isEqualTo(sideOfUrl.get(s.manifest().entries().get(i).url()));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2, 3, 42, 1234, -7, Long.MAX_VALUE})
  void split_can4000_realisesRequestedFractionsPerLabel(long seed) {
    Split split = Splits.split(CAN4000, seed, 0.8, 0.1, 0.1);

    assertThat(split.names()).containsExactly("train", "val", "test");
    assertThat(split.leakage().isClean()).isTrue();
    assertThat(split.counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4305);
    split
        .fractions()
        .forEach(
            (side, f) ->
                assertThat(f)
                    .as(side)
                    .isCloseTo(
                        split.requestedFractions().get(side),
                        org.assertj.core.data.Offset.offset(0.005)));
    split
        .fractionsByLabel()
        .forEach(
            (label, sides) ->
                sides.forEach(
                    (side, f) ->
                        assertThat(f)
                            .as(label + "/" + side)
                            .isCloseTo(
                                split.requestedFractions().get(side),
                                org.assertj.core.data.Offset.offset(0.01))));
  }

  @Test
  void split_sameSeed_sameSplit_otherSeed_otherSplit() {
    Split a = Splits.split(CAN4000, 5, 0.8, 0.1, 0.1);
    Split b = Splits.split(CAN4000, 5, 0.8, 0.1, 0.1);
    Split c = Splits.split(CAN4000, 6, 0.8, 0.1, 0.1);
    assertThat(a.get("val").entries()).isEqualTo(b.get("val").entries());
    assertThat(a.get("val").entries()).isNotEqualTo(c.get("val").entries());
  }

  @Test
  void split_clusterJoinsTwoUrls_bothOnOneSide() {
    List<ManifestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      entries.add(
          ManifestEntry.of(i, i % 2 == 0 ? "a" : "b", new Box(0.5, 0.5, 0.1, 0.1), "u" + i));
    }
    Manifest m = Manifest.of("m", entries);
    for (long seed = 0; seed < 50; seed++) {
      Split split =
          Splits.builder()
              .side("train", 0.5)
              .side("test", 0.5)
              .seed(seed)
              .urlClusters(List.of(Set.of("u1", "u2", "u3"), Set.of("u3", "u50")))
              .build()
              .split(m);
      assertThat(
              new HashSet<>(
                  List.of(split.sideOf(1), split.sideOf(2), split.sideOf(3), split.sideOf(50))))
          .hasSize(1);
      assertThat(split.leakage().clusters()).isEqualTo(2);
    }
  }

  @Test
  void views_workAsDatasetManifests() {
    Split split = Splits.split(CAN4000, 1, 0.9, 0.1);
    assertThat(split.names()).containsExactly("train", "test");
    Manifest test = split.get("test");
    assertThat(test.source()).isEqualTo(Manifest.BUNDLED_NAME);
    assertThat(test.entries()).isSortedAccordingTo((x, y) -> Integer.compare(x.id(), y.id()));
    assertThatThrownBy(() -> split.get("val")).hasMessageContaining("no side \"val\"");
  }

  @Test
  void writeCsv_oneLinePerRowWithSide(@TempDir Path dir) throws IOException {
    List<ManifestEntry> entries =
        List.of(
            ManifestEntry.of(7, "a", new Box(0.5, 0.5, 0.1, 0.1), "https://x/a,b.jpg"),
            ManifestEntry.of(8, "b", new Box(0.5, 0.5, 0.1, 0.1), "https://x/c d.jpg"));
    Split split =
        Splits.builder()
            .side("train", 0.5)
            .side("test", 0.5)
            .build()
            .split(Manifest.of("m", entries));
    Path file = dir.resolve("sub/split.csv");
    split.writeCsv(file);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("no,label,url,split");
    assertThat(lines.get(1)).startsWith("00007,a,\"https://x/a,b.jpg\",");
    assertThat(lines.get(2)).startsWith("00008,b,https://x/c d.jpg,");
    StringWriter w = new StringWriter();
    split.writeCsv(w);
    assertThat(w.toString().lines().toList()).isEqualTo(lines);
    try (var files = Files.list(file.getParent())) {
      assertThat(files.count()).isEqualTo(1);
    }
  }

  @Test
  void builder_checksArgumentsAtOnce() {
    assertThatThrownBy(() -> Splits.builder().side("train", 0))
        .hasMessageContaining("in (0, 1]: 0.0");
    assertThatThrownBy(() -> Splits.builder().side("a,b", 0.5)).hasMessageContaining("\"a,b\"");
    assertThatThrownBy(() -> Splits.builder().side("x", 0.5).side("x", 0.5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already added");
    assertThatThrownBy(() -> Splits.builder().seed(1).seed(2))
        .hasMessageContaining("already set to 1");
    assertThatThrownBy(() -> Splits.builder().side("x", 1).build())
        .hasMessageContaining("at least two");
    assertThatThrownBy(() -> Splits.builder().side("x", 0.5).side("y", 0.4).build())
        .hasMessageContaining("sum to 1");
    assertThatThrownBy(() -> Splits.split(CAN4000, 0, 0.5, 0.6)).hasMessageContaining("sum to 1");
  }

  @Test
  void builder_isReusable() {
    Splits.Builder b = Splits.builder().side("a", 0.5).side("b", 0.5);
    Splitter s1 = b.build();
    Splitter s2 = b.build();
    assertThat(s1.sides()).isEqualTo(s2.sides());
  }
}
