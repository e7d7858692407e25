package io.github.can4000.ml.djl;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.image.ImageDecoders;
import java.nio.file.Path;

/**
 * The child JVM of {@link CropStoreOutOfRamTest}: loads every crop of MANIFEST (files under ROOT)
 * into a crop store in STORE, then trains a linear classifier on them for two epochs with DJL.
 * Prints {@code crops=N heap_max=B loss=L}.
 */
public final class OutOfRamTraining {
  private OutOfRamTraining() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Manifest manifest = Manifest.parse(Path.of(args[1]));
    Path store = Path.of(args[2]);
    int size = Integer.parseInt(args[3]);
    try (Dataset source =
        Dataset.builder()
            .manifest(manifest)
            .fetcher(FileFetchers.create(root))
            .decoder(ImageDecoders.standard())
            .cropper(Cropper.reference().square().resize(size, size))
            .build()) {
      CropDataset train =
          CropDataset.builder()
              .setSource(source)
              .setImageSize(size, size)
              .optNormalization(Normalization.IMAGENET)
              .optStore(store)
              .setSampling(100, true)
              .build();
      try (Model model = Model.newInstance("out-of-ram")) {
        model.setBlock(
            new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(train.numClasses()).build()));
        try (Trainer trainer =
            model.newTrainer(
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(TrainingListener.Defaults.basic()))) {
          trainer.initialize(new Shape(1, 3, size, size));
          long t0 = System.nanoTime();
          train.prepare();
          long t1 = System.nanoTime();
          EasyTrain.fit(trainer, 2, train, null);
          long t2 = System.nanoTime();
          System.out.printf("store_s=%.1f train_s=%.1f%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
          TrainingResult r = trainer.getTrainingResult();
          System.out.printf(
              "crops=%d heap_max=%d loss=%s%n",
              train.size(), Runtime.getRuntime().maxMemory(), r.getTrainLoss());
        }
      }
    }
  }
}
