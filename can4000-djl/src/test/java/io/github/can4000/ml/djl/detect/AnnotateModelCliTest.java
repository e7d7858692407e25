package io.github.can4000.ml.djl.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.examples.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code can4000 annotate --model} end to end: the CLI finds this module's detector through
 * ServiceLoader, for a TorchScript and an ONNX model.
 */
class AnnotateModelCliTest {
  @TempDir Path dir;

  @Test
  void annotateModel_fromUrls_fetchesThroughTheHttpFetcher() throws Exception {
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    ImageIO.write(
        YoloDetectorTest.picture(320, 160, 100, 40, 200, 120).toBufferedImage(), "png", png);
    com.github.tomakehurst.wiremock.WireMockServer server =
        new com.github.tomakehurst.wiremock.WireMockServer(
            com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get("/p.png")
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withHeader("Content-Type", "image/png")
                    .withBody(png.toByteArray())));
    try {
      String url = "http://127.0.0.1:" + server.port() + "/p.png";
      Path urls =
          Files.writeString(
              dir.resolve("urls.txt"),
              "# photographs\n"
                  + url
                  + "\n"
                  + "http://127.0.0.1:"
                  + server.port()
                  + "/missing.png\n");
      Path out = dir.resolve("proposals.csv");
      StringWriter stdout = new StringWriter();
      StringWriter stderr = new StringWriter();
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(stdout, true));
      cl.setErr(new PrintWriter(stderr, true));
      int code =
          cl.execute(
              "annotate",
              "--urls",
              urls.toString(),
              "--model",
              YoloDetectorTest.resource("tiny_yolo.pt").toString(),
              "--classes",
              "nevus,melanoma",
              "--input-size",
              "64",
              "--out",
              out.toString());
      assertThat(code).as(stderr.toString()).isZero();
      assertThat(stderr.toString()).contains("skipped " + url.replace("p.png", "missing.png"));
      List<String> lines = Files.readAllLines(out);
      assertThat(lines).hasSize(3);
      assertThat(lines.get(1)).startsWith("1,melanoma,0.46875,0.5,0.3125,0.5,").endsWith("," + url);
    } finally {
      server.stop();
    }
  }

  @ParameterizedTest
  @CsvSource({"tiny_yolo.pt, TorchScript", "tiny_yolo.onnx, ONNX"})
  void annotateModel_writesProposalsWhereTheModelFoundThem(String model, String format)
      throws Exception {
    Path images = Files.createDirectories(dir.resolve("photos/a"));
    ImageIO.write(
        YoloDetectorTest.picture(320, 160, 100, 40, 200, 120).toBufferedImage(),
        "png",
        images.resolve("patch.png").toFile());
    Files.writeString(dir.resolve("photos/broken.jpg"), "not an image");
    Path out = dir.resolve("proposals.csv");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(stdout, true));
    cl.setErr(new PrintWriter(stderr, true));
    int code =
        cl.execute(
            "annotate",
            "--images",
            dir.resolve("photos").toString(),
            "--model",
            YoloDetectorTest.resource(model).toString(),
            "--classes",
            "nevus,melanoma",
            "--input-size",
            "64",
            "--out",
            out.toString());
    assertThat(code).as(stderr.toString()).isZero();
    assertThat(stderr.toString()).contains("skipped broken.jpg");
    assertThat(stdout.toString()).contains("wrote 2 proposals on 1 photograph");
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("no,label,x,y,w,h,score,source");
    // boxes exact; scores are the model's float products 0.9f * 0.9f and 0.7f * 0.9f
    assertThat(lines.get(1))
        .matches("1,melanoma,0\\.46875,0\\.5,0\\.3125,0\\.5,0\\.(81|8099999\\d*),a/patch\\.png");
    assertThat(lines.get(2))
        .matches(
            "2,nevus,0\\.25,0\\.75,0\\.125,0\\.25,0\\.(63|6299999\\d*|6300000\\d*),a/patch\\.png");
    assertThat(Files.readString(dir.resolve("proposals.csv.properties")))
        .contains(
            "detector=YOLO " + format + " " + model + " (classes nevus,melanoma, input 64",
            "nms_iou=0.45");
  }
}
