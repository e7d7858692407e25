package io.github.can4000.io.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.PixelRect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** proposals.csv, the decisions file, the importers' errors and the manifest export. */
class AnnotateFilesTest {
  @TempDir Path dir;

  @Test
  void proposalsCsv_roundTripsExactly_andQuotesSourcesThatNeedIt() throws IOException {
    List<ProposalRow> rows =
        List.of(
            new ProposalRow(
                1,
                "melanoma",
                new Box(0.1 + 0.2, 1.0 / 3, 0.25, 2.0 / 7),
                0.123456789,
                "a b/c,d.jpg"),
            new ProposalRow(
                5, "nevus", new Box(0.5, 0.5, 1, 1), 1, "https://example.org/x.jpg?a=1"));
    Path f = dir.resolve("p.csv");
    ProposalsCsv.write(f, rows);
    assertThat(Files.readAllLines(f).get(1))
        .isEqualTo(
            "1,melanoma,0.30000000000000004,0.3333333333333333,0.25,0.2857142857142857,0.123456789,\"a b/c,d.jpg\"");
    assertThat(ProposalsCsv.read(f)).isEqualTo(rows);
  }

  @Test
  void proposalsCsv_malformedRow_namesFileAndLine() throws IOException {
    Path f = dir.resolve("p.csv");
    Files.writeString(
        f,
        "no,label,x,y,w,h,score,source\n1,a,0.5,0.5,0.1,0.1,0.9,x.jpg\n2,a,0.5,half,0.1,0.1,0.9,x.jpg\n");
    assertThatThrownBy(() -> ProposalsCsv.read(f)).hasMessage(f + ":3: not a number: \"half\"");
    Files.writeString(f, "no,label,x,y,w,h,score,source\n1,a,0.5,0.5,0.1,0.1,1.5,x.jpg\n");
    assertThatThrownBy(() -> ProposalsCsv.read(f))
        .hasMessage(f + ":2: score must be between 0 and 1: 1.5");
    Files.writeString(
        f,
        "no,label,x,y,w,h,score,source\n1,a,0.5,0.5,0.1,0.1,1,x.jpg\n1,b,0.5,0.5,0.1,0.1,1,y.jpg\n");
    assertThatThrownBy(() -> ProposalsCsv.read(f)).hasMessage(f + ":3: duplicate no 1");
  }

  @Test
  void decisionLog_undoPopsToTheDecisionBefore_andReplaysTheSame() throws IOException {
    Path f = dir.resolve("d.csv");
    try (DecisionLog log = DecisionLog.open(f)) {
      log.append(Decision.accept(1, "melanoma"));
      log.append(Decision.accept(1, "lentigo"));
      log.append(Decision.reject(2, "nevus"));
      log.append(Decision.undo(1));
      log.append(Decision.undo(2));
      assertThat(log.current()).isEqualTo(Map.of(1, Decision.accept(1, "melanoma")));
      assertThatThrownBy(() -> log.append(Decision.undo(2)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("nothing to undo on no 2");
    }
    assertThat(Files.readAllLines(f))
        .containsExactly(
            "no,decision,label",
            "1,accept,melanoma",
            "1,accept,lentigo",
            "2,reject,nevus",
            "1,undo,",
            "2,undo,");
    assertThat(DecisionLog.read(f)).isEqualTo(Map.of(1, Decision.accept(1, "melanoma")));
    try (DecisionLog again = DecisionLog.open(f)) {
      again.append(Decision.undo(1));
      assertThat(again.current()).isEmpty();
    }
  }

  @Test
  void decisionLog_badLine_namesFileAndLine() throws IOException {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, "no,decision,label\n1,accept,a\n2,maybe,b\n");
    assertThatThrownBy(() -> DecisionLog.open(f))
        .isInstanceOf(IOException.class)
        .hasMessage(f + ":3: decision must be accept, reject or undo: \"maybe\"");
  }

  @Test
  void yoloLabels_badLines_nameFileAndLine() throws IOException {
    Path images = Files.createDirectories(dir.resolve("img"));
    Path labels = Files.createDirectories(dir.resolve("lab"));
    Files.writeString(images.resolve("a.jpg"), "x");
    Files.writeString(labels.resolve("a.txt"), "0 0.5 0.5 0.2 0.2\n2 0.5 0.5 0.2 0.2\n");
    assertThatThrownBy(() -> Importers.yoloLabels(images, labels, List.of("m", "n"), 0))
        .hasMessage(labels.resolve("a.txt") + ":2: class 2 has no name: --classes names 2 (m,n)");
    Files.writeString(labels.resolve("a.txt"), "0 0.5 0.5 0.2\n");
    assertThatThrownBy(() -> Importers.yoloLabels(images, labels, List.of("m"), 0))
        .hasMessage(
            labels.resolve("a.txt") + ":1: expected \"class cx cy w h [score]\", found 4 fields");
    Files.writeString(labels.resolve("a.txt"), "0 0.5 0.5 0.2 x\n");
    assertThatThrownBy(() -> Importers.yoloLabels(images, labels, List.of("m"), 0))
        .hasMessageStartingWith(labels.resolve("a.txt") + ":1: ");
  }

  @Test
  void fromPixels_givesBackExactlyThePixels() {
    int[][] sizes = {{256, 256}, {1297, 1297}, {640, 427}, {3, 7}, {4000, 3000}, {333, 777}};
    for (int[] s : sizes) {
      int w = s[0];
      int h = s[1];
      for (int x0 = 0; x0 < w; x0 += Math.max(1, w / 37)) {
        for (int x1 = x0 + 1; x1 <= w; x1 += Math.max(1, w / 23)) {
          int y0 = x0 % h;
          int y1 = Math.min(h, y0 + 1 + (x1 - x0) % h);
          Box b = Boxes.fromPixels(x0, y0, x1, y1, w, h);
          assertThat(b.toPixels(w, h))
              .as("%d,%d-%d,%d in %dx%d", x0, y0, x1, y1, w, h)
              .isEqualTo(new PixelRect(x0, y0, x1, y1));
        }
      }
    }
  }

  @Test
  void export_writesAcceptedRowsWithStableIds_andAHeader() throws IOException {
    List<ProposalRow> rows =
        List.of(
            new ProposalRow(3, "a", new Box(0.5, 0.5, 0.2, 0.2), 0.9, "x y.jpg"),
            new ProposalRow(1, "b", new Box(0.25, 0.5, 0.1, 0.2), 0.8, "z.jpg"),
            new ProposalRow(2, "a", new Box(0.75, 0.5, 0.1, 0.2), 0.7, "z.jpg"));
    Path m = dir.resolve("m.txt");
    ManifestExport.Summary s =
        ManifestExport.write(
            m,
            rows,
            Map.of(3, Decision.accept(3, "c"), 1, Decision.reject(1, "b")),
            List.of("detector: test"),
            Instant.parse("2026-12-07T23:50:01.5Z"));
    assertThat(s).isEqualTo(new ManifestExport.Summary(1, 1, 1));
    assertThat(Files.readAllLines(m))
        .containsExactly(
            "## CAN-style manifest: no label x_center y_center width height source",
            "## detector: test",
            "## reviewed: 1 accepted, 1 rejected, 1 undecided (left out) of 3 proposals",
            "## date: 2026-12-07T23:50:01Z",
            "3 c 0.5 0.5 0.2 0.2 x y.jpg");
    assertThatThrownBy(
            () ->
                ManifestExport.write(
                    m, rows, Map.of(9, Decision.reject(9, "a")), List.of(), Instant.now()))
        .hasMessage("decision on no 9, which no proposal has");
  }
}
