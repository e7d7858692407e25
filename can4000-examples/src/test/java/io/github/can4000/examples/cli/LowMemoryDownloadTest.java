package io.github.can4000.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Reason;
import io.github.can4000.examples.faults.Faults;
import io.github.can4000.fixtures.RawServer;
import io.github.can4000.io.lock.Lockfiles;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.report.ReportRow;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code download} in a child JVM with {@code -Xmx256m} over a manifest that mixes good rows with
 * every fault: it completes, reports each row as expected, writes the good ones and nothing else.
 * Each case runs twice: through the command line, and as a library user writes it ({@link
 * LibraryUserMain}: {@code Dataset.builder()} with its defaults), who must get the same memory
 * policy without the command line's code.
 */
class LowMemoryDownloadTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(
              wireMockConfig()
                  .dynamicPort()
                  .bindAddress("127.0.0.1")
                  .containerThreads(Faults.WIREMOCK_THREADS))
          .build();

  @TempDir Path tmp;

  private record Row(int no, String label, String url, Reason expected) {}

  /** A 24-megapixel RGB PNG (just under the default pixel budget) that compresses to little. */
  private static byte[] largePng() throws IOException {
    BufferedImage img = new BufferedImage(4900, 4900, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.PINK, 4900, 4900, Color.DARK_GRAY));
    g.fillRect(0, 0, 4900, 4900);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** Who runs the download. */
  enum Runner {
    CLI,
    LIBRARY
  }

  private ChildJvm.Result run(
      Runner runner,
      Path log,
      long seconds,
      Path manifest,
      Path out,
      int decodeThreads,
      boolean shortTimeouts)
      throws Exception {
    if (runner == Runner.LIBRARY) {
      List<String> args =
          new ArrayList<>(
              List.of(manifest.toString(), out.toString(), String.valueOf(decodeThreads)));
      if (shortTimeouts) {
        args.add("short");
      }
      return ChildJvm.run(log, seconds, LibraryUserMain.class, args);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "download",
                "--manifest",
                manifest.toString(),
                "--out",
                out.toString(),
                "--threads",
                "8",
                "--decode-threads",
                String.valueOf(decodeThreads)));
    if (shortTimeouts) {
      args.addAll(Faults.SHORT_TIMEOUTS);
    }
    return ChildJvm.run(log, seconds, args);
  }

  @ParameterizedTest
  @EnumSource(Runner.class)
  void largeImagesNearThePixelBudgetInASmallHeap(Runner runner) throws Exception {
    byte[] large = largePng();
    List<String> lines = new ArrayList<>();
    int rows = 6;
    for (int i = 0; i < rows; i++) {
      String path = "/large/" + i + ".png";
      wm.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(large)));
      // a box of nearly the whole image: the region decoded is about 65 MB, and four of them at
      // once
      // do not fit in 256 MiB (a library user without the memory policy gets OutOfMemoryError here)
      lines.add(i + " melanocyticnevus 0.5 0.5 0.95 0.95 " + wm.url(path));
    }
    Path manifest = Files.write(tmp.resolve("manifest.csv"), lines);
    Path out = tmp.resolve("out");
    // the defaults, with four decode threads: the engine lets a decode start only when its image,
    // sized from the header (96 MB here), fits in what the heap can spare, so these go one at a
    // time
    ChildJvm.Result result = run(runner, tmp.resolve("child.log"), 180, manifest, out, 4, false);
    assertThat(result.output())
        .doesNotContain("OutOfMemoryError")
        .doesNotContain("Exception in thread");
    assertThat(result.code()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("note: decoding with");
    List<ReportRow> report = ReportCsv.read(out.resolve(ReportCsv.FILE_NAME));
    assertThat(report).hasSize(rows);
    for (ReportRow r : report) {
      assertThat(r.reason()).as("row " + r.no() + ": " + r.detail()).isEqualTo(Reason.WRITTEN);
    }
  }

  @ParameterizedTest
  @EnumSource(Runner.class)
  void everyFaultInASmallHeap(Runner runner) throws Exception {
    try (RawServer hostile = RawServer.faults(Faults.png())) {
      List<Row> rows = new ArrayList<>();
      int no = 0;
      for (int i = 0; i < 9; i++) {
        String path = "/good/" + i + ".jpg";
        wm.stubFor(
            get(urlEqualTo(path))
                .willReturn(aResponse().withStatus(200).withBody(Faults.photo(i % 3))));
        rows.add(
            new Row(
                no++,
                i % 2 == 0 ? "melanocyticnevus" : "malignantmelanoma",
                wm.url(path),
                Reason.WRITTEN));
      }
      for (Faults.Case c : Faults.stubAll(wm, hostile)) {
        rows.add(new Row(no++, "seborrheickeratosis", c.url(), c.expected()));
      }
      // a second endless body and a second bomb, so that they overlap with the rest
      rows.add(
          new Row(no++, "seborrheickeratosis", hostile.url(RawServer.ENDLESS), Reason.TOO_LARGE));
      rows.add(new Row(no++, "seborrheickeratosis", hostile.url(RawServer.HUGE), Reason.TOO_LARGE));
      for (String evil : List.of("../evil", "../../x", "a/b", "..")) {
        rows.add(new Row(no++, evil, wm.url("/good/0.jpg"), Reason.BAD_LABEL));
      }
      List<String> lines = new ArrayList<>();
      for (Row r : rows) {
        lines.add(r.no() + " " + r.label() + " 0.5 0.5 0.5 0.5 " + r.url());
      }
      Path manifest = Files.write(tmp.resolve("manifest.csv"), lines);
      Path out = tmp.resolve("run").resolve("out");
      Path log = tmp.resolve("child.log");

      ChildJvm.Result result =
          run(runner, log, 120, manifest, out, Runtime.getRuntime().availableProcessors(), true);

      assertThat(result.output())
          .doesNotContain("OutOfMemoryError")
          .doesNotContain("Exception in thread");
      assertThat(result.code()).as(result.output()).isZero();
      List<ReportRow> report = ReportCsv.read(out.resolve(ReportCsv.FILE_NAME));
      assertThat(report)
          .extracting(ReportRow::no)
          .containsExactlyElementsOf(rows.stream().map(Row::no).toList());
      for (int i = 0; i < rows.size(); i++) {
        assertThat(report.get(i).reason())
            .as(rows.get(i) + ": " + report.get(i).detail())
            .isEqualTo(rows.get(i).expected());
      }
      List<Path> expected = new ArrayList<>();
      for (Row r : rows) {
        if (r.expected() == Reason.WRITTEN) {
          expected.add(
              out.resolve(r.label()).resolve(String.format("%05d_%s.png", r.no(), r.label())));
        }
      }
      expected.add(out.resolve(ReportCsv.FILE_NAME));
      if (runner == Runner.CLI) {
        expected.add(out.resolve(Lockfiles.FILE_NAME));
        expected.add(out.resolve(RunRecord.FILE_NAME));
      }
      try (Stream<Path> files = Files.walk(tmp)) {
        // no file outside --out but the manifest and the log, and no temporary file anywhere
        assertThat(files.filter(Files::isRegularFile))
            .containsExactlyInAnyOrderElementsOf(
                Stream.concat(expected.stream(), Stream.of(manifest, log)).toList());
      }
      try (Stream<Path> dirs = Files.walk(tmp)) {
        assertThat(dirs.filter(Files::isDirectory).filter(d -> !d.startsWith(out)))
            .containsExactlyInAnyOrder(tmp, tmp.resolve("run"));
      }
      for (Path png : expected.stream().filter(p -> p.toString().endsWith(".png")).toList()) {
        assertThat(ImageIO.read(png.toFile())).as(png.toString()).isNotNull();
      }
    }
  }
}
