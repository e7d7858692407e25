package io.github.can4000.io.testset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSetsTest {
  @TempDir Path dir;

  static Path nails() throws URISyntaxException {
    return Path.of(
            Objects.requireNonNull(TestSetsTest.class.getResource("/nails-mini/README.md")).toURI())
        .getParent();
  }

  static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
  }

  @Test
  void folder_readsRealNailPhotos_withSpacesAndParentheses() throws Exception {
    TestSet set = TestSets.folder(nails(), LabelAliases.standard());
    assertThat(set.name()).isEqualTo("nails-mini");
    assertThat(set.counts()).isEqualTo(Map.of("naildystrophy", 3, "onychomycosis", 3));
    assertThat(set.images().get(0).file().getFileName().toString()).isEqualTo("B2_OD (1).JPG");
    assertThat(set.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where()).endsWith("README.md");
              assertThat(p.reason()).isEqualTo("not in a label folder");
            });
    assertThat(set.canProvenance()).isEmpty();
  }

  @Test
  void folder_anyDepth_aliases_underscoreAndDotFoldersAreNotLabels() throws Exception {
    Path src = nails().resolve("onychomycosis/B2_OM (1).JPG");
    copy(src, dir.resolve("Nevus/a/b/deep (1).jpg"));
    copy(src, dir.resolve("naevus/x.jpg"));
    copy(src, dir.resolve("MEL/y.png"));
    copy(src, dir.resolve("basal/z.jpg"));
    copy(src, dir.resolve("_sheets/s.jpg"));
    copy(src, dir.resolve(".cache/c.jpg"));
    copy(src, dir.resolve("basal/.hidden/h.jpg"));
    Files.writeString(dir.resolve("basal/notes.txt"), "not an image");
    TestSet set =
        TestSets.folder(dir, LabelAliases.standard().with(Map.of("Basal", "basalcellcarcinoma")));
    assertThat(set.counts())
        .isEqualTo(Map.of("melanocyticnevus", 2, "malignantmelanoma", 1, "basalcellcarcinoma", 2));
    assertThat(set.images())
        .anySatisfy(i -> assertThat(i.file()).isEqualTo(dir.resolve("Nevus/a/b/deep (1).jpg")));
    // the text file is listed: the caller decodes it and reports the failure, it is never dropped
    // here
    assertThat(set.images())
        .anySatisfy(i -> assertThat(i.file()).isEqualTo(dir.resolve("basal/notes.txt")));
    assertThat(set.problems()).isEmpty();
  }

  @Test
  void folder_writtenByDownload_isFlaggedAsCanProvenance() throws Exception {
    Path src = nails().resolve("onychomycosis/B2_OM (1).JPG");
    copy(src, dir.resolve("melanoma/12_melanoma.png"));
    copy(src, dir.resolve("nevus/13_nevus.png"));
    assertThat(TestSets.folder(dir, LabelAliases.none()).canProvenance())
        .get()
        .asString()
        .contains("can4000 download");
    Files.writeString(dir.resolve("_report.csv"), "no,label\n");
    copy(src, dir.resolve("nevus/other.jpg"));
    assertThat(TestSets.folder(dir, LabelAliases.none()).canProvenance())
        .get()
        .asString()
        .contains("_report.csv exists");
  }

  @Test
  void csv_padUfesStyle_findsImagesBelowTheFolder_andReportsMissingOnes() throws Exception {
    Path src = nails().resolve("naildystrophy/B2_OD (1).JPG");
    copy(src, dir.resolve("images/imgs_part_1/PAT_1_1_1.png"));
    copy(src, dir.resolve("images/imgs_part_2/PAT_2_2_2.png"));
    copy(src, dir.resolve("images/PAT_3_3_3.png"));
    Path csv = dir.resolve("metadata.csv");
    Files.writeString(
        csv,
        String.join(
            "\n",
            "patient_id,img_id,diagnostic,age",
            "PAT_1,PAT_1_1_1.png,NEV,50",
            "PAT_2,imgs_part_2/PAT_2_2_2.png,MEL,61",
            "PAT_3,PAT_3_3_3.png,BCC,70",
            "PAT_4,PAT_4_4_4.png,NEV,33",
            "PAT_5,PAT_3_3_3.png,,20",
            ""));
    TestSet set =
        TestSets.csv(csv, dir.resolve("images"), "img_id", "diagnostic", LabelAliases.standard());
    assertThat(set.name()).isEqualTo("metadata");
    assertThat(set.counts())
        .isEqualTo(Map.of("melanocyticnevus", 1, "malignantmelanoma", 1, "bcc", 1));
    assertThat(set.problems())
        .extracting(TestSet.Problem::where, TestSet.Problem::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                csv + ":5", "image not found below " + dir.resolve("images") + ": PAT_4_4_4.png"),
            org.assertj.core.groups.Tuple.tuple(csv + ":6", "no label for PAT_3_3_3.png"));
    assertThat(set.canProvenance()).isEmpty();
  }

  @Test
  void csv_errorsNameTheColumns_andCanManifestIsFlagged() throws Exception {
    Path csv = dir.resolve("m.csv");
    Files.writeString(csv, "img,diagnosis\na.png,x\n");
    assertThatThrownBy(() -> TestSets.csv(csv, dir, "img_id", "diagnosis", LabelAliases.none()))
        .isInstanceOf(IOException.class)
        .hasMessage(csv + ":1: no column img_id; columns: [img, diagnosis]");
    Files.writeString(csv, "no,label,x_center,y_center,width,height,url\n");
    assertThat(TestSets.csv(csv, dir, "url", "label", LabelAliases.none()).canProvenance())
        .isPresent();
    assertThatThrownBy(() -> TestSets.folder(dir.resolve("missing"), LabelAliases.none()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not a directory");
  }

  @Test
  void aliases_ignoreCase_andRejectBlanks() {
    assertThat(LabelAliases.standard().canonical(" NEV ")).isEqualTo("melanocyticnevus");
    assertThat(LabelAliases.standard().canonical("Melanoma")).isEqualTo("malignantmelanoma");
    assertThat(LabelAliases.standard().canonical("Onychomycosis")).isEqualTo("onychomycosis");
    assertThatThrownBy(() -> LabelAliases.none().with(Map.of(" ", "x")))
        .hasMessage("alias and label must not be blank: \" \" -> \"x\"");
  }
}
