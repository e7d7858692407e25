package io.github.can4000.ml.djl.cli;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.ImageData;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Normalization;
import io.github.can4000.Outcome;
import io.github.can4000.TrainingCrops;
import io.github.can4000.io.dedupe.Match;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.eval.Evaluation;
import io.github.can4000.io.eval.EvaluationReport;
import io.github.can4000.io.eval.ScoredImage;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.folder.ImageFolders;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.testset.LabelAliases;
import io.github.can4000.io.testset.TestImage;
import io.github.can4000.io.testset.TestSet;
import io.github.can4000.io.testset.TestSets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code can4000 evaluate}: scores every image of one or more test sets with a model trained by
 * {@code can4000 train} and writes {@code scores.csv}, {@code metrics.json}, {@code roc.svg},
 * {@code roc.png} and {@code report.md}.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Score the images of test sets with clear ground truth (a folder per label, <dir>/<label>/.../<image>) with "
          + "a model trained by 'can4000 train', and write <out>/scores.csv, metrics.json, roc.svg, roc.png and "
          + "report.md: AUC with its DeLong 95%% CI, sensitivity, specificity, PPV and NPV at --threshold and at "
          + "the Youden-optimal threshold, per test set and pooled.",
      "Test images that are near-duplicates of training images are reported (contaminated). A folder written "
          + "by 'can4000 download' is refused as a test set: its labels were made by a neural network."
    })
