package io.github.can4000.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Box;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.report.ReportRow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DownloadCommandTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @TempDir Path tmp;

  /**
   * The components under test: the real ones, HttpFetchers.create() and ImageDecoders.standard().
   */
  static Components components() {
    return StandardComponents.INSTANCE;
  }

  /** One manifest row: number, label, box, path on the server, expected reason. */
  record Row(int no, String label, Box box, String path, Reason expected) {}

  static final List<Row> ROWS =
      List.of(
          new Row(
              0, "melanocyticnevus", new Box(0.5, 0.5, 0.5, 0.5), "/photos/a.jpg", Reason.WRITTEN),
          new Row(
              1, "malignantmelanoma", new Box(0.3, 0.4, 0.2, 0.3), "/photos/b.jpg", Reason.WRITTEN),
          new Row(
              2, "melanocyticnevus", new Box(0.9, 0.85, 0.4, 0.5), "/photos/c.jpg", Reason.WRITTEN),
          new Row(
              3,
              "melanocyticnevus",
              new Box(0.5, 0.5, 0.5, 0.5),
              "/missing.jpg",
              Reason.HTTP_STATUS),
          new Row(
              4,
              "malignantmelanoma",
              new Box(0.5, 0.5, 0.5, 0.5),
              "/page.html",
              Reason.NOT_AN_IMAGE),
          new Row(5, "../evil", new Box(0.5, 0.5, 0.5, 0.5), "/photos/a.jpg", Reason.BAD_LABEL),
          new Row(
              6, "melanocyticnevus", new Box(0.5, 0.5, 0.0, 0.5), "/photos/b.jpg", Reason.BAD_BOX));

  static final String[] PHOTOS = {"photo_000.jpg", "photo_001.jpg", "photo_002.jpg"};

  @BeforeEach
  void stubs() throws IOException {
    for (int i = 0; i < 3; i++) {
      wm.stubFor(
          get(urlEqualTo("/photos/" + (char) ('a' + i) + ".jpg"))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "image/jpeg")
                      .withBody(photo(i))));
    }
    wm.stubFor(
        get(urlEqualTo("/missing.jpg"))
            .willReturn(aResponse().withStatus(404).withBody("not found")));
    wm.stubFor(
        get(urlEqualTo("/page.html"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "image/jpeg")
                    .withBody("<!DOCTYPE html><html><body>This image has moved.</body></html>")));
  }

  static byte[] photo(int i) throws IOException {
    try (InputStream in = DownloadCommandTest.class.getResourceAsStream("/photos/" + PHOTOS[i])) {
      return in.readAllBytes();
    }
  }

  private Path manifest() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Row r : ROWS) {
      Box b = r.box();
      lines.add(
          r.no()
              + " "
              + r.label()
              + " "
              + b.x()
              + " "
              + b.y()
              + " "
              + b.width()
              + " "
              + b.height()
              + " "
              + wm.baseUrl()
              + r.path());
    }
    return Files.write(tmp.resolve("manifest.csv"), lines);
  }

  /**
   * The original's arithmetic, clamped to the image as numpy slicing does for ends past the edge.
   */
  static PixelRect expectedRect(Box b, int w, int h) {
    int x1 = (int) ((b.x() - b.width() / 2) * w);
    int x2 = (int) ((b.x() + b.width() / 2) * w);
    int y1 = (int) ((b.y() - b.height() / 2) * h);
    int y2 = (int) ((b.y() + b.height() / 2) * h);
    return new PixelRect(Math.max(0, x1), Math.max(0, y1), Math.min(w, x2), Math.min(h, y2));
  }

  private List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void noLock_writesTheCropsAndTheReportButNoLockfile() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Result r =
        Cli.run(
            components(),
            "download",
            "--manifest",
            manifest().toString(),
            "--out",
            out.toString(),
            "--no-lock");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("7 rows: 3 written, 2 skipped, 2 failed");
    assertThat(out.resolve(io.github.can4000.io.lock.Lockfiles.FILE_NAME)).doesNotExist();
    assertThat(out.resolve(io.github.can4000.io.report.ReportCsv.FILE_NAME)).exists();
    assertThat(files(out).stream().filter(p -> p.toString().endsWith(".png"))).hasSize(3);
  }

  @Test
  void downloadsCropsAndReportsEveryRow() throws Exception {
    Path manifest = manifest();
    Path out = tmp.resolve("out");
    Cli.Result r =
        Cli.run(
            components(),
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--threads",
            "4");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .as(r.err())
        .contains("7 rows: 3 written, 2 skipped, 2 failed")
        .contains("_report.csv");

    List<Path> expectedFiles = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Row row = ROWS.get(i);
      Path png =
          out.resolve(row.label()).resolve(String.format("%05d_%s.png", row.no(), row.label()));
      expectedFiles.add(png);
      BufferedImage src = ImageIO.read(new java.io.ByteArrayInputStream(photo(i)));
      PixelRect rect = expectedRect(row.box(), src.getWidth(), src.getHeight());
      BufferedImage crop = ImageIO.read(png.toFile());
      assertThat(crop.getWidth()).as(png.toString()).isEqualTo(rect.width());
      assertThat(crop.getHeight()).as(png.toString()).isEqualTo(rect.height());
    }
    expectedFiles.add(out.resolve(ReportCsv.FILE_NAME));
    expectedFiles.add(out.resolve(io.github.can4000.io.lock.Lockfiles.FILE_NAME));
    expectedFiles.add(out.resolve(RunRecord.FILE_NAME));
    // nothing outside --out but the manifest (not even an empty directory), and no temporary file
    // anywhere
    assertThat(tmp.resolve("evil")).doesNotExist();
    try (Stream<Path> dirs = Files.walk(tmp)) {
      assertThat(dirs.filter(Files::isDirectory))
          .containsExactlyInAnyOrder(
              tmp, out, out.resolve("melanocyticnevus"), out.resolve("malignantmelanoma"));
    }
    assertThat(files(tmp))
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(expectedFiles.stream(), Stream.of(manifest)).toList());

    List<ReportRow> report = ReportCsv.read(out.resolve(ReportCsv.FILE_NAME));
    assertThat(report).extracting(ReportRow::no).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(report)
        .extracting(ReportRow::reason)
        .containsExactlyElementsOf(ROWS.stream().map(Row::expected).toList());
    assertThat(report.get(3).httpStatus()).isEqualTo(404);
    assertThat(report.get(0).sourceWidth()).isEqualTo(256);
    assertThat(report.get(0).rect()).isEqualTo(expectedRect(ROWS.get(0).box(), 256, 256));
    assertThat(report.get(5).label()).isEqualTo("../evil");

    // a second run fetches nothing it already has
    wm.resetRequests();
    Cli.Result again =
        Cli.run(
            components(),
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--quiet");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.err()).isEmpty();
    List<ReportRow> second = ReportCsv.read(out.resolve(ReportCsv.FILE_NAME));
    assertThat(second)
        .extracting(ReportRow::reason)
        .containsExactly(
            Reason.ALREADY_PRESENT,
            Reason.ALREADY_PRESENT,
            Reason.ALREADY_PRESENT,
            Reason.HTTP_STATUS,
            Reason.NOT_AN_IMAGE,
            Reason.BAD_LABEL,
            Reason.BAD_BOX);
    wm.verify(0, getRequestedFor(urlPathMatching("/photos/.*")));
    assertThat(files(tmp))
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(expectedFiles.stream(), Stream.of(manifest)).toList());
  }

  @Test
  void retryFailedRetriesOnlyTransientFailures() throws Exception {
    Path manifest = manifest();
    Path out = tmp.resolve("out");
    Cli.Result missing =
        Cli.run(
            components(),
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--retry-failed");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--retry-failed").contains("_report.csv");

    assertThat(
            Cli.run(
                    components(),
                    "download",
                    "--manifest",
                    manifest.toString(),
                    "--out",
                    out.toString(),
                    "--quiet")
                .code())
        .isZero();
    wm.resetRequests();
    Cli.Result r =
        Cli.run(
            components(),
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--quiet",
            "--retry-failed");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 rows not retried");
    // the 404 (transient) is asked again, the HTML page (not an image) is not, the written rows are
    // not
    wm.verify(1, getRequestedFor(urlEqualTo("/missing.jpg")));
    wm.verify(0, getRequestedFor(urlEqualTo("/page.html")));
    wm.verify(0, getRequestedFor(urlPathMatching("/photos/.*")));
    assertThat(ReportCsv.read(out.resolve(ReportCsv.FILE_NAME)))
        .extracting(ReportRow::reason)
        .containsExactly(
            Reason.ALREADY_PRESENT,
            Reason.ALREADY_PRESENT,
            Reason.ALREADY_PRESENT,
            Reason.HTTP_STATUS,
            Reason.NOT_AN_IMAGE,
            Reason.BAD_LABEL,
            Reason.BAD_BOX);
  }

  @Test
  void plainProgressLinesWhenNotATerminal() throws Exception {
    Cli.Result r =
        Cli.run(
            components(),
            "download",
            "--manifest",
            manifest().toString(),
            "--out",
            tmp.resolve("out").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("7/7 rows 100%").doesNotContain("\r");
  }

  @Test
  void unusableArgumentsExitTwo() throws Exception {
    Path manifest = manifest();
    Path file = Files.writeString(tmp.resolve("file"), "x");
    Cli.Result isFile =
        Cli.run(
            components(), "download", "--manifest", manifest.toString(), "--out", file.toString());
    assertThat(isFile.code()).isEqualTo(2);
    assertThat(isFile.err()).contains("existing file");

    Cli.Result threads =
        Cli.run(
            components(),
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            tmp.resolve("o").toString(),
            "--threads",
            "0");
    assertThat(threads.code()).isEqualTo(2);
    assertThat(threads.err()).contains("--threads");

    Cli.Result edge =
        Cli.run(components(), "download", "--out", tmp.resolve("o").toString(), "--edge", "wrap");
    assertThat(edge.code()).isEqualTo(2);
    assertThat(edge.err()).contains("--edge");

    Cli.Result noOut = Cli.run(components(), "download");
    assertThat(noOut.code()).isEqualTo(2);
    assertThat(noOut.err()).contains("--out");

    Path bad =
        Files.write(
            tmp.resolve("bad.csv"), List.of("1 a 0.5 0.5 0.2 0.2 http://x/1", "2 a 0.5 0.5 0.2"));
    Cli.Result malformed =
        Cli.run(
            components(),
            "download",
            "--manifest",
            bad.toString(),
            "--out",
            tmp.resolve("o").toString());
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.err()).contains(bad + ":2:");
    assertThat(tmp.resolve("o")).doesNotExist();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
