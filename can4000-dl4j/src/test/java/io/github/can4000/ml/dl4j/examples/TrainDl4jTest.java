package io.github.can4000.ml.dl4j.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.fixtures.ClassImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TrainDl4jTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return TrainDl4j.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void folder_trainsAndPrintsEachEpoch() throws IOException {
    Manifest m = ClassImages.manifest(20, "x", (url, png) -> {});
    for (ManifestEntry e : m.entries()) {
      Path f = dir.resolve(e.label()).resolve(e.fileStem() + ".png");
      Files.createDirectories(f.getParent());
      Files.write(f, ClassImages.png(e.label().equals("nevus") ? 1 : 0, e.id()));
    }
    assertThat(run("--folder", dir.toString(), "--epochs", "2", "--size", "16", "--batch", "4"))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains(
            "20 rows, classes [malignantmelanoma, nevus]; crops: 16 training, 4 validation;"
                + " rows without crop: none")
        .containsPattern(
            "epoch 1/2  train loss \\d+\\.\\d{4}  accuracy \\d\\.\\d{3}  validation loss \\d+\\.\\d{4}")
        .contains("epoch 2/2");
  }

  @Test
  void manifest_fetchesOverHttp() throws IOException {
    List<String> lines = new ArrayList<>();
    ClassImages.manifest(
            10,
            server.baseUrl(),
            (url, png) ->
                server.stubFor(
                    get(urlPathEqualTo(url.substring(server.baseUrl().length())))
                        .willReturn(
                            aResponse().withHeader("Content-Type", "image/png").withBody(png))))
        .entries()
        .forEach(
            e ->
                lines.add(
                    String.format(
                        Locale.ROOT, "%05d %s 0.5 0.5 0.6 0.6 %s", e.id(), e.label(), e.url())));
    lines.add(
        String.format(
            Locale.ROOT, "%05d nevus 0.5 0.5 0.6 0.6 %s/missing.png", 10, server.baseUrl()));
    Path manifest = dir.resolve("manifest.txt");
    Files.write(manifest, lines);
    assertThat(run("--manifest", manifest.toString(), "--epochs", "1", "--size", "16"))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("rows without crop: {HTTP_STATUS=1}")
        .contains("epoch 1/1");
  }

  @Test
  void usageErrors_exitWith2() {
    assertThat(run("--epochs", "3")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("give exactly one of --manifest and --folder")
        .contains("usage: TrainDl4j");
    assertThat(run("--manifest", "bundled", "--size", "7")).isEqualTo(2);
    assertThat(run("--manifest")).isEqualTo(2);
  }
}
