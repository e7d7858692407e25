package io.github.can4000.ml.dl4j;

import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.TrainingCrops;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Deeplearning4j recipe of docs/training.md; {@link RecipesTest} runs it and keeps the doc in
 * sync.
 */
final class Recipes {
  private Recipes() {}

  // region dl4j
  /**
   * Trains a small CNN on the crops of {@code manifest} with Deeplearning4j (ND4J, CPU) and returns
   * its evaluation on a held-out fifth. {@code fetcher}: {@code HttpFetchers.create()} for the web,
   * or {@code FileFetchers.create(dir)} for a folder; {@code decoder}: {@code
   * ImageDecoders.standard()}.
   */
  static Evaluation trainWithDl4j(Manifest manifest, Fetcher fetcher, Decoder decoder, int epochs) {
    int size = 32;
    LabelIndex labels = LabelIndex.of(manifest); // sorted labels -> 0, 1, ...

    TrainingCrops crops;
    try (Dataset source =
        Dataset.builder()
            .manifest(manifest)
            .fetcher(fetcher)
            .decoder(decoder)
            .cropper(Cropper.reference().square().margin(0.1).resize(size, size))
            .build()) {
      crops =
          TrainingCrops.load(source, manifest, labels, size, size); // fetched once, kept in memory
    }
    // 80 / 20 by source photograph and near-duplicate cluster, never by index
    int[][] sides = CropDataSetIterator.split(crops, 42, 0.8, 0.2);
    DataSetIterator train =
        CropDataSetIterator.builder(crops)
            .subset(sides[0])
            .batchSize(32)
            .normalization(Normalization.IMAGENET)
            .shuffle(42)
            .build();
    DataSetIterator validate =
        CropDataSetIterator.builder(crops)
            .subset(sides[1])
            .batchSize(32)
            .normalization(Normalization.IMAGENET)
            .build();

    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(42)
            .updater(new Adam(1e-3))
            .list()
            .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build())
            .layer(
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
            .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
            .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                    .nOut(labels.size())
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(size, size, 3)) // NCHW, as the iterator serves
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.fit(train, epochs);
    return net.evaluate(validate);
  }
  // endregion dl4j
}
