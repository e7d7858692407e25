package io.github.can4000.ml.djl.cli;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.Outcome;
import io.github.can4000.TrainingCrops;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.folder.ImageFolders;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.ml.djl.CropDataset;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code can4000 train}: trains a vanilla CNN from scratch with DJL (PyTorch, CPU) on a folder per
 * label or on the crops of a manifest, and saves it with its sidecar {@code model.json}.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a small CNN from scratch with DJL (PyTorch, CPU) on a folder per label (<dir>/<label>/<image>) "
          + "or on the crops of a manifest streamed from the web, with random flips as augmentation.",
      "Writes <out>/can4000-cnn-0000.params and <out>/model.json (labels, input size, normalisation and the "
          + "perceptual hashes of the training images, for the contamination check of evaluate).",
      "Nothing is held out: validate the model with evaluate on a test set with clear ground truth."
    })
public final class TrainCommand implements Callable<Integer> {
  static final String MODEL_NAME = "can4000-cnn";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "A folder per label: <DIR>/<label>/<image>.")
    Path data;

    @Option(
        names = "--manifest",
        paramLabel = "FILE",
        description = "A CAN4000 manifest (or 'bundled'); its crops are fetched over HTTP.")
    String manifest;
  }

  @Option(
      names = "--out",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "Where to save the model.")
  Path out;

  @Option(
      names = "--epochs",
      defaultValue = "10",
      description = "Epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--size",
      defaultValue = "64",
      description = "Input size in pixels, square (default ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--batch",
      defaultValue = "32",
      description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--learning-rate",
      defaultValue = "0.001",
      description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
  float learningRate;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException, TranslateException {
    check(epochs >= 1 && epochs <= 10_000, "--epochs must be from 1 to 10000: " + epochs);
    check(size >= 16 && size <= 1024, "--size must be from 16 to 1024: " + size);
    check(batch >= 1 && batch <= 4096, "--batch must be from 1 to 4096: " + batch);
    check(
        learningRate > 0 && learningRate < 10,
        "--learning-rate must be in (0, 10): " + learningRate);
    PrintWriter o = spec.commandLine().getOut();
    Manifest rows;
    Fetcher fetcher;
    Cropper cropper;
    String source;
    if (input.data != null) {
      check(Files.isDirectory(input.data), "--data is not a directory: " + input.data);
      rows = ImageFolders.manifest(input.data);
      fetcher = FileFetchers.create(input.data);
      cropper = Cropper.reference().resize(size, size); // the whole image, as evaluate scores it
      source = input.data.toString();
    } else {
      rows =
          "bundled".equals(input.manifest)
              ? Manifest.can4000()
              : Manifest.parse(Path.of(input.manifest));
      fetcher = HttpFetchers.create();
      cropper = Cropper.reference().square().margin(0.1).resize(size, size);
      source = input.manifest;
    }
    LabelIndex labels = LabelIndex.of(rows);
    if (labels.size() < 2) {
      fetcher.close();
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "need at least two labels to train, found " + labels.labels() + " in " + source);
    }
    Engine.getInstance().setRandomSeed((int) seed);
    long start = System.nanoTime();
    TrainingCrops crops;
    try (Dataset ds =
        Dataset.builder()
            .manifest(rows)
            .fetcher(fetcher)
            .decoder(ImageDecoders.standard())
            .cropper(cropper)
            .build()) {
      crops = TrainingCrops.load(ds, rows, labels, size, size);
    }
    o.printf(
        Locale.ROOT, "%s: %d images loaded, classes %s%n", source, crops.size(), labels.labels());
    for (Outcome f : crops.failures()) {
      o.printf(Locale.ROOT, "  not used: %s: %s %s%n", f.entry().url(), f.reason(), f.detail());
    }
    if (crops.size() < 2) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "fewer than two training images could be loaded from " + source);
    }
    Map<String, String> hashes = new LinkedHashMap<>();
    for (int i = 0; i < crops.size(); i++) {
      String key =
          input.data != null
              ? crops.entry(i).url()
              : crops.entry(i).url() + "#" + crops.entry(i).id();
      hashes.put(key, NearDuplicates.toHex(NearDuplicates.hash(crops.image(i))));
    }
    Normalization norm = Normalization.IMAGENET;
    CropDataset train =
        CropDataset.builder()
            .setCrops(crops)
            .optNormalization(norm)
            .setSampling(batch, true)
            .addTransform(new RandomFlips(seed))
            .build();
    Files.createDirectories(out);
    try (Model model = Model.newInstance(MODEL_NAME)) {
      model.setBlock(Networks.cnn(labels.size()));
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(
                  Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build())
              .addEvaluator(new Accuracy())
              .addTrainingListeners(TrainingListener.Defaults.basic())
              .addTrainingListeners(new EpochPrinter(o, epochs));
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 3, size, size));
        EasyTrain.fit(trainer, epochs, train, null);
      }
      model.setProperty("Epoch", Integer.toString(epochs));
      model.save(out, MODEL_NAME);
    }
    ModelCard card =
        new ModelCard(
            ModelCard.FORMAT,
            Networks.NAME,
            MODEL_NAME,
            labels.labels(),
            size,
            size,
            norm.mean(),
            norm.std(),
            input.data != null
                ? "whole image resized to "
                    + size
                    + "x"
                    + size
                    + " (area average), RGB, (v/255 - mean) / std"
                : "box made square, 10% margin, resized to "
                    + size
                    + "x"
                    + size
                    + ", RGB, (v/255 - mean) / std",
            epochs,
            seed,
            source,
            crops.size(),
            hashes);
    card.write(out);
    double seconds = (System.nanoTime() - start) / 1e9;
    o.printf(
        Locale.ROOT,
        "saved %s (%d training images, %d epochs, %.0f s)%n",
        out.resolve(ModelCard.FILE_NAME),
        crops.size(),
        epochs,
        seconds);
    o.flush();
    return 0;
  }

  private void check(boolean ok, String message) {
    if (!ok) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }

  /** Prints one line per epoch. */
  private static final class EpochPrinter extends TrainingListenerAdapter {
    private final PrintWriter out;
    private final int epochs;
    private final long start = System.nanoTime();
    private int epoch;

    EpochPrinter(PrintWriter out, int epochs) {
      this.out = out;
      this.epochs = epochs;
    }

    @Override
    public void onEpoch(Trainer trainer) {
      TrainingResult r = trainer.getTrainingResult();
      epoch++;
      out.printf(
          Locale.ROOT,
          "epoch %d/%d  loss %.4f  accuracy %.3f  (%.0f s)%n",
          epoch,
          epochs,
          r.getTrainLoss(),
          r.getTrainEvaluation("Accuracy"),
          (System.nanoTime() - start) / 1e9);
      out.flush();
    }
  }
}
