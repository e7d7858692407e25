package io.github.can4000.ml.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.training.TrainingResult;
import io.github.can4000.Manifest;
import io.github.can4000.fixtures.ClassImages;
import io.github.can4000.fixtures.DocSnippets;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the recipes of docs/training.md and checks that the doc shows exactly their code. After
 * changing a recipe, run with {@code -Drecipes.update=true} to rewrite the doc's block.
 */
class RecipesTest {
  private static final Path DOC = Path.of("..", "docs", "training.md");
  private static final Path SOURCE = Path.of("src", "test", "java", "io", "github", "can4000", "ml", "djl",
      "Recipes.java");

  @Test
  void doc_showsTheCompiledRecipe() throws Exception {
    String code = DocSnippets.region(SOURCE, "djl");
    if (Boolean.getBoolean("recipes.update")) {
      DocSnippets.write(DOC, "djl", code);
    }
    assertThat(DocSnippets.block(DOC, "djl"))
        .as("docs/training.md snippet 'djl' differs from Recipes.java; run with -Drecipes.update=true")
        .isEqualTo(code);
  }

  @Test
  void djlRecipe_trains() throws Exception {
    MapFetcher fetcher = new MapFetcher();
    Manifest m = ClassImages.manifest(40, "http://h", fetcher::put);
    TrainingResult r = Recipes.trainWithDjl(m, fetcher, new JdkDecoder(), 2);
    assertThat(r.getTrainLoss()).isFinite();
    assertThat(r.getValidateEvaluation("Accuracy")).isBetween(0f, 1f);
    assertThat(fetcher.totalCalls()).isEqualTo(40);
  }
}
