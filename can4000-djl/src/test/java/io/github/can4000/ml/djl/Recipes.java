package io.github.can4000.ml.djl;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;

/** The DJL recipe of docs/training.md; {@link RecipesTest} runs it and keeps the doc in sync. */
final class Recipes {
  private Recipes() {}

  // region djl
  /**
   * Trains a small CNN on the crops of {@code manifest} with DJL (PyTorch, CPU) and returns the
   * last epoch's result. {@code fetcher}: {@code HttpFetchers.create()} for the web, or {@code
   * FileFetchers.create(dir)} for a folder; {@code decoder}: {@code ImageDecoders.standard()}.
   */
  static TrainingResult trainWithDjl(
      Manifest manifest, Fetcher fetcher, Decoder decoder, int epochs)
      throws IOException, TranslateException {
    int size = 32;
    LabelIndex labels = LabelIndex.of(manifest); // sorted labels -> 0, 1, ...

    try (Dataset source =
        Dataset.builder()
            .manifest(manifest)
            .fetcher(fetcher)
            .decoder(decoder)
            .cropper(Cropper.reference().square().margin(0.1).resize(size, size))
            .build()) {
      CropDataset crops =
          CropDataset.builder()
              .setSource(source)
              .optLabels(labels)
              .setImageSize(size, size)
              .optNormalization(Normalization.IMAGENET)
              .setSampling(32, true)
              .build();
      // 80 / 20 by source photograph and near-duplicate cluster, never by index (loads the crops
      // once)
      RandomAccessDataset[] split = crops.randomSplit(8, 2);
      RandomAccessDataset train = split[0];
      RandomAccessDataset validate = split[1];

      Block cnn =
          new SequentialBlock()
              .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(16).build())
              .add(Activation.reluBlock())
              .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
              .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(32).build())
              .add(Activation.reluBlock())
              .add(Pool.globalAvgPool2dBlock())
              .add(Linear.builder().setUnits(labels.size()).build());
      try (Model model = Model.newInstance("can4000-cnn")) {
        model.setBlock(cnn);
        DefaultTrainingConfig config =
            new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .addEvaluator(new Accuracy())
                .addTrainingListeners(
                    TrainingListener.Defaults.basic()); // records loss and accuracy
        try (Trainer trainer = model.newTrainer(config)) {
          trainer.initialize(new Shape(1, 3, size, size));
          EasyTrain.fit(trainer, epochs, train, validate);
          return trainer.getTrainingResult();
        }
      }
    }
  }
  // endregion djl
}
