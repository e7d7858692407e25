package io.github.can4000.ml.djl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.fixtures.ClassImages;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CropDatasetTest {
  private static final int SIZE = 16;

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static Manifest manifest(int rows, String base, MapFetcher fetcher) {
    return ClassImages.manifest(rows, base, fetcher::put);
  }

  @Test
  void pytorch_loadsOffline_fromTheBundledJar() {
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    Engine engine = Engine.getInstance();
    assertThat(engine.getEngineName()).isEqualTo("PyTorch");
    try (NDManager m = NDManager.newBaseManager()) {
      assertThat(m.create(new float[] {1, 2, 3}).sum().getFloat()).isEqualTo(6f);
    }
  }

  @Test
  void records_areChwFloatsAndClassIndices_limitAndSamplingWork() throws Exception {
    MapFetcher f = new MapFetcher();
    Manifest m = manifest(10, "http://h", f);
    try (Dataset source =
            Dataset.builder()
                .manifest(m)
                .fetcher(f)
                .decoder(new JdkDecoder())
                .cropper(Cropper.reference().square().resize(SIZE, SIZE))
                .build();
        NDManager nd = NDManager.newBaseManager()) {
      CropDataset ds =
          CropDataset.builder()
              .setSource(source)
              .setImageSize(SIZE, SIZE)
              .optNormalization(Normalization.IMAGENET)
              .setSampling(4, false)
              .optLimit(6)
              .build();
      assertThat(ds.size()).isZero();
      ds.prepare();
      assertThat(ds.size()).isEqualTo(6);
      assertThat(ds.crops().size()).isEqualTo(10);
      assertThat(ds.numClasses()).isEqualTo(2);
      assertThat(ds.labels()).isEqualTo(LabelIndex.of(m));
      Record r = ds.get(nd, 1);
      assertThat(r.getData().head().getShape()).isEqualTo(new Shape(3, SIZE, SIZE));
      assertThat(r.getData().head().getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(r.getLabels().head().getFloat()).isEqualTo(1f);
      int batches = 0;
      for (Batch b : ds.getData(nd)) {
        assertThat(b.getData().head().getShape().get(0)).isLessThanOrEqualTo(4);
        assertThat(b.getData().head().getShape().slice(1)).isEqualTo(new Shape(3, SIZE, SIZE));
        batches++;
        b.close();
      }
      assertThat(batches).isEqualTo(2);
      CropDataset again = CropDataset.builder().setCrops(ds.crops()).setSampling(5, true).build();
      assertThat(again.size()).isEqualTo(10);
    }
  }

  @Test
  void builder_validates() {
    assertThatThrownBy(() -> CropDataset.builder().setSampling(1, false).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exactly one of");
    assertThatThrownBy(() -> CropDataset.builder().setImageSize(0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image size must be between 1 and 16384 each way: 0x3");
    assertThatThrownBy(() -> CropDataset.builder().setImageSize(3, 3).setImageSize(4, 4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("image size was already set to 3x3");
    MapFetcher f = new MapFetcher();
    try (Dataset source =
        Dataset.builder()
            .manifest(manifest(2, "http://h", f))
            .fetcher(f)
            .decoder(new JdkDecoder())
            .build()) {
      assertThatThrownBy(
              () -> CropDataset.builder().setSource(source).setSampling(1, false).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("image size is not set");
      CropDataset unprepared =
          CropDataset.builder().setSource(source).setImageSize(8, 8).setSampling(1, false).build();
      assertThatThrownBy(unprepared::crops).isInstanceOf(IllegalStateException.class);
    }
  }

  /** Trains a tiny CNN for a few epochs and returns the mean loss of each epoch. */
  static List<Float> train(CropDataset data, int epochs) throws Exception {
    Engine.getInstance().setRandomSeed(1234);
    SequentialBlock net =
        new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).build())
            .add(Activation.reluBlock())
            .add(Pool.maxPool2dBlock(new Shape(2, 2)))
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(data.numClasses()).build());
    List<Float> losses = new ArrayList<>();
    try (Model model = Model.newInstance("tiny-cnn")) {
      model.setBlock(net);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 3, SIZE, SIZE));
        for (int epoch = 0; epoch < epochs; epoch++) {
          float sum = 0;
          int n = 0;
          for (Batch batch : trainer.iterateDataset(data)) {
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray loss =
                  trainer.getLoss().evaluate(batch.getLabels(), trainer.forward(batch.getData()));
              gc.backward(loss);
              sum += loss.getFloat();
              n++;
            }
            trainer.step();
            batch.close();
          }
          losses.add(sum / n);
        }
      }
    }
    return losses;
  }

  @Test
  void tinyCnn_trainsOnCropsServedOverHttp_lossFiniteAndDecreasing() throws Exception {
    Manifest m =
        ClassImages.manifest(
            32,
            server.baseUrl(),
            (url, png) ->
                server.stubFor(
                    get(urlPathEqualTo(url.substring(server.baseUrl().length())))
                        .willReturn(
                            aResponse().withHeader("Content-Type", "image/png").withBody(png))));
    try (Dataset source =
        Dataset.builder()
            .manifest(m)
            .fetcher(HttpFetchers.create())
            .decoder(ImageDecoders.standard())
            .cropper(Cropper.reference().square().resize(SIZE, SIZE))
            .build()) {
      CropDataset data =
          CropDataset.builder()
              .setSource(source)
              .setImageSize(SIZE, SIZE)
              .optNormalization(Normalization.IMAGENET)
              .setSampling(8, true)
              .build();
      List<Float> losses = train(data, 4);
      assertThat(losses).allSatisfy(l -> assertThat(l).isFinite());
      assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
      // 4 epochs, one request per image: epochs 2 to 4 read the crops from memory
      assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(32);
    }
  }
}
