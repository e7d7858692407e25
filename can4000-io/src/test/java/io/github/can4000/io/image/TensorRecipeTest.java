package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.can4000.Box;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.ImageData;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Normalization;
import io.github.can4000.Sample;
import io.github.can4000.fixtures.DocSnippets;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.spi.Fetcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's tensor recipe, compiled and run over real files of every colour model: grey, CMYK
 * and YCCK JPEG, palette PNG with and without transparency, grey + alpha and RGBA PNG, RGB, 16-bit,
 * WebP and GIF. Every sample must give {@code 3 x 224 x 224} floats, mid-epoch nothing may throw.
 */
class TensorRecipeTest {
  private static final Path FORMATS = Path.of("src", "test", "resources", "formats");
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of(
          "src", "test", "java", "io", "github", "can4000", "io", "image", "TensorRecipeTest.java");
  private static final List<String> FILES =
      List.of(
          "gray.jpg",
          "gray.png",
          "cmyk.jpg",
          "ycck.jpg",
          "palette.png",
          "palette_trns.png",
          "gray_alpha.png",
          "rgba.png",
          "rgb.png",
          "rgb16.png",
          "progressive.jpg",
          "lossy.webp",
          "lossless_alpha.webp",
          "animated.gif",
          "rgba_lzw.tif");

  private final Map<String, float[]> tensors = new LinkedHashMap<>();
  private final Map<String, Integer> classes = new LinkedHashMap<>();
  private final Map<String, ImageData> images = new LinkedHashMap<>();

  @Test
  void readme_showsTheCompiledRecipe() throws Exception {
    String code = DocSnippets.region(SOURCE, "tensors");
    if (Boolean.getBoolean("recipes.update")) {
      DocSnippets.write(README, "tensors", code);
    }
    assertThat(DocSnippets.block(README, "tensors"))
        .as(
            "README.md snippet 'tensors' differs from TensorRecipeTest.java; run with -Drecipes.update=true")
        .isEqualTo(code);
  }

  @Test
  void recipe_givesThreeChannelTensors_forEverySource() {
    List<ManifestEntry> rows = new ArrayList<>();
    for (int i = 0; i < FILES.size(); i++) {
      rows.add(
          ManifestEntry.of(
              i,
              i % 2 == 0 ? "malignantmelanoma" : "nevus",
              new Box(0.5, 0.5, 0.6, 0.4),
              FILES.get(i)));
    }
    Manifest manifest = Manifest.of("formats", rows);
    try (Fetcher fetcher = FileFetchers.create(FORMATS)) {
      recipe(manifest, fetcher);
    }
    assertThat(tensors.keySet()).containsExactlyInAnyOrderElementsOf(FILES);
    int n = 224 * 224;
    float[] mean = Normalization.IMAGENET.mean();
    float[] std = Normalization.IMAGENET.std();
    for (String file : FILES) {
      float[] chw = tensors.get(file);
      assertThat(chw).as(file).hasSize(3 * n);
      ImageData image = images.get(file);
      assertThat(chw)
          .as(file)
          .containsExactly(
              image.toRgb().toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET));
      if (image.channels() == 1) {
        for (int p = 0; p < n; p += 97) { // grey repeated: the same value before normalisation
          float r = chw[p] * std[0] + mean[0];
          assertThat(chw[n + p] * std[1] + mean[1]).as(file).isCloseTo(r, within(1e-5f));
          assertThat(chw[2 * n + p] * std[2] + mean[2]).as(file).isCloseTo(r, within(1e-5f));
        }
      }
      assertThat(classes.get(file)).isEqualTo(FILES.indexOf(file) % 2);
    }
    assertThat(images.get("gray.jpg").channels()).isEqualTo(1);
    assertThat(images.get("rgba.png").channels()).isEqualTo(4);
    assertThat(images.get("cmyk.jpg").channels()).isEqualTo(3);
  }

  private void recipe(Manifest manifest, Fetcher fetcher) {
    // region tensors
    Cropper cnn = Cropper.reference().square().margin(0.1).resize(224, 224);
    LabelIndex labels = LabelIndex.of(manifest); // sorted labels, stable indices
    try (Dataset ds =
        Dataset.builder()
            .manifest(manifest)
            .fetcher(fetcher)
            .decoder(ImageDecoders.standard())
            .cropper(cnn)
            .build()) {
      ds.stream()
          .forEach(
              sample -> {
                // 3 x 224 x 224 for every source: grey repeated, alpha dropped, CMYK and palettes
                // decoded to RGB
                float[] chw =
                    sample.image().toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET);
                int y = labels.indexOf(sample);
                train(sample, chw, y);
              });
    }
    // endregion tensors
  }

  private void train(Sample sample, float[] chw, int y) {
    String file = sample.entry().url();
    tensors.put(file, chw);
    classes.put(file, y);
    images.put(file, sample.image());
  }
}
