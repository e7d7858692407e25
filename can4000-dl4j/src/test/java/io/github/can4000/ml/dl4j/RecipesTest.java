package io.github.can4000.ml.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.Manifest;
import io.github.can4000.fixtures.ClassImages;
import io.github.can4000.fixtures.DocSnippets;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Runs the recipes of docs/training.md and checks that the doc shows exactly their code. After
 * changing a recipe, run with {@code -Drecipes.update=true} to rewrite the doc's block.
 */
class RecipesTest {
  private static final Path DOC = Path.of("..", "docs", "training.md");
  private static final Path SOURCE = Path.of("src", "test", "java", "io", "github", "can4000", "ml", "dl4j",
      "Recipes.java");

  @Test
  void doc_showsTheCompiledRecipe() throws Exception {
    String code = DocSnippets.region(SOURCE, "dl4j");
    if (Boolean.getBoolean("recipes.update")) {
      DocSnippets.write(DOC, "dl4j", code);
    }
    assertThat(DocSnippets.block(DOC, "dl4j"))
        .as("docs/training.md snippet 'dl4j' differs from Recipes.java; run with -Drecipes.update=true")
        .isEqualTo(code);
  }

  @Test
  void dl4jRecipe_trains() {
    MapFetcher fetcher = new MapFetcher();
    Manifest m = ClassImages.manifest(40, "http://h", fetcher::put);
    Evaluation eval = Recipes.trainWithDl4j(m, fetcher, new JdkDecoder(), 2);
    assertThat(eval.accuracy()).isBetween(0.0, 1.0);
    assertThat(eval.getNumRowCounter()).isEqualTo(8);
    assertThat(fetcher.totalCalls()).isEqualTo(40);
  }
}
