package io.github.can4000.ml.dl4j.examples;

import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.Outcome;
import io.github.can4000.Reason;
import io.github.can4000.TrainingCrops;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.ml.dl4j.CropDataSetIterator;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a small CNN with Deeplearning4j (ND4J, CPU) on CAN4000 crops and prints loss and accuracy
 * per epoch, for training and for a held-out fifth of the crops, split by source photograph and
 * near-duplicate cluster ({@link CropDataSetIterator#split}). The held-out fifth comes from the
 * same machine-labelled manifest: an internal check that training works, not a validation; validate
 * with {@code can4000 evaluate} (or the metrics package) on a test set with clear ground truth.
 *
 * <pre>
 * TrainDl4j (--manifest FILE | --manifest bundled | --folder DIR) [--epochs 5] [--size 64]
 *           [--batch 32] [--limit ROWS] [--seed 42]
 * </pre>
 *
 * <p>{@code --manifest} fetches the rows' URLs over HTTP ({@code bundled}: the CAN4000 manifest in
 * the library); {@code --folder} reads a folder written by {@code can4000 download} ({@code
 * DIR/<label>/<id>_<label>.png}). {@code --limit} trains on a seeded random subset of rows.
 */
public final class TrainDl4j {
  private TrainDl4j() {}

  /** Runs the example; exits with 0 on success, 2 on a usage error, 1 on failure. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the example and returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("TrainDl4j: " + e.getMessage());
      err.println(Options.USAGE);
      return 2;
    }
    try {
      train(o, out);
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("TrainDl4j: " + e);
      return 1;
    }
  }

  private static void train(Options o, PrintStream out) throws IOException {
    Manifest all;
    Fetcher fetcher;
    if (o.folder != null) {
      all = Manifest.ofFolder(o.folder);
      fetcher = FileFetchers.create(o.folder);
    } else {
      all = "bundled".equals(o.manifest) ? Manifest.can4000() : Manifest.parse(Path.of(o.manifest));
      fetcher = HttpFetchers.create();
    }
    if (all.size() == 0) {
      fetcher.close();
      throw new IllegalArgumentException("no rows in " + all.source());
    }
    LabelIndex labels = LabelIndex.of(all);
    Manifest rows =
        o.limit > 0 && o.limit < all.size()
            ? all.withEntries(all.shuffled(o.seed).entries().subList(0, o.limit))
            : all;
    TrainingCrops crops;
    try (Dataset source =
        Dataset.builder()
            .manifest(rows)
            .fetcher(fetcher)
            .decoder(ImageDecoders.standard())
            .cropper(Cropper.reference().square().margin(0.1).resize(o.size, o.size))
            .build()) {
      crops = TrainingCrops.load(source, rows, labels, o.size, o.size);
    }
    // a held-out fifth by source photograph and near-duplicate cluster, never by index
    int[][] sides =
        crops.size() == 0
            ? new int[][] {{}, {}}
            : CropDataSetIterator.split(crops, o.seed, 0.8, 0.2);
    Map<Reason, Integer> reasons = new TreeMap<>();
    for (Outcome f : crops.failures()) {
      reasons.merge(f.reason(), 1, Integer::sum);
    }
    out.printf(
        Locale.ROOT,
        "%s: %d rows, classes %s; crops: %d training, %d validation; rows without crop: %s%n",
        all.source(),
        rows.size(),
        labels.labels(),
        sides[0].length,
        sides[1].length,
        reasons.isEmpty() ? "none" : reasons);
    if (sides[0].length == 0) {
      throw new IllegalStateException("no training crop could be loaded");
    }

    MultiLayerNetwork net = new MultiLayerNetwork(cnn(o.size, labels.size(), o.seed));
    net.init();
    CropDataSetIterator train =
        CropDataSetIterator.builder(crops)
            .subset(sides[0])
            .batchSize(o.batch)
            .normalization(Normalization.IMAGENET)
            .shuffle(o.seed)
            .build();
    for (int epoch = 1; epoch <= o.epochs; epoch++) {
      net.fit(train);
      train.reset();
      double[] t = lossAndAccuracy(net, crops, sides[0], o.batch);
      out.printf(
          Locale.ROOT, "epoch %d/%d  train loss %.4f  accuracy %.3f", epoch, o.epochs, t[0], t[1]);
      if (sides[1].length > 0) {
        double[] v = lossAndAccuracy(net, crops, sides[1], o.batch);
        out.printf(Locale.ROOT, "  validation loss %.4f  accuracy %.3f", v[0], v[1]);
      }
      out.println();
    }
  }

  /** Three convolution blocks, global average pooling and a softmax classifier. */
  static MultiLayerConfiguration cnn(int size, int classes, long seed) {
    NeuralNetConfiguration.ListBuilder layers =
        new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3)).list();
    for (int filters : new int[] {16, 32, 64}) {
      layers
          .layer(
              new ConvolutionLayer.Builder(3, 3)
                  .padding(1, 1)
                  .nOut(filters)
                  .activation(Activation.RELU)
                  .build())
          .layer(
              new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
    }
    return layers
        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
        .layer(
            new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .nOut(classes)
                .activation(Activation.SOFTMAX)
                .build())
        .setInputType(InputType.convolutional(size, size, 3))
        .build();
  }

  /** Returns the mean loss and the accuracy of {@code net} on the crops at {@code subset}. */
  private static double[] lossAndAccuracy(
      MultiLayerNetwork net, TrainingCrops crops, int[] subset, int batch) {
    CropDataSetIterator it =
        CropDataSetIterator.builder(crops)
            .subset(subset)
            .batchSize(batch)
            .normalization(Normalization.IMAGENET)
            .build();
    Evaluation eval = new Evaluation(crops.labels().size());
    double loss = 0;
    int n = 0;
    while (it.hasNext()) {
      DataSet ds = it.next();
      loss += net.score(ds) * ds.numExamples();
      n += ds.numExamples();
      eval.eval(ds.getLabels(), net.output(ds.getFeatures(), false));
    }
    return new double[] {loss / n, eval.accuracy()};
  }

  /** The command line options. */
  static final class Options {
    static final String USAGE =
        "usage: TrainDl4j (--manifest FILE|bundled | --folder DIR) [--epochs 5] [--size 64]"
            + " [--batch 32] [--limit ROWS] [--seed 42]";

    String manifest;
    Path folder;
    int epochs = 5;
    int size = 64;
    int batch = 32;
    int limit;
    long seed = 42;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + name);
        }
        String v = args[++i];
        switch (name) {
          case "--manifest":
            o.manifest = v;
            break;
          case "--folder":
            o.folder = Path.of(v);
            if (!Files.isDirectory(o.folder)) {
              throw new IllegalArgumentException("not a directory: " + v);
            }
            break;
          case "--epochs":
            o.epochs = number(name, v, 1, 10_000);
            break;
          case "--size":
            o.size = number(name, v, 8, 1024);
            break;
          case "--batch":
            o.batch = number(name, v, 1, 4096);
            break;
          case "--limit":
            o.limit = number(name, v, 1, Integer.MAX_VALUE);
            break;
          case "--seed":
            try {
              o.seed = Long.parseLong(v);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--seed must be a number: " + v);
            }
            break;
          default:
            throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if ((o.manifest == null) == (o.folder == null)) {
        throw new IllegalArgumentException("give exactly one of --manifest and --folder");
      }
      return o;
    }

    private static int number(String name, String v, int min, int max) {
      try {
        int n = Integer.parseInt(v);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          name + " must be a number from " + min + " to " + max + ": " + v);
    }
  }
}
