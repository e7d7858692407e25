package io.github.can4000.ml.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.TrainingCrops;
import io.github.can4000.fixtures.ClassImages;
import io.github.can4000.fixtures.DocSnippets;
import io.github.can4000.io.eval.EvaluationReport;
import io.github.can4000.io.eval.ScoredImage;
import io.github.can4000.io.eval.ScoresCsv;
import io.github.can4000.io.folder.ImageFolders;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.ml.dl4j.examples.TrainDl4jAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsRecipesTest {
  private static final Path DOC = Path.of("..", "docs", "training.md");
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of(
          "src", "test", "java", "io", "github", "can4000", "ml", "dl4j", "MetricsRecipes.java");

  @TempDir Path dir;

  @Test
  void doc_showsTheCompiledRecipe() throws Exception {
    String code = DocSnippets.region(SOURCE, "dl4j-metrics");
    if (Boolean.getBoolean("recipes.update")) {
      DocSnippets.write(DOC, "dl4j-metrics", code);
      DocSnippets.write(README, "dl4j-metrics", code);
    }
    assertThat(DocSnippets.block(DOC, "dl4j-metrics"))
        .as(
            "docs/training.md snippet 'dl4j-metrics' differs from MetricsRecipes.java; run with -Drecipes.update=true")
        .isEqualTo(code);
    assertThat(DocSnippets.block(README, "dl4j-metrics"))
        .as(
            "README.md snippet 'dl4j-metrics' differs from MetricsRecipes.java; run with -Drecipes.update=true")
        .isEqualTo(code);
  }

  static void writeFolder(Path root, int perClass, long seedBase) throws Exception {
    for (int i = 0; i < 2 * perClass; i++) {
      int cls = i % 2;
      Path f =
          root.resolve(cls == 0 ? "malignantmelanoma" : "nevus")
              .resolve("img (" + (seedBase + i) + ").png");
      Files.createDirectories(f.getParent());
      Files.write(f, ClassImages.png(cls, seedBase + i));
    }
  }

  @Test
  void dl4jOutputs_feedTheMetricsPackage() throws Exception {
    int size = 16;
    writeFolder(dir.resolve("train"), 16, 0);
    writeFolder(dir.resolve("test"), 8, 1000);
    Manifest train = ImageFolders.manifest(dir.resolve("train"));
    LabelIndex labels = LabelIndex.of(train);
    TrainingCrops crops;
    try (Dataset source =
        ImageFolders.datasetBuilder(dir.resolve("train"))
            .decoder(ImageDecoders.standard())
            .cropper(Cropper.reference().resize(size, size))
            .build()) {
      crops = TrainingCrops.load(source, train, labels, size, size);
    }
    MultiLayerNetwork net = new MultiLayerNetwork(TrainDl4jAccess.cnn(size, labels.size(), 7));
    net.init();
    net.fit(
        CropDataSetIterator.builder(crops)
            .batchSize(8)
            .normalization(Normalization.IMAGENET)
            .shuffle(7)
            .build(),
        4);

    Path out = dir.resolve("report");
    EvaluationReport report =
        MetricsRecipes.validateExternally(net, labels, size, dir.resolve("test"), "nevus", out);
    assertThat(report.overall().n()).isEqualTo(16);
    assertThat(report.overall().nPositive()).isEqualTo(8);
    // reddish vs bluish noise is easy: the network separates it
    assertThat(report.overall().auc()).isGreaterThan(0.8);
    List<ScoredImage> scored = ScoresCsv.read(out.resolve("scores.csv"));
    assertThat(scored)
        .hasSize(16)
        .allSatisfy(s -> assertThat(s.path()).startsWith(s.label() + "/img ("));
    JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    double wins = 0;
    for (ScoredImage p : scored) {
      for (ScoredImage n : scored) {
        if (p.label().equals("nevus") && !n.label().equals("nevus")) {
          wins += p.score() > n.score() ? 1 : p.score() == n.score() ? 0.5 : 0;
        }
      }
    }
    assertThat(json.get("auc").asDouble()).isCloseTo(wins / 64, within(1e-12));
    assertThat(out.resolve("roc.png")).isRegularFile();
  }
}
