package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

  private static Manifest read(String text, ParseMode mode) throws IOException {
    return Manifest.read(new StringReader(text), "test.csv", mode);
  }

  @Test
  void bundled_hasTheRealCounts() {
    Manifest m = Manifest.can4000();
    assertThat(m.size()).isEqualTo(4305);
    assertThat(m.distinctUrls()).hasSize(3847);
    assertThat(m.labelCounts())
        .containsExactly(Map.entry("malignantmelanoma", 1231), Map.entry("melanocyticnevus", 3074));
    assertThat(m.labels()).containsExactly("malignantmelanoma", "melanocyticnevus");
    assertThat(m.flagCounts()).containsExactly(Map.entry(BoxFlag.CROSSES_EDGE, 635));
    assertThat(m.problems()).isEmpty();
    assertThat(m.source()).isEqualTo(Manifest.BUNDLED_NAME);
  }

  @Test
  void bundled_keepsUrlsWithSpacesAndNonAscii() {
    Manifest m = Manifest.can4000();
    ManifestEntry e = m.entries().get(7);
    assertThat(e.id()).isEqualTo(7);
    assertThat(e.url())
        .isEqualTo("http://www.siue.edu/~sumbaug/Borders Complete/Dysplastic Nevus/Ael453.jpg");
    assertThat(m.entries().stream().filter(x -> x.url().contains(" ")).count()).isEqualTo(70);
    assertThat(m.entries().stream().filter(x -> x.url().chars().anyMatch(c -> c > 127)).count())
        .isEqualTo(102);
    assertThat(m.entries().get(0).box()).isEqualTo(new Box(0.356, 0.284, 0.378, 0.568));
    assertThat(m.entries().get(0).line()).isEqualTo(3);
  }

  @Test
  void sevenColumns_commentsAndBlankLinesIgnored() throws IOException {
    Manifest m =
        read(
            "## comment\n\n00012 nevus 0.5 0.5 0.2 0.4 http://h/a b.jpg\r\n  \n00013 mel 0.1 0.2 0.3 0.4 http://h/c.png\n",
            ParseMode.STRICT);
    assertThat(m.entries()).extracting(ManifestEntry::id).containsExactly(12, 13);
    assertThat(m.entries().get(0).url()).isEqualTo("http://h/a b.jpg");
    assertThat(m.entries().get(0).line()).isEqualTo(3);
    assertThat(m.entries().get(1).label()).isEqualTo("mel");
    assertThat(m.entries().get(0).fileStem()).isEqualTo("00012_nevus");
  }

  @Test
  void sixColumns_idsAssignedInFileOrder() throws IOException {
    Manifest m =
        read(
            "## old format\nnevus 0.5 0.5 0.2 0.4 http://h/a.jpg\nmel 0.5 0.5 0.2 0.4 http://h/b c.jpg\n",
            ParseMode.STRICT);
    assertThat(m.entries()).extracting(ManifestEntry::id).containsExactly(0, 1);
    assertThat(m.entries())
        .extracting(ManifestEntry::url)
        .containsExactly("http://h/a.jpg", "http://h/b c.jpg");
  }

  @Test
  void byteOrderMark_isIgnored() throws IOException {
    Manifest m = read("\uFEFF00001 a 0.5 0.5 0.2 0.2 http://h/x.jpg\n", ParseMode.STRICT);
    assertThat(m.entries()).hasSize(1);
  }

  @Test
  void strict_nonNumeric_namesFileLineColumnAndText() {
    assertThatThrownBy(
            () -> read("## c\n00001 a 0.5 0.5x 0.2 0.2 http://h/x.jpg\n", ParseMode.STRICT))
        .isInstanceOf(ManifestException.class)
        .hasMessage("test.csv:2: not a number (column 4: \"0.5x\")")
        .satisfies(t -> assertThat(((ManifestException) t).problem().line()).isEqualTo(2));
  }

  @Test
  void strict_tooFewFields_namesLine() {
    assertThatThrownBy(
            () -> read("00001 a 0.5 0.5 0.2 0.2 http://h/x.jpg\n00002 a 0.5\n", ParseMode.STRICT))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("test.csv:2: expected 7 space-separated fields");
  }

  @Test
  void strict_badRowNumber() {
    assertThatThrownBy(
            () ->
                read(
                    "00001 a 0.5 0.5 0.2 0.2 http://h/x.jpg\n-3 a 0.5 0.5 0.2 0.2 http://h/y.jpg\n",
                    ParseMode.STRICT))
        .hasMessage("test.csv:2: row number must be a non-negative integer (column 1: \"-3\")");
  }

  @Test
  void lenient_collectsProblemsAndKeepsNonNumericRowsFlagged() throws IOException {
    Manifest m =
        read(
            "00001 a 0.5 0.5 0.2 0.2 http://h/x.jpg\n00002 a NaN 0.5 0.2 0.2 http://h/y.jpg\n"
                + "garbage\n00004 a 0.5 0.5 0 0.2 http://h/z.jpg\n",
            ParseMode.LENIENT);
    assertThat(m.entries()).extracting(ManifestEntry::id).containsExactly(1, 2, 4);
    assertThat(m.entries().get(1).flags()).containsExactly(BoxFlag.NON_NUMERIC);
    assertThat(m.entries().get(1).hasUsableBox()).isFalse();
    assertThat(m.entries().get(2).flags()).contains(BoxFlag.NON_POSITIVE_SIZE);
    assertThat(m.problems()).extracting(ManifestProblem::line).containsExactly(2, 3);
    assertThat(m.problems().get(0).column()).isEqualTo(3);
    assertThat(m.problems().get(0).text()).isEqualTo("NaN");
  }

  @Test
  void boxFlags_crossingAndOutside() throws IOException {
    Manifest m =
        read(
            "1 a 0.1 0.5 0.4 0.2 u1\n2 a 1.5 0.5 0.2 0.2 u2\n3 a 0.5 0.5 0.2 0.2 u3\n",
            ParseMode.STRICT);
    assertThat(m.entries().get(0).flags()).containsExactly(BoxFlag.CROSSES_EDGE);
    assertThat(m.entries().get(1).flags()).containsExactly(BoxFlag.OUTSIDE_IMAGE);
    assertThat(m.entries().get(2).flags()).isEmpty();
  }

  @Test
  void parse_readsUtf8File(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("m.csv");
    Files.writeString(f, "00001 läsion 0.5 0.5 0.2 0.2 http://h/ü.jpg\n", StandardCharsets.UTF_8);
    Manifest m = Manifest.parse(f);
    assertThat(m.entries().get(0).label()).isEqualTo("läsion");
    assertThat(m.entries().get(0).url()).isEqualTo("http://h/ü.jpg");
    assertThat(m.source()).isEqualTo(f.toString());
  }

  @Test
  void parse_missingFile_throwsIoException(@TempDir Path dir) {
    assertThatThrownBy(() -> Manifest.parse(dir.resolve("nope.csv")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void entries_areUnmodifiable() {
    Manifest m = Manifest.can4000();
    assertThatThrownBy(() -> m.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
