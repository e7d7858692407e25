package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingCropsTest {
  @Test
  void load_keepsSuccessfulCrops_fixedSizeRgb_withClassIndices() {
    BufferedImage gray = new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY);
    MapFetcher f = new MapFetcher().put("http://h/rgb.png", TestImages.gradientPng(80, 40))
        .put("http://h/gray.png", TestImages.encode(gray, "png"));
    List<ManifestEntry> rows = List.of(
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
      assertThat(crops).hasToString("TrainingCrops[2 crops 12x10, 1 failed, LabelIndex[melanoma, nevus]]");
      assertThatThrownBy(() -> TrainingCrops.load(ds, m, LabelIndex.of(List.of("nevus")), 8, 8))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 'melanoma'");
      assertThatThrownBy(() -> TrainingCrops.load(ds, m, LabelIndex.of(m), 0, 8))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
