package io.github.can4000.io.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.Dataset;
import io.github.can4000.ImageData;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.RowResult;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.fixtures.MixedImages;
import io.github.can4000.io.image.ImageDecoders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFoldersTest {
  @TempDir Path root;

  @Test
  void manifest_labelTree_entriesSortedWithParentLabelAndWholeBox() throws IOException {
    MixedImages.writeTree(root);
    Manifest m = ImageFolders.manifest(root);
    assertThat(m.entries())
        .extracting(ManifestEntry::url)
        .containsExactly(
            "melanoma/a.png",
            "melanoma/b.jpg",
            "nevus/broken.png",
            "nevus/c.gif",
            "nevus/d.bmp",
            "nevus/readme.txt");
    assertThat(m.entries()).extracting(ManifestEntry::id).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(m.entries())
        .extracting(ManifestEntry::label)
        .containsExactly("melanoma", "melanoma", "nevus", "nevus", "nevus", "nevus");
    assertThat(m.entries())
        .allSatisfy(
            e -> {
              assertThat(e.box()).isEqualTo(new Box(0.5, 0.5, 1, 1));
              assertThat(e.hasUsableBox()).isTrue();
              assertThat(e.flags()).isEmpty();
            });
    assertThat(m.labels()).containsExactly("melanoma", "nevus");
  }

  @ParameterizedTest
  @CsvSource({"1,1", "3,7", "17,9", "640,480", "1023,767", "4001,2999", "65535,3"})
  void wholeBox_referenceArithmetic_isExactlyTheImage(int w, int h) {
    assertThat(ImageFolders.WHOLE_IMAGE.toPixels(w, h)).isEqualTo(new PixelRect(0, 0, w, h));
  }

  @Test
  void dataset_mixedFormats_streamsLabelsPixelsAndOutcomes() throws IOException {
    MixedImages.writeTree(root);
    Map<String, RowResult> byUrl = run(ImageFolders.manifest(root), root);
    Map<String, ImageData> expected = MixedImages.expectedPixels();
    assertThat(byUrl).hasSize(6);
    for (Map.Entry<String, ImageData> e : expected.entrySet()) {
      RowResult r = byUrl.get(e.getKey());
      assertThat(r.outcome().reason()).as(e.getKey()).isEqualTo(Reason.STREAMED);
      assertThat(r.sample().orElseThrow().image()).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(r.sample().orElseThrow().rect())
          .isEqualTo(new PixelRect(0, 0, e.getValue().width(), e.getValue().height()));
      assertThat(r.sample().orElseThrow().edgeFlags()).isEmpty();
      assertThat(r.sample().orElseThrow().label())
          .isEqualTo(e.getKey().substring(0, e.getKey().indexOf('/')));
    }
    assertThat(byUrl.get(MixedImages.TEXT).outcome().reason()).isEqualTo(Reason.NOT_AN_IMAGE);
    assertThat(byUrl.get(MixedImages.CORRUPT).outcome().reason()).isEqualTo(Reason.DECODE_FAILED);
  }

  @Test
  void datasetBuilder_withFileFetcherAndStandardDecoder_streamsTheTree() throws IOException {
    MixedImages.writeTree(root.resolve("train"));
    Map<String, RowResult> byUrl = new HashMap<>();
    try (Dataset d =
            ImageFolders.datasetBuilder(root, "train").decoder(ImageDecoders.standard()).build();
        Stream<RowResult> results = d.results()) {
      results.forEach(r -> byUrl.put(r.outcome().entry().url(), r));
    }
    assertThat(byUrl).hasSize(6);
    for (Map.Entry<String, ImageData> e : MixedImages.expectedPixels().entrySet()) {
      RowResult r = byUrl.get("train/" + e.getKey());
      assertThat(r.outcome().reason()).as(e.getKey()).isEqualTo(Reason.STREAMED);
      ImageData got = r.sample().orElseThrow().image();
      assertThat(got.width()).isEqualTo(e.getValue().width());
      assertThat(got.height()).isEqualTo(e.getValue().height());
      if (!e.getKey().endsWith(".jpg")) { // lossless formats: the same pixels whichever decoder
        assertThat(got).as(e.getKey()).isEqualTo(e.getValue());
      }
    }
    assertThat(byUrl.get("train/" + MixedImages.TEXT).outcome().reason())
        .isEqualTo(Reason.NOT_AN_IMAGE);
    assertThat(byUrl.get("train/" + MixedImages.CORRUPT).outcome().reason())
        .isEqualTo(Reason.DECODE_FAILED);
    try (Dataset d =
            ImageFolders.datasetBuilder(root.resolve("train"))
                .decoder(ImageDecoders.standard())
                .build();
        Stream<RowResult> results = d.results()) {
      assertThat(results.filter(r -> r.outcome().isSuccess()).count()).isEqualTo(4);
    }
  }

  @Test
  void manifest_split_selectsOneSplitWithUrlsRelativeToRoot() throws IOException {
    MixedImages.writeTree(root.resolve("train"));
    Files.createDirectories(root.resolve("val/nevus"));
    Files.write(root.resolve("val/nevus/v.png"), TestImages.gradientPng(5, 5));
    assertThat(ImageFolders.splits(root)).containsExactly("train", "val");
    Manifest val = ImageFolders.manifest(root, "val");
    assertThat(val.entries()).extracting(ManifestEntry::url).containsExactly("val/nevus/v.png");
    assertThat(val.entries().get(0).label()).isEqualTo("nevus");
    Manifest train = ImageFolders.manifest(root, "train");
    assertThat(train.size()).isEqualTo(6);
    assertThat(run(train, root).get("train/melanoma/a.png").outcome().reason())
        .isEqualTo(Reason.STREAMED);
  }

  @Test
  void manifest_unsafeLabel_isReportedAsBadLabel() throws IOException {
    Files.createDirectories(root.resolve("CON"));
    Files.write(root.resolve("CON/x.png"), TestImages.gradientPng(4, 4));
    assertThat(run(ImageFolders.manifest(root), root).get("CON/x.png").outcome().reason())
        .isEqualTo(Reason.BAD_LABEL);
  }

  @Test
  void manifest_hiddenLooseAndDeepFiles_areLeftOut() throws IOException {
    MixedImages.writeTree(root);
    Files.write(root.resolve("loose.png"), TestImages.gradientPng(4, 4));
    Files.write(root.resolve("nevus/.DS_Store"), new byte[] {0});
    Files.createDirectories(root.resolve(".git/x"));
    Files.write(root.resolve(".git/x/y.png"), TestImages.gradientPng(4, 4));
    Files.createDirectories(root.resolve("nevus/deeper"));
    Files.write(root.resolve("nevus/deeper/z.png"), TestImages.gradientPng(4, 4));
    assertThat(ImageFolders.manifest(root).size()).isEqualTo(6);
  }

  @Test
  void manifest_badSplit_isRefused() {
    assertThatThrownBy(() -> ImageFolders.manifest(root, "../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../etc");
    assertThatThrownBy(() -> ImageFolders.manifest(root, "missing"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing");
  }

  private static Map<String, RowResult> run(Manifest m, Path root) {
    Map<String, RowResult> out = new HashMap<>();
    try (Dataset d =
            Dataset.builder()
                .manifest(m)
                .fetcher(MixedImages.localFiles(root))
                .decoder(new JdkDecoder())
                .concurrency(2)
                .decodeThreads(2)
                .build();
        Stream<RowResult> results = d.results()) {
      List<RowResult> list = results.toList();
      for (RowResult r : list) {
        out.put(r.outcome().entry().url(), r);
      }
    }
    return out;
  }
}
