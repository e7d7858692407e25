package io.github.can4000.io.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.RowResult;
import io.github.can4000.RunReport;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.fixtures.MixedImages;
import io.github.can4000.io.fixtures.Tars;
import io.github.can4000.io.image.ImageDecoders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarArchivesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void results_labelledTree_mixedFormats_rightLabelsPixelsAndOutcomes(boolean gzip)
      throws IOException {
    Path archive = Tars.write(dir.resolve(gzip ? "skin.tar.gz" : "skin.tar"), treeMembers(), gzip);
    Map<String, RowResult> byUrl = new LinkedHashMap<>();
    try (Stream<RowResult> rows = TarArchives.results(archive, new JdkDecoder())) {
      rows.forEach(r -> byUrl.put(r.outcome().entry().url(), r));
    }
    assertThat(byUrl.keySet())
        .containsExactly(
            "data/train/melanoma/a.png",
            "data/train/melanoma/b.jpg",
            "data/train/nevus/c.gif",
            "data/train/nevus/d.bmp",
            "data/train/nevus/readme.txt",
            "data/train/nevus/broken.png",
            "loose.png",
            "data/train/CON/x.png");
    Map<String, ImageData> expected = MixedImages.expectedPixels();
    for (Map.Entry<String, ImageData> e : expected.entrySet()) {
      RowResult r = byUrl.get("data/train/" + e.getKey());
      assertThat(r.outcome().reason()).as(e.getKey()).isEqualTo(Reason.STREAMED);
      Sample s = r.sample().orElseThrow();
      assertThat(s.image()).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(s.label()).isEqualTo(e.getKey().substring(0, e.getKey().indexOf('/')));
      assertThat(s.rect())
          .isEqualTo(new PixelRect(0, 0, e.getValue().width(), e.getValue().height()));
    }
    assertThat(byUrl.get("data/train/" + MixedImages.TEXT).outcome().reason())
        .isEqualTo(Reason.NOT_AN_IMAGE);
    assertThat(byUrl.get("data/train/" + MixedImages.CORRUPT).outcome().reason())
        .isEqualTo(Reason.DECODE_FAILED);
    assertThat(byUrl.get("loose.png").outcome().reason()).isEqualTo(Reason.BAD_LABEL);
    assertThat(byUrl.get("data/train/CON/x.png").outcome().reason()).isEqualTo(Reason.BAD_LABEL);
    assertThat(byUrl.values())
        .extracting(r -> r.outcome().entry().id())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void results_standardDecoder_sameLabelsAndOutcomes() throws IOException {
    Path archive = Tars.write(dir.resolve("skin.tar.gz"), treeMembers(), true);
    try (Stream<RowResult> rows = TarArchives.results(archive, ImageDecoders.standard())) {
      assertThat(rows.map(r -> r.outcome().entry().label() + ":" + r.outcome().reason()).toList())
          .containsExactly(
              "melanoma:STREAMED",
              "melanoma:STREAMED",
              "nevus:STREAMED",
              "nevus:STREAMED",
              "nevus:NOT_AN_IMAGE",
              "nevus:DECODE_FAILED",
              ":BAD_LABEL",
              "CON:BAD_LABEL");
    }
  }

  @Test
  void labels_labelledTree_safeDirectoryNamesSorted() throws IOException {
    Path archive = Tars.write(dir.resolve("skin.tar.gz"), treeMembers(), true);
    assertThat(TarArchives.labels(archive)).containsExactly("melanoma", "nevus");
  }

  @Test
  void samples_onlySuccessfulRows() throws IOException {
    Path archive = Tars.write(dir.resolve("a.tar"), treeMembers(), false);
    try (Stream<Sample> samples = TarArchives.samples(archive, new JdkDecoder())) {
      assertThat(samples.map(Sample::label).toList())
          .containsExactly("melanoma", "melanoma", "nevus", "nevus");
    }
  }

  @Test
  void results_truncatedArchive_throwsNamingTheArchive() throws IOException {
    Path archive = Tars.write(dir.resolve("a.tar.gz"), treeMembers(), true);
    byte[] all = Files.readAllBytes(archive);
    Path cut = dir.resolve("cut.tar.gz");
    Files.write(cut, Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(
            () -> {
              try (Stream<RowResult> rows = TarArchives.results(cut, new JdkDecoder())) {
                rows.forEach(r -> {});
              }
            })
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cut.tar.gz");
  }

  @Test
  void results_isLazy_firstRowBeforeTheRestIsRead() throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("x/ok/a.png", TestImages.gradientPng(4, 4));
    for (int i = 0; i < 50; i++) {
      members.put("x/ok/f" + i + ".png", TestImages.gradientPng(64, 64));
    }
    Path archive = Tars.write(dir.resolve("big.tar"), members, false);
    byte[] all = Files.readAllBytes(archive);
    Files.write(
        archive,
        Arrays.copyOf(all, all.length / 3)); // the end is missing: only a lazy reader succeeds
    try (Stream<RowResult> rows = TarArchives.results(archive, new JdkDecoder())) {
      assertThat(rows.findFirst().orElseThrow().outcome().entry().url()).isEqualTo("x/ok/a.png");
    }
  }

  @Test
  void writeTo_sink_writtenAndFailedOutcomes() throws IOException {
    Path archive = Tars.write(dir.resolve("a.tar"), treeMembers(), false);
    List<Sample> written = new ArrayList<>();
    Sink sink =
        s -> {
          if (s.entry().url().endsWith("b.jpg")) {
            throw new IOException("disk full");
          }
          written.add(s);
        };
    RunReport report = TarArchives.writeTo(archive, new JdkDecoder(), sink);
    assertThat(report.total()).isEqualTo(8);
    assertThat(report.written()).isEqualTo(3);
    assertThat(report.reasons())
        .containsEntry(Reason.WRITE_FAILED, 1)
        .containsEntry(Reason.BAD_LABEL, 2)
        .containsEntry(Reason.NOT_AN_IMAGE, 1)
        .containsEntry(Reason.DECODE_FAILED, 1);
    assertThat(written).hasSize(3);
  }

  /**
   * The mixed images below data/train/, a directory entry, a hidden file, a loose file, a bad
   * label.
   */
  private static Map<String, byte[]> treeMembers() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("data/", new byte[0]);
    m.put("data/train/", new byte[0]);
    for (Map.Entry<String, byte[]> e : MixedImages.files().entrySet()) {
      m.put("data/train/" + e.getKey(), e.getValue());
    }
    m.put("data/train/nevus/._c.gif", new byte[] {0, 5, 22, 7});
    m.put("loose.png", TestImages.gradientPng(3, 3));
    m.put("data/train/CON/x.png", TestImages.gradientPng(3, 3));
    return m;
  }
}
