package io.github.can4000.ml.djl.examples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.util.ProgressBar;
import ai.djl.translate.TranslateException;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.Outcome;
import io.github.can4000.Reason;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.ml.djl.CropDataset;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains a small CNN with DJL (PyTorch, CPU) on CAN4000 crops and prints loss and accuracy per
 * epoch, for training and for a held-out fifth of the crops, split by source photograph and
 * near-duplicate cluster ({@link CropDataset#randomSplit}). The held-out fifth comes from the same
 * machine-labelled manifest: it is an internal check that training works, not a validation;
 * validate with {@code can4000 evaluate} on a test set with clear ground truth.
 *
 * <pre>
 * TrainDjl (--manifest FILE | --manifest bundled | --folder DIR) [--epochs 5] [--size 64]
 *          [--batch 32] [--limit ROWS] [--seed 42]
 * </pre>
 *
 * <p>{@code --manifest} fetches the rows' URLs over HTTP ({@code bundled}: the CAN4000 manifest in
 * the library); {@code --folder} reads a folder written by {@code can4000 download} ({@code
 * DIR/<label>/<id>_<label>.png}). {@code --limit} trains on a seeded random subset of rows. Run
 * with {@code -Dai.djl.offline=true} so the engine comes from the bundled PyTorch jar.
 */
public final class TrainDjl {
  private TrainDjl() {}

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
      err.println("TrainDjl: " + e.getMessage());
      err.println(Options.USAGE);
      return 2;
    }
    try {
      train(o, out);
      return 0;
    } catch (IOException | TranslateException | RuntimeException e) {
      err.println("TrainDjl: " + e);
      return 1;
    }
  }

  private static void train(Options o, PrintStream out) throws IOException, TranslateException {
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
    out.printf(
        Locale.ROOT, "%s: %d rows, classes %s%n", all.source(), rows.size(), labels.labels());

    try (Dataset source =
        Dataset.builder()
            .manifest(rows)
            .fetcher(fetcher)
            .decoder(ImageDecoders.standard())
            .cropper(Cropper.reference().square().margin(0.1).resize(o.size, o.size))
            .build()) {
      CropDataset crops =
          CropDataset.builder()
              .setSource(source)
              .optLabels(labels)
              .setImageSize(o.size, o.size)
              .optNormalization(Normalization.IMAGENET)
              .setSampling(o.batch, true)
              .build();
      crops.prepare(new ProgressBar());
      // a held-out fifth by source photograph and near-duplicate cluster, never by index
      Engine.getInstance().setRandomSeed((int) o.seed);
      RandomAccessDataset[] parts = crops.randomSplit(4, 1);
      RandomAccessDataset train = parts[0];
      RandomAccessDataset validate = parts[1];
      reportFailures(out, crops, train.size(), validate.size());
      if (train.size() == 0) {
        throw new IllegalStateException("no training crop could be loaded");
      }

      try (Model model = Model.newInstance("can4000-cnn")) {
        model.setBlock(cnn(labels.size()));
        DefaultTrainingConfig config =
            new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .addEvaluator(new Accuracy())
                .addTrainingListeners(TrainingListener.Defaults.basic())
                .addTrainingListeners(new EpochPrinter(out, o.epochs, validate.size() > 0));
        try (Trainer trainer = model.newTrainer(config)) {
          trainer.initialize(new Shape(1, 3, o.size, o.size));
          EasyTrain.fit(trainer, o.epochs, train, validate.size() > 0 ? validate : null);
        }
      }
    }
  }

  /** Three convolution blocks, global average pooling and a linear classifier. */
  static SequentialBlock cnn(int classes) {
    SequentialBlock net = new SequentialBlock();
    for (int filters : new int[] {16, 32, 64}) {
      net.add(
              Conv2d.builder()
                  .setKernelShape(new Shape(3, 3))
                  .optPadding(new Shape(1, 1))
                  .setFilters(filters)
                  .build())
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    return net.add(Pool.globalAvgPool2dBlock()).add(Linear.builder().setUnits(classes).build());
  }

  private static void reportFailures(
      PrintStream out, CropDataset crops, long train, long validate) {
    Map<Reason, Integer> reasons = new TreeMap<>();
    for (Outcome f : crops.crops().failures()) {
      reasons.merge(f.reason(), 1, Integer::sum);
    }
    out.printf(
        Locale.ROOT,
        "crops: %d training, %d validation; rows without crop: %s%n",
        train,
        validate,
        reasons.isEmpty() ? "none" : reasons);
  }

  /** Prints one line per epoch. */
  private static final class EpochPrinter extends TrainingListenerAdapter {
    private final PrintStream out;
    private final int epochs;
    private final boolean validating;
    private int epoch;

    EpochPrinter(PrintStream out, int epochs, boolean validating) {
      this.out = out;
      this.epochs = epochs;
      this.validating = validating;
    }

    @Override
    public void onEpoch(Trainer trainer) {
      TrainingResult r = trainer.getTrainingResult();
      epoch++;
      out.printf(
          Locale.ROOT,
          "epoch %d/%d  train loss %.4f  accuracy %.3f",
          epoch,
          epochs,
          r.getTrainLoss(),
          r.getTrainEvaluation("Accuracy"));
      if (validating && r.getValidateLoss() != null) {
        out.printf(
            Locale.ROOT,
            "  validation loss %.4f  accuracy %.3f",
            r.getValidateLoss(),
            r.getValidateEvaluation("Accuracy"));
      }
      out.println();
    }
  }

  /** The command line options. */
  static final class Options {
    static final String USAGE =
        "usage: TrainDjl (--manifest FILE|bundled | --folder DIR) [--epochs 5] [--size 64]"
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
