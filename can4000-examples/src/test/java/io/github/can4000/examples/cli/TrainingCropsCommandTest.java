package io.github.can4000.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Reason;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.report.ReportRow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code download} with training-sized crops ({@code --square --margin --resize --image-format
 * --quality --min-size}), {@code _run.json}, {@code --json} and the exit code of a run that wrote
 * nothing, against real photos served by WireMock on loopback.
 */
class TrainingCropsCommandTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @TempDir Path tmp;
  private Path manifest;

  @BeforeEach
  void serve() throws IOException {
    List<String> lines = new ArrayList<>();
    String[] labels = {"melanocyticnevus", "malignantmelanoma", "melanocyticnevus"};
    for (int i = 0; i < 3; i++) {
      wm.stubFor(
          get(urlEqualTo("/p" + i + ".jpg"))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "image/jpeg")
                      .withBody(DownloadCommandTest.photo(i))));
      // a tall box, so --square changes the rectangle
      lines.add(i + " " + labels[i] + " 0.5 0.5 0.2 0.4 " + wm.baseUrl() + "/p" + i + ".jpg");
    }
    manifest = Files.write(tmp.resolve("manifest.csv"), lines);
  }

  private List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(suffix))
          .sorted()
          .toList();
    }
  }

  @Test
  void squareMarginResizeJpeg_writes224x224Jpegs() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Result r =
        Cli.run(
            DownloadCommandTest.components(),
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--square",
            "--margin",
            "0.1",
            "--resize",
            "224",
            "--image-format",
            "jpg",
            "--quality",
            "90",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();

    List<Path> jpegs = files(out, ".jpg");
    assertThat(jpegs).hasSize(3);
    assertThat(files(out, ".png")).isEmpty();
    for (Path f : jpegs) {
      byte[] bytes = Files.readAllBytes(f);
      assertThat(HexFormat.of().formatHex(bytes, 0, 3)).as(f.toString()).isEqualTo("ffd8ff");
      BufferedImage img = ImageIO.read(f.toFile());
      assertThat(img.getWidth()).as(f.toString()).isEqualTo(224);
      assertThat(img.getHeight()).as(f.toString()).isEqualTo(224);
    }
    assertThat(out.resolve("melanocyticnevus/00000_melanocyticnevus.jpg")).exists();

    // the report names the square source rectangle: a 0.2 x 0.4 box of 256 x 256 grows to 102 x
    // 102, plus 10% each side
    List<ReportRow> report = ReportCsv.read(out.resolve(ReportCsv.FILE_NAME));
    assertThat(report).extracting(ReportRow::reason).containsOnly(Reason.WRITTEN);
    assertThat(report.get(0).rect().width())
        .isEqualTo(report.get(0).rect().height())
        .isBetween(120, 125);
    // and the size each crop was written at
    assertThat(report).extracting(ReportRow::outputWidth).containsOnly(224);
    assertThat(report).extracting(ReportRow::outputHeight).containsOnly(224);

    // _run.json records the output size and format
    JsonNode run = new ObjectMapper().readTree(out.resolve(RunRecord.FILE_NAME).toFile());
    assertThat(run.get("crops").get("width").asInt()).isEqualTo(224);
    assertThat(run.get("crops").get("height").asInt()).isEqualTo(224);
    assertThat(run.get("crops").get("format").asText()).isEqualTo("jpg");
    assertThat(run.get("crops").get("quality").asInt()).isEqualTo(90);
    assertThat(run.get("written").asInt()).isEqualTo(3);
    assertThat(run.get("manifest_sha256").asText())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(manifest))));
    assertThat(run.get("args").toString()).contains("--resize", "224");
    assertThat(run.get("version").asText()).isNotBlank();
    assertThat(run.get("started").asText()).isNotBlank();
    assertThat(run.get("finished").asText()).isNotBlank();
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    // a second run with the same options finds the .jpg files and fetches nothing: exit 0, not 3
    Cli.Result again =
        Cli.run(
            DownloadCommandTest.components(),
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--resize",
            "224",
            "--square",
            "--margin",
            "0.1",
            "--image-format",
            "jpg",
            "--quiet");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(ReportCsv.read(out.resolve(ReportCsv.FILE_NAME)))
        .extracting(ReportRow::reason)
        .containsOnly(Reason.ALREADY_PRESENT);
  }

  @Test
  void rectangularResizeAndMinSize() throws Exception {
    Path out = tmp.resolve("out");
    // boxes are about 51 x 102 pixels: 60 skips them all, as TOO_SMALL; nothing written exits 3
    Cli.Result small =
        Cli.run(
            DownloadCommandTest.components(),
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--min-size",
            "60",
            "--quiet");
    assertThat(small.code()).as(small.err()).isEqualTo(RunRecord.NOTHING_WRITTEN);
    assertThat(small.err()).contains("no row was written");
    assertThat(ReportCsv.read(out.resolve(ReportCsv.FILE_NAME)))
        .extracting(ReportRow::reason)
        .containsOnly(Reason.TOO_SMALL);
    assertThat(
            new ObjectMapper()
                .readTree(out.resolve(RunRecord.FILE_NAME).toFile())
                .get("reasons")
                .get("TOO_SMALL")
                .asInt())
        .isEqualTo(3);

    Path out2 = tmp.resolve("out2");
    Cli.Result ok =
        Cli.run(
            DownloadCommandTest.components(),
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out2.toString(),
            "--min-size",
            "40",
            "--resize",
            "64x32",
            "--quiet");
    assertThat(ok.code()).as(ok.err()).isZero();
    List<Path> pngs = files(out2, ".png");
    assertThat(pngs).hasSize(3);
    BufferedImage img = ImageIO.read(pngs.get(0).toFile());
    assertThat(img.getWidth()).isEqualTo(64);
    assertThat(img.getHeight()).isEqualTo(32);
    List<ReportRow> report = ReportCsv.read(out2.resolve(ReportCsv.FILE_NAME));
    assertThat(report).extracting(ReportRow::outputWidth).containsOnly(64);
    assertThat(report).extracting(ReportRow::outputHeight).containsOnly(32);
    // rows that made no crop record no output size
    assertThat(ReportCsv.read(out.resolve(ReportCsv.FILE_NAME)))
        .extracting(ReportRow::outputWidth)
        .containsOnly(0);
  }

  @Test
  void jsonPrintsTheSummaryAsOneObject() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Result r =
        Cli.run(
            DownloadCommandTest.components(),
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--json",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).doesNotContain("\n");
    JsonNode summary = new ObjectMapper().readTree(r.out());
    assertThat(summary.get("rows").asInt()).isEqualTo(3);
    assertThat(summary.get("written").asInt()).isEqualTo(3);
    assertThat(summary.get("reasons").get("WRITTEN").asInt()).isEqualTo(3);
    assertThat(summary.get("exit_code").asInt()).isZero();
    assertThat(summary.get("command").asText()).isEqualTo("download");
  }

  @Test
  void unusableCropOptionsExitTwo() throws Exception {
    Path out = tmp.resolve("out");
    String m = manifest.toString();
    Components c = DownloadCommandTest.components();
    Cli.Result resize =
        Cli.run(c, "download", "--manifest", m, "--out", out.toString(), "--resize", "0");
    assertThat(resize.code()).isEqualTo(2);
    assertThat(resize.err()).contains("--resize").contains("0x0");
    Cli.Result text =
        Cli.run(c, "download", "--manifest", m, "--out", out.toString(), "--resize", "big");
    assertThat(text.code()).isEqualTo(2);
    assertThat(text.err()).contains("--resize").contains("big");
    Cli.Result quality =
        Cli.run(c, "download", "--manifest", m, "--out", out.toString(), "--quality", "90");
    assertThat(quality.code()).isEqualTo(2);
    assertThat(quality.err()).contains("--quality").contains("jpg");
    Cli.Result badQuality =
        Cli.run(
            c,
            "download",
            "--manifest",
            m,
            "--out",
            out.toString(),
            "--image-format",
            "jpg",
            "--quality",
            "101");
    assertThat(badQuality.code()).isEqualTo(2);
    assertThat(badQuality.err()).contains("--quality").contains("101");
    Cli.Result margin =
        Cli.run(c, "download", "--manifest", m, "--out", out.toString(), "--margin", "-1");
    assertThat(margin.code()).isEqualTo(2);
    assertThat(margin.err()).contains("--margin");
    Cli.Result tarJpeg =
        Cli.run(
            c,
            "download",
            "--manifest",
            m,
            "--out",
            out.toString(),
            "--format",
            "tar",
            "--image-format",
            "jpg");
    assertThat(tarJpeg.code()).isEqualTo(2);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
