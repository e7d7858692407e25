package io.github.can4000.ml.dl4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Manifest;
import io.github.can4000.fixtures.ClassImages;
import io.github.can4000.fixtures.DocSnippets;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.evaluation.classification.Evaluation;

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
      Path.of("src", "test", "java", "io", "github", "can4000", "ml", "dl4j", "Recipes.java");

  @Test
  void doc_showsTheCompiledRecipe() throws Exception {
    String code = DocSnippets.region(SOURCE, "dl4j");
    if (Boolean.getBoolean("recipes.update")) {
      DocSnippets.write(DOC, "dl4j", code);
      DocSnippets.write(README, "dl4j", code);
    }
    assertThat(DocSnippets.block(DOC, "dl4j"))
        .as(
            "docs/training.md snippet 'dl4j' differs from Recipes.java; run with -Drecipes.update=true")
        .isEqualTo(code);
    assertThat(DocSnippets.block(README, "dl4j"))
        .as("README.md snippet 'dl4j' differs from Recipes.java; run with -Drecipes.update=true")
        .isEqualTo(code);
  }

  @Test
  void dl4jRecipe_trainsOnCropsServedOverHttp() {
    Manifest m =
        ClassImages.manifest(
            40,
            server.baseUrl(),
            (url, png) ->
                server.stubFor(
                    get(urlPathEqualTo(url.substring(server.baseUrl().length())))
                        .willReturn(
                            aResponse().withHeader("Content-Type", "image/png").withBody(png))));
    Evaluation eval = Recipes.trainWithDl4j(m, HttpFetchers.create(), ImageDecoders.standard(), 2);
    assertThat(eval.accuracy()).isBetween(0.0, 1.0);
    assertThat(eval.getNumRowCounter()).isEqualTo(8);
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(40);
  }
}
