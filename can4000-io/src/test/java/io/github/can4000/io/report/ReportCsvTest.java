package io.github.can4000.io.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.EdgeFlag;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCsvTest {
  @TempDir Path tmp;

  private static final String NASTY_URL = "https://example.com/a b,c\"d\".jpg?x=1,2";

  static List<Outcome> outcomes() {
    ManifestEntry a =
        ManifestEntry.of(
            7, "malignantmelanoma", new Box(0.5, 0.5, 0.2, 0.2), "https://x.org/1.jpg");
    ManifestEntry b =
        ManifestEntry.of(12, "melanocyticnevus", new Box(0.5, 0.5, 0.2, 0.2), NASTY_URL);
    ManifestEntry c =
        ManifestEntry.of(3, "melanocyticnevus", new Box(0.5, 0.5, 0, 0.2), "http://y/");
    return List.of(
        new Outcome(
            a,
            Reason.WRITTEN,
            "",
            200,
            1,
            640,
            480,
            new PixelRect(10, 20, 30, 40),
            224,
            224,
            Set.of(EdgeFlag.CLAMPED),
            15),
        new Outcome(
            b,
            Reason.HTTP_STATUS,
            "HTTP 503, \"Service\nUnavailable\"",
            503,
            3,
            0,
            0,
            null,
            0,
            0,
            Set.of(),
            1200),
        Outcome.skipped(c, Reason.BAD_BOX, "box is [NON_POSITIVE_SIZE]"));
  }

  @Test
  void roundTrips() throws IOException {
    Path file = tmp.resolve(ReportCsv.FILE_NAME);
    List<Outcome> outcomes = outcomes();
    ReportCsv.write(file, outcomes);
    List<ReportRow> rows = ReportCsv.read(file);
    assertThat(rows)
        .containsExactly(
            ReportRow.of(outcomes.get(0)),
            ReportRow.of(outcomes.get(1)),
            ReportRow.of(outcomes.get(2)));
    assertThat(rows.get(1).url()).isEqualTo(NASTY_URL);
    assertThat(rows.get(1).detail()).isEqualTo("HTTP 503, \"Service\nUnavailable\"");
    assertThat(rows.get(1).isTransient()).isTrue();
    assertThat(rows.get(2).rect()).isNull();
    assertThat(rows.get(2).status()).isEqualTo(Status.SKIPPED);
    String text = Files.readString(file);
    assertThat(text)
        .startsWith(
            ReportCsv.HEADER
                + "\n00007,malignantmelanoma,WRITTEN,WRITTEN,,200,1,640,480,10,20,30,40,224,224,15,");
    assertThat(text)
        .contains(
            "\n00003,melanocyticnevus,SKIPPED,BAD_BOX,box is [NON_POSITIVE_SIZE],0,0,0,0,,,,,0,0,0,http://y/\n");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s).containsExactly(file);
    }
  }

  @Test
  void overwritesAnEarlierReport() throws IOException {
    Path file = tmp.resolve(ReportCsv.FILE_NAME);
    ReportCsv.write(file, outcomes());
    ReportCsv.write(file, outcomes().subList(0, 1));
    assertThat(ReportCsv.read(file)).hasSize(1);
  }

  @Test
  void malformedReportNamesTheLine() throws IOException {
    Path file = tmp.resolve("bad.csv");
    ReportCsv.write(file, outcomes());
    List<String> lines = Files.readAllLines(file);
    // line 1 header, 2 first row, 3-4 the quoted multi-line detail, 5 the last row
    String last = lines.get(4).replace("BAD_BOX", "NO_SUCH_REASON");
    Files.write(file, List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(3), last));
    assertThatThrownBy(() -> ReportCsv.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file + ":5:")
        .hasMessageContaining("NO_SUCH_REASON");

    Files.write(
        file,
        List.of(ReportCsv.HEADER, "00001,x,WRITTEN,WRITTEN,,200,1,10,10,0,0,5,5,5,5,zz,http://a"));
    assertThatThrownBy(() -> ReportCsv.read(file))
        .hasMessageContaining(file + ":2:")
        .hasMessageContaining("ms");

    Files.write(file, List.of(ReportCsv.HEADER, "00001,x,WRITTEN"));
    assertThatThrownBy(() -> ReportCsv.read(file)).hasMessageContaining(file + ":2:");

    Files.write(file, List.of("no,label", "00001,x"));
    assertThatThrownBy(() -> ReportCsv.read(file)).hasMessageContaining(file + ":1:");

    Files.write(
        file,
        List.of(ReportCsv.HEADER, "00001,x,FAILED,WRITTEN,,200,1,10,10,0,0,5,5,5,5,1,http://a"));
    assertThatThrownBy(() -> ReportCsv.read(file)).hasMessageContaining(file + ":2:");
  }
}
