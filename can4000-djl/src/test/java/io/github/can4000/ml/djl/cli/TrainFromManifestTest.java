package io.github.can4000.ml.djl.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.fixtures.ClassImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** train --manifest: crops streamed over HTTP (a real loopback server), failed rows listed. */
class TrainFromManifestTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @TempDir Path dir;

  @Test
  void manifest_isStreamedThroughTheSdk_andHashedPerCrop() throws Exception {
    List<String> lines = new ArrayList<>();
    ClassImages.manifest(
            12,
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
            Locale.ROOT, "%05d nevus 0.5 0.5 0.6 0.6 %s/missing.png", 12, server.baseUrl()));
    Path manifest = dir.resolve("manifest.txt");
    Files.write(manifest, lines);
    Path model = dir.resolve("model");
    TrainEvaluateCommandsTest.Result r =
        TrainEvaluateCommandsTest.run(
            new TrainCommand(),
            "--manifest",
            manifest.toString(),
            "--epochs",
            "1",
            "--size",
            "16",
            "--out",
            model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("12 images loaded, classes [malignantmelanoma, nevus]")
        .contains("not used: " + server.baseUrl() + "/missing.png: HTTP_STATUS");
    ModelCard card = ModelCard.read(model);
    assertThat(card.trainingHashes()).hasSize(12).containsKey(server.baseUrl() + "/img/0.png#0");
    assertThat(card.preprocessing()).startsWith("box made square, 10% margin");
  }
}
