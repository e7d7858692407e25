package io.github.can4000.ml.dl4j;

import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.TrainingCrops;
import io.github.can4000.io.eval.EvaluationReport;
import io.github.can4000.io.eval.ScoredImage;
import io.github.can4000.io.folder.ImageFolders;
import io.github.can4000.io.image.ImageDecoders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The DL4J external-validation recipe of README.md and docs/training.md; {@link MetricsRecipesTest}
 * runs it.
 */
final class MetricsRecipes {
  private MetricsRecipes() {}

  // region dl4j-metrics
  /**
   * Scores a test set with clear ground truth ({@code testDir/<label>/<image>}) with a trained DL4J
   * network and writes scores.csv, metrics.json, roc.svg, roc.png and report.md to {@code out}: AUC
   * with its DeLong 95 % CI, sensitivity and specificity at 0.5 and at the Youden threshold. {@code
   * labels}: the network's classes (as trained); {@code positive}: one of them.
   */
  static EvaluationReport validateExternally(
      MultiLayerNetwork net, LabelIndex labels, int size, Path testDir, String positive, Path out)
      throws IOException {
    Manifest test = ImageFolders.manifest(testDir); // whole images, label = folder
    TrainingCrops crops;
    try (Dataset source =
        ImageFolders.datasetBuilder(testDir)
            .decoder(ImageDecoders.standard())
            .cropper(Cropper.reference().resize(size, size)) // preprocess as in training
            .build()) {
      crops = TrainingCrops.load(source, test, LabelIndex.of(test), size, size);
    }
    CropDataSetIterator it =
        CropDataSetIterator.builder(crops) // in crop order, not shuffled
            .batchSize(32)
            .normalization(Normalization.IMAGENET)
            .build();
    int positiveClass = labels.indexOf(positive);
    List<ScoredImage> scored = new ArrayList<>();
    while (it.hasNext()) {
      DataSet batch = it.next();
      INDArray probabilities = net.output(batch.getFeatures(), false); // softmax outputs
      for (int k = 0; k < batch.numExamples(); k++) {
        int i = scored.size();
        scored.add(
            new ScoredImage(
                crops.entry(i).url(),
                crops.entry(i).label(),
                probabilities.getDouble(k, positiveClass)));
      }
    }
    EvaluationReport report =
        EvaluationReport.builder(positive)
            .threshold(0.5)
            .title("DL4J CNN, " + size + " px")
            .addSet(
                testDir.getFileName().toString(),
                scored,
                null) // null: no training hashes to compare
            .build();
    report.writeTo(out);
    return report; // report.overall().auc(), .aucLow(), .aucHigh(), ...
  }
  // endregion dl4j-metrics
}
