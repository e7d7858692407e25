package io.github.can4000.ml.djl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.training.TrainingResult;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Manifest;
import io.github.can4000.fixtures.ClassImages;
import io.github.can4000.fixtures.DocSnippets;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the recipes of docs/training.md and checks that the doc shows exactly their code. After
 * changing a recipe, run with {@code -Drecipes.update=true} to rewrite the doc's block.
 */
class RecipesTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static final Path DOC = Path.of("..", "docs", "training.md");
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src", "test", "java", "io", "github", "can4000", "ml", "djl", "Recipes.java");

  @Test
  void doc_showsTheCompiledRecipe() throws Exception {
    String code = DocSnippets.region(SOURCE, "djl");
    if (Boolean.getBoolean("recipes.update")) {
      DocSnippets.write(DOC, "djl", code);
      DocSnippets.write(README, "djl", code);
    }
    assertThat(DocSnippets.block(DOC, "djl"))
        .as(
            "docs/training.md snippet 'djl' differs from Recipes.java; run with -Drecipes.update=true")
        .isEqualTo(code);
    assertThat(DocSnippets.block(README, "djl"))
        .as("README.md snippet 'djl' differs from Recipes.java; run with -Drecipes.update=true")
        .isEqualTo(code);
  }

  @Test
  void djlRecipe_trainsOnCropsServedOverHttp() throws Exception {
    Manifest m =
        ClassImages.manifest(
            40,
            server.baseUrl(),
            (url, png) ->
                server.stubFor(
                    get(urlPathEqualTo(url.substring(server.baseUrl().length())))
                        .willReturn(
                            aResponse().withHeader("Content-Type", "image/png").withBody(png))));
    TrainingResult r = Recipes.trainWithDjl(m, HttpFetchers.create(), ImageDecoders.standard(), 2);
    assertThat(r.getTrainLoss()).isFinite();
    assertThat(r.getValidateEvaluation("Accuracy")).isBetween(0f, 1f);
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(40);
  }
}
