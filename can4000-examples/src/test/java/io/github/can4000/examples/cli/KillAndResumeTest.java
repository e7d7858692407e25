package io.github.can4000.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Reason;
import io.github.can4000.examples.faults.Faults;
import io.github.can4000.io.lock.Lockfiles;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.report.ReportRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code download} killed with SIGKILL in the middle of a run leaves no partial file, and the next
 * run completes without fetching again what was already written.
 */
class KillAndResumeTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(
              wireMockConfig()
                  .dynamicPort()
                  .bindAddress("127.0.0.1")
                  .containerThreads(Faults.WIREMOCK_THREADS))
          .build();

  private static final int ROWS = 60;
  private static final List<String> LABELS = List.of("melanocyticnevus", "malignantmelanoma");

  @TempDir Path tmp;

  private static String path(int no) {
    return "/slow/" + no + ".jpg";
  }

  private static String label(int no) {
    return LABELS.get(no % 2);
  }

  private static Path png(Path out, int no) {
    return out.resolve(label(no)).resolve(String.format("%05d_%s.png", no, label(no)));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  /**
   * Counts the PNGs while the child writes; a temporary file renamed during the walk counts as
   * none.
   */
  private static long pngCount(Path out) {
    if (!Files.isDirectory(out)) {
      return 0;
    }
    try {
      return files(out).stream().filter(f -> f.getFileName().toString().endsWith(".png")).count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private int requests(int no) {
    return wm.findAll(getRequestedFor(urlEqualTo(path(no)))).size();
  }

  @Test
  void killedRunLeavesNoPartialFileAndTheNextRunResumes() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int no = 0; no < ROWS; no++) {
      wm.stubFor(
          get(urlEqualTo(path(no)))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withBody(Faults.photo(no % 3))
                      .withFixedDelay(100 + (no * 37) % 100)));
      lines.add(no + " " + label(no) + " 0.5 0.5 0.6 0.6 " + wm.url(path(no)));
    }
    Path manifest = Files.write(tmp.resolve("manifest.csv"), lines);
    Path out = tmp.resolve("out");
    List<String> args =
        List.of(
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--threads",
            "4",
            "--quiet");

    // first run: SIGKILL once some but not all crops are written
    Process first = ChildJvm.start(tmp.resolve("first.log"), args);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try {
      while (pngCount(out) < 10 && first.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(first.isAlive())
          .as(
              "the first run ended before it was killed: "
                  + Files.readString(tmp.resolve("first.log")))
          .isTrue();
      first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no report
      assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      if (first.isAlive()) {
        first.destroyForcibly();
      }
    }
    assertThat(first.exitValue()).isEqualTo(137); // 128 + SIGKILL

    // no partial file: label folders holding whole PNGs, and at most temporary files the next run
    // removes
    Set<Integer> before = new HashSet<>();
    for (Path f : files(out)) {
      String name = f.getFileName().toString();
      assertThat(LABELS).contains(f.getParent().getFileName().toString());
      assertThat(f.getParent().getParent()).isEqualTo(out);
      if (name.endsWith(".tmp")) {
        assertThat(name).startsWith(".");
        continue;
      }
      assertThat(name).endsWith(".png");
      assertThat(ImageIO.read(f.toFile())).as(f + " is a whole PNG").isNotNull();
      before.add(Integer.parseInt(name.substring(0, 5)));
    }
    assertThat(before).hasSizeBetween(10, ROWS - 1);
    for (int no : before) {
      assertThat(requests(no)).as("row " + no + " fetched once by the first run").isEqualTo(1);
    }

    // second run: completes, fetches only what is missing
    ChildJvm.Result second = ChildJvm.run(tmp.resolve("second.log"), 120, args);
    assertThat(second.code()).as(second.output()).isZero();
    List<ReportRow> report = ReportCsv.read(out.resolve(ReportCsv.FILE_NAME));
    assertThat(report).hasSize(ROWS);
    for (ReportRow r : report) {
      assertThat(r.reason())
          .as("row " + r.no() + ": " + r.detail())
          .isEqualTo(before.contains(r.no()) ? Reason.ALREADY_PRESENT : Reason.WRITTEN);
    }
    for (int no : before) {
      assertThat(requests(no))
          .as("row " + no + " written before the kill is not fetched again")
          .isEqualTo(1);
    }
    List<Path> expected = new ArrayList<>();
    for (int no = 0; no < ROWS; no++) {
      expected.add(png(out, no));
      assertThat(ImageIO.read(png(out, no).toFile())).as("row " + no).isNotNull();
    }
    expected.add(out.resolve(ReportCsv.FILE_NAME));
    expected.add(out.resolve(Lockfiles.FILE_NAME));
    expected.add(out.resolve(RunRecord.FILE_NAME));
    // no temporary file left, nothing else
    assertThat(files(out)).containsExactlyInAnyOrderElementsOf(expected);
  }
}