public final class EvaluateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "A folder written by train.")
  Path model;

  @Option(
      names = "--test",
      paramLabel = "DIR",
      description = "A test set, a folder per label; repeat for several sets.")
  List<Path> tests = new ArrayList<>();

  @Option(
      names = "--test-csv",
      paramLabel = "FILE",
      description =
          "A test set listed in a CSV file (e.g. PAD-UFES-20's metadata.csv); see --csv-images, "
              + "--csv-path-column, --csv-label-column.")
  Path testCsv;

  @Option(
      names = "--csv-images",
      paramLabel = "DIR",
      description =
          "Where the images of --test-csv are (looked up by file name anywhere below; default: the CSV's "
              + "folder).")
  Path csvImages;

  @Option(
      names = "--csv-path-column",
      defaultValue = "img_id",
      description = "The column of image paths in --test-csv (default ${DEFAULT-VALUE}).")
  String csvPathColumn;

  @Option(
      names = "--csv-label-column",
      defaultValue = "diagnostic",
      description = "The column of labels in --test-csv (default ${DEFAULT-VALUE}).")
  String csvLabelColumn;

  @Option(
      names = "--positive",
      required = true,
      paramLabel = "LABEL",
      description =
          "The positive label (one of the model's); scores are its predicted probability.")
  String positive;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "REPORT_DIR",
      description = "Where to write the report.")
  Path out;

  @Option(
      names = "--threshold",
      defaultValue = "0.5",
      description = "A score at least this is called positive (default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(
      names = "--alias",
      paramLabel = "NAME=LABEL",
      description =
          "Map a test-set label to a model label, e.g. --alias nevus=melanocyticnevus; repeatable. "
              + "Built in: naevus, nevus, NEV -> melanocyticnevus; melanoma, MEL -> malignantmelanoma.")
  Map<String, String> aliases = new LinkedHashMap<>();

  @Option(
      names = "--allow-can-labels",
      description =
          "Use a test set even if its labels come from a CAN manifest (not an external validation).")
  boolean allowCanLabels;

  @Option(
      names = "--near-duplicate-bits",
      defaultValue = "8",
      paramLabel = "N",
      description =
          "A test image within N bits (of 64) of a training image's perceptual hash is contaminated "
              + "(default ${DEFAULT-VALUE}; 0 to 63).")
  int nearDuplicateBits;

  @Option(
      names = "--title",
      description = "Title of the report (default: the model folder and test sets).")
  String title;

  @Override
  public Integer call() throws IOException, TranslateException {
    PrintWriter o = spec.commandLine().getOut();
    if (Double.isNaN(threshold)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threshold must be a number");
    }
    if (nearDuplicateBits < 0 || nearDuplicateBits > 63) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--near-duplicate-bits must be from 0 to 63: " + nearDuplicateBits);
    }
    ModelCard card;
    try {
      card = ModelCard.read(model);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    int positiveClass = card.labels().indexOf(positive);
    if (positiveClass < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--positive " + positive + " is not a label of the model; its labels: " + card.labels());
    }
    LabelAliases labelAliases = LabelAliases.standard().with(aliases);
    if (tests.isEmpty() && testCsv == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give at least one --test DIR or --test-csv FILE");
    }
    List<Path> inputs = new ArrayList<>(tests);
    if (testCsv != null) {
      inputs.add(testCsv);
    }
    List<TestSet> sets = new ArrayList<>();
    for (Path t : inputs) {
      TestSet set;
      try {
        if (t == testCsv) {
          Path images =
              csvImages != null
                  ? csvImages
                  : testCsv.toAbsolutePath().getParent() == null
                      ? Path.of(".")
                      : testCsv.toAbsolutePath().getParent();
          set = TestSets.csv(testCsv, images, csvPathColumn, csvLabelColumn, labelAliases);
        } else {
          set = TestSets.folder(t, labelAliases);
        }
      } catch (IOException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            (t == testCsv ? "--test-csv " : "--test ") + t + ": " + e.getMessage());
      }
      if (set.canProvenance().isPresent() && !allowCanLabels) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "refusing to use "
                + t
                + " as a test set: "
                + set.canProvenance().get()
                + ". CAN4000's labels were made by a neural network, so a model trained "
                + "on it must be validated on a test set with clear ground truth (--allow-can-labels overrides).");
      }
      if (set.images().isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            t
                + " holds no usable test images"
                + (t == testCsv ? "" : " in label folders (<dir>/<label>/<image>)")
                + (set.problems().isEmpty()
                    ? ""
                    : "; first problem: "
                        + set.problems().get(0).where()
                        + ": "
                        + set.problems().get(0).reason()));
      }
      sets.add(set);
    }
    Map<String, Long> trainHashes = new HashMap<>();
    card.trainingHashes().forEach((k, v) -> trainHashes.put(k, NearDuplicates.parseHex(v)));

    EvaluationReport.Builder report =
        EvaluationReport.builder(positive)
            .threshold(threshold)
            .title(
                title != null
                    ? title
                    : "External validation: "
                        + model.getFileName()
                        + " (CNN, "
                        + card.width()
                        + " px)");
    List<String> names = new ArrayList<>();
    try (Model m = Model.newInstance(card.parameters())) {
      m.setBlock(Networks.cnn(card.labels().size()));
      m.load(model, card.parameters());
      try (Predictor<NDList, NDList> predictor = m.newPredictor(new NoopTranslator())) {
        for (TestSet set : sets) {
          String name = uniqueName(set.name(), names);
          Scored s = score(set, card, predictor, positiveClass);
          List<Match> contamination =
              NearDuplicates.contamination(s.hashes, trainHashes, nearDuplicateBits);
          report.addSet(name, s.scored, contamination);
          Set<String> unknown = new TreeSet<>(set.counts().keySet());
          unknown.removeAll(card.labels());
          if (!unknown.isEmpty()) {
            report.note(
                name + ": labels that are not the model's, counted as negative: " + unknown);
          }
          for (TestSet.Problem p : set.problems()) {
            report.note(name + ": not used: " + p.where() + ": " + p.reason());
          }
          for (Outcome f : s.failures) {
            report.note(
                name
                    + ": not used: "
                    + s.base.resolve(f.entry().url())
                    + ": "
                    + f.reason()
                    + (f.detail().isEmpty() ? "" : " (" + f.detail() + ")"));
          }
          o.printf(
              Locale.ROOT,
              "%s: %d images scored, %d not used, %d near-duplicates of training images%n",
              name,
              s.scored.size(),
              set.problems().size() + s.failures.size(),
              contamination.stream().map(Match::key).distinct().count());
        }
      }
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException("cannot load the model in " + model + ": " + e.getMessage(), e);
    }
    EvaluationReport r;
    try {
      r = report.build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    r.writeTo(out);
    for (var set : r.sets()) {
      print(o, set.evaluation(), set.contaminated());
    }
    if (r.sets().size() > 1) {
      print(o, r.overall(), r.contaminated());
    }
    o.printf(
        Locale.ROOT, "wrote %s/{scores.csv, metrics.json, roc.svg, roc.png, report.md}%n", out);
    o.flush();
    return 0;
  }

  private static void print(PrintWriter o, Evaluation e, int contaminated) {
    o.printf(
        Locale.ROOT,
        "%s: n=%d (%d %s), AUC %.3f (95%% CI %.3f-%.3f), sensitivity %.3f, specificity %.3f"
            + " at %s; contaminated %d%n",
        e.name(),
        e.n(),
        e.nPositive(),
        e.positive(),
        e.auc(),
        e.aucLow(),
        e.aucHigh(),
        e.sensitivity(),
        e.specificity(),
        e.threshold(),
        contaminated);
  }

  private static String uniqueName(String base, List<String> taken) {
    String name = "pooled".equals(base) ? "pooled-set" : base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + "-" + i;
    }
    taken.add(name);
    return name;
  }

  /** The scores, preprocessed-image hashes and failures of one test set. */
  private record Scored(
      List<ScoredImage> scored, Map<String, Long> hashes, List<Outcome> failures, Path base) {}

  /**
   * The deepest folder that holds every image of the set (a folder set's root, a CSV set's image
   * folder).
   */
  static Path base(TestSet set) {
    Path base = null;
    for (TestImage i : set.images()) {
      Path dir = i.file().toAbsolutePath().normalize().getParent();
      if (base == null) {
        base = dir;
      }
      while (!dir.startsWith(base)) {
        base = base.getParent();
      }
    }
    return base;
  }

  private static Scored score(
      TestSet set, ModelCard card, Predictor<NDList, NDList> predictor, int positiveClass)
      throws IOException, TranslateException {
    List<ManifestEntry> entries = new ArrayList<>();
    Map<String, TestImage> byUrl = new HashMap<>();
    Path base = base(set);
    for (TestImage i : set.images()) {
      StringBuilder url = new StringBuilder();
      for (Path part : base.relativize(i.file().toAbsolutePath().normalize())) {
        url.append(url.length() == 0 ? "" : "/").append(part);
      }
      entries.add(
          ManifestEntry.of(entries.size(), i.label(), ImageFolders.WHOLE_IMAGE, url.toString()));
      byUrl.put(url.toString(), i);
    }
    Manifest rows = Manifest.of(set.root().toString(), entries);
    LabelIndex testLabels = LabelIndex.of(new TreeSet<>(set.counts().keySet()));
    TrainingCrops crops;
    try (Dataset ds =
        Dataset.builder()
            .manifest(rows)
            .fetcher(FileFetchers.create(base))
            .decoder(ImageDecoders.standard())
            .cropper(Cropper.reference().resize(card.width(), card.height()))
            .build()) {
      crops = TrainingCrops.load(ds, rows, testLabels, card.width(), card.height());
    }
    Normalization norm = card.normalization();
    List<ScoredImage> scored = new ArrayList<>();
    Map<String, Long> hashes = new LinkedHashMap<>();
    int batch = 32;
    for (int start = 0; start < crops.size(); start += batch) {
      int end = Math.min(crops.size(), start + batch);
      try (NDManager nd = NDManager.newBaseManager()) {
        float[] data = new float[(end - start) * 3 * card.width() * card.height()];
        int plane = 3 * card.width() * card.height();
        for (int i = start; i < end; i++) {
          ImageData img = crops.image(i);
          System.arraycopy(
              img.toFloatArray(ImageData.Layout.CHW, norm), 0, data, (i - start) * plane, plane);
        }
        NDArray x = nd.create(data, new Shape(end - start, 3, card.height(), card.width()));
        NDArray p = predictor.predict(new NDList(x)).singletonOrThrow().softmax(1);
        float[] probs = p.toFloatArray();
        int classes = card.labels().size();
        for (int i = start; i < end; i++) {
          TestImage t = byUrl.get(crops.entry(i).url());
          String path = t.file().toString();
          scored.add(
              new ScoredImage(path, t.label(), probs[(i - start) * classes + positiveClass]));
          hashes.put(path, NearDuplicates.hash(crops.image(i)));
        }
      }
    }
    return new Scored(scored, hashes, crops.failures(), base);
  }
}
