package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCropsTest {
  @Test
  void load_keepsSuccessfulCrops_fixedSizeRgb_withClassIndices() {
    BufferedImage gray = new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY);
    MapFetcher f =
        new MapFetcher()
            .put("http://h/rgb.png", TestImages.gradientPng(80, 40))
            .put("http://h/gray.png", TestImages.encode(gray, "png"));
    List<ManifestEntry> rows =
        List.of(
            ManifestEntry.of(0, "nevus", new Box(0.5, 0.5, 0.5, 0.5), "http://h/rgb.png"),
            ManifestEntry.of(1, "melanoma", new Box(0.5, 0.5, 0.2, 0.9), "http://h/gray.png"),
            ManifestEntry.of(2, "nevus", new Box(0.5, 0.5, 0.5, 0.5), "http://h/missing.png"));
    Manifest m = Manifest.of("t", rows);
    List<Outcome> seen = new ArrayList<>();
    try (Dataset ds = Dataset.builder().manifest(m).fetcher(f).decoder(new JdkDecoder()).build()) {
      TrainingCrops crops = TrainingCrops.load(ds, m, LabelIndex.of(m), 12, 10, seen::add);
      assertThat(crops.size()).isEqualTo(2);
      assertThat(crops.label(0)).isEqualTo(1);
      assertThat(crops.label(1)).isEqualTo(0);
      assertThat(crops.entry(1).id()).isEqualTo(1);
      for (int i = 0; i < 2; i++) {
        assertThat(crops.image(i).width()).isEqualTo(12);
        assertThat(crops.image(i).height()).isEqualTo(10);
        assertThat(crops.image(i).channels()).isEqualTo(3);
      }
      assertThat(crops.failures()).extracting(o -> o.entry().id()).containsExactly(2);
      assertThat(seen).hasSize(3);
      assertThat(crops)
          .hasToString("TrainingCrops[2 crops 12x10, 1 failed, LabelIndex[melanoma, nevus]]");
      assertThatThrownBy(() -> TrainingCrops.load(ds, m, LabelIndex.of(List.of("nevus")), 8, 8))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("label 'melanoma'");
      assertThatThrownBy(() -> TrainingCrops.load(ds, m, LabelIndex.of(m), 0, 8))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static Manifest rows(MapFetcher f, int n) {
    List<ManifestEntry> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String url = "http://h/" + (i % 3) + ".png";
      f.put(url, TestImages.gradientPng(60 + 10 * (i % 3), 40));
      rows.add(
          ManifestEntry.of(
              i, i % 2 == 0 ? "melanoma" : "nevus", new Box(0.5, 0.5, 0.2 + 0.01 * i, 0.5), url));
    }
    rows.add(ManifestEntry.of(n, "nevus", new Box(0.5, 0.5, 0.5, 0.5), "http://h/missing.png"));
    return Manifest.of("t", rows);
  }

  @Test
  void store_writesTheSameCropsAsLoad_andOpenReadsThemAgain(@TempDir Path tmp) throws IOException {
    MapFetcher f = new MapFetcher();
    Manifest m = rows(f, 25);
    Path dir = tmp.resolve("store");
    try (Dataset ds = Dataset.builder().manifest(m).fetcher(f).decoder(new JdkDecoder()).build()) {
      TrainingCrops heap = TrainingCrops.load(ds, m, LabelIndex.of(m), 9, 7);
      TrainingCrops disk = TrainingCrops.store(ds, m, LabelIndex.of(m), 9, 7, dir);
      TrainingCrops again = TrainingCrops.open(dir);
      assertThat(disk.size()).isEqualTo(25).isEqualTo(heap.size()).isEqualTo(again.size());
      assertThat(disk.failures()).hasSize(1);
      assertThat(again.failures()).isEmpty();
      assertThat(disk.directory()).contains(dir);
      assertThat(heap.directory()).isEmpty();
      assertThat(again.labels()).isEqualTo(heap.labels());
      float[] a = new float[3 * 9 * 7];
      float[] b = new float[3 * 9 * 7];
      for (int i = 0; i < 25; i++) {
        assertThat(disk.image(i)).isEqualTo(heap.image(i)).isEqualTo(again.image(i));
        assertThat(again.label(i)).isEqualTo(heap.label(i));
        assertThat(again.entry(i)).isEqualTo(heap.entry(i));
        heap.toFloatArray(i, ImageData.Layout.CHW, Normalization.IMAGENET, a, 0);
        again.toFloatArray(i, ImageData.Layout.CHW, Normalization.IMAGENET, b, 0);
        assertThat(b)
            .containsExactly(a)
            .containsExactly(
                heap.image(i).toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET));
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("crops-00000.bin", "index.tsv");
      }
      assertThat(Files.size(dir.resolve("crops-00000.bin"))).isEqualTo(25L * 9 * 7 * 3);
      assertThat(disk.toString()).endsWith(", in " + dir + "]");

      assertThatThrownBy(() -> TrainingCrops.store(ds, m, LabelIndex.of(m), 9, 7, dir))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("crop store directory must be empty: " + dir);
      assertThatThrownBy(
              () ->
                  heap.toFloatArray(
                      0,
                      ImageData.Layout.CHW,
                      Normalization.of(new float[] {0, 0, 0, 0}, new float[] {1, 1, 1, 1}),
                      a,
                      0))
          .isInstanceOf(IllegalArgumentException.class);

      Path failed = tmp.resolve("failed");
      assertThatThrownBy(
              () ->
                  TrainingCrops.store(
                      ds,
                      m,
                      LabelIndex.of(m),
                      9,
                      7,
                      failed,
                      o -> {
                        if (o.entry().id() == 10) {
                          throw new IllegalStateException("stop");
                        }
                      }))
          .isInstanceOf(IllegalStateException.class);
      try (Stream<Path> files = Files.list(failed)) {
        assertThat(files).as("an unfinished store leaves nothing").isEmpty();
      }
    }
    Files.write(dir.resolve("crops-00000.bin"), new byte[10]);
    assertThatThrownBy(() -> TrainingCrops.open(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("crops-00000.bin has 10 bytes, the index says 4725");
    assertThatThrownBy(() -> TrainingCrops.open(tmp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("index.tsv is missing");
  }
}
