package io.github.can4000.ml.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.TrainingCrops;
import io.github.can4000.fixtures.ClassImages;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class CropDataSetIteratorTest {
  private static final int SIZE = 16;
  private static TrainingCrops crops;
  private static MapFetcher fetcher;

  @BeforeAll
  static void load() {
    fetcher = new MapFetcher();
    Manifest m = ClassImages.manifest(20, "http://h", fetcher::put);
    try (Dataset source =
        Dataset.builder()
            .manifest(m)
            .fetcher(fetcher)
            .decoder(new JdkDecoder())
            .cropper(Cropper.reference().square().resize(SIZE, SIZE))
            .build()) {
      crops = TrainingCrops.load(source, m, LabelIndex.of(m), SIZE, SIZE);
    }
  }

  @Test
  void batches_areNchwWithOneHotLabels() {
    CropDataSetIterator it = CropDataSetIterator.builder(crops).batchSize(8).build();
    assertThat(it.inputColumns()).isEqualTo(3 * SIZE * SIZE);
    assertThat(it.totalOutcomes()).isEqualTo(2);
    assertThat(it.getLabels()).containsExactly("malignantmelanoma", "nevus");
    List<Integer> sizes = new ArrayList<>();
    DataSet first = null;
    while (it.hasNext()) {
      DataSet ds = it.next();
      first = first == null ? ds : first;
      sizes.add((int) ds.getFeatures().size(0));
    }
    assertThat(sizes).containsExactly(8, 8, 4);
    assertThat(first.getFeatures().shape()).containsExactly(8, 3, SIZE, SIZE);
    assertThat(first.getLabels().shape()).containsExactly(8, 2);
    // crop 0 is class 0, crop 1 class 1
    assertThat(first.getLabels().getFloat(0, 0)).isEqualTo(1f);
    assertThat(first.getLabels().getFloat(1, 1)).isEqualTo(1f);
    // CHW values in [0, 1]: channel 0 (red) of crop 0 at (0, 0)
    assertThat(first.getFeatures().getFloat(0, 0, 0, 0))
        .isEqualTo(crops.image(0).get(0, 0, 0) / 255f);
    it.reset();
    assertThat(it.hasNext()).isTrue();
  }

  @Test
  void shuffle_isRepeatablePerSeedAndEpoch() {
    List<Float> a =
        firstLabels(CropDataSetIterator.builder(crops).batchSize(20).shuffle(7).build());
    List<Float> b =
        firstLabels(CropDataSetIterator.builder(crops).batchSize(20).shuffle(7).build());
    assertThat(a).isEqualTo(b);
    CropDataSetIterator it = CropDataSetIterator.builder(crops).batchSize(20).shuffle(7).build();
    it.next();
    it.reset();
    assertThat(firstLabels(it)).isNotEqualTo(a);
  }

  private static List<Float> firstLabels(CropDataSetIterator it) {
    DataSet ds = it.next();
    List<Float> out = new ArrayList<>();
    for (int i = 0; i < ds.numExamples(); i++) {
      out.add(ds.getLabels().getFloat(i, 0));
    }
    return out;
  }

  @Test
  void builder_validates() {
    assertThatThrownBy(() -> CropDataSetIterator.builder(crops).batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be between 1 and 65536: 0");
    assertThatThrownBy(() -> CropDataSetIterator.builder(crops).batchSize(2).batchSize(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("batchSize was already set to 2");
    assertThatThrownBy(
            () ->
                CropDataSetIterator.builder(crops)
                    .normalization(Normalization.of(new float[] {0, 0}, new float[] {1, 1})))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tinyNetwork_fitsAFewIterations_scoreFiniteAndDecreasing() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(1234)
            .updater(new Adam(0.01))
            .list()
            .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
            .layer(
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                    .nOut(2)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(SIZE, SIZE, 3))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    CropDataSetIterator it =
        CropDataSetIterator.builder(crops)
            .batchSize(5)
            .normalization(Normalization.IMAGENET)
            .shuffle(1)
            .build();
    List<Double> scores = new ArrayList<>();
    for (int epoch = 0; epoch < 4; epoch++) {
      net.fit(it);
      it.reset();
      scores.add(
          net.score(
              CropDataSetIterator.builder(crops)
                  .batchSize(20)
                  .normalization(Normalization.IMAGENET)
                  .build()
                  .next()));
    }
    assertThat(scores).allSatisfy(s -> assertThat(s).isFinite());
    assertThat(scores.get(scores.size() - 1)).isLessThan(scores.get(0));
    assertThat(fetcher.totalCalls()).isEqualTo(20);
  }
}
