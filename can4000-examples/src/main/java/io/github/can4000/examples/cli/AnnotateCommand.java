package io.github.can4000.examples.cli;

import io.github.can4000.io.annotate.Detections;
import io.github.can4000.io.annotate.Importers;
import io.github.can4000.io.annotate.ProposalRow;
import io.github.can4000.io.annotate.ProposalsCsv;
import io.github.can4000.io.annotate.SourceImages;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.DetectionException;
import io.github.can4000.spi.Detector;
import io.github.can4000.spi.DetectorConfig;
import io.github.can4000.spi.DetectorProvider;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code annotate}: proposes boxes for review, from a detector model or from detections made
 * elsewhere, and writes {@code proposals.csv} ({@code no,label,x,y,w,h,score,source}) plus {@code
 * proposals.csv.properties} (what made them, for the manifest header).
 */
@Command(
    name = "annotate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Propose boxes for review: run a detector model on photographs (--model), or import YOLO label files "
          + "(--yolo-labels) or a CSV of pixel boxes (--boxes). Writes --out proposals.csv "
          + "(no,label,x,y,w,h,score,source; boxes as in the manifest) for 'review'.",
      "--model needs can4000-djl on the class path: build it with 'mvn -B -pl can4000-djl -am package -DskipTests'."
    })
final class AnnotateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Input input = new Input();

  /** Where the photographs are. */
  static final class Input {
    @Option(
        names = "--images",
        paramLabel = "DIR",
        description =
            "Folder of photographs (searched recursively); " + "sources are paths relative to it.")
    Path images;

    @Option(
        names = "--urls",
        paramLabel = "FILE",
        description =
            "File of photograph URLs, one a line (# comments), "
                + "fetched through the SDK's hardened HTTP fetcher; with --model.")
    Path urls;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Method method;

  /** What proposes the boxes. */
  static final class Method {
    @Option(
        names = "--model",
        paramLabel = "FILE",
        description =
            "A YOLO-family detector exported to TorchScript "
                + "(.pt/.torchscript) or ONNX (.onnx); needs --classes. Never downloaded: give a file.")
    Path model;

    @Option(
        names = "--yolo-labels",
        paramLabel = "DIR",
        description =
            "YOLO label files <DIR>/<image path>.txt, "
                + "lines 'class cx cy w h [score]'; needs --classes.")
    Path yoloLabels;

    @Option(
        names = "--boxes",
        paramLabel = "FILE",
        description =
            "CSV of pixel boxes, header "
                + "image,x0,y0,x1,y1,label,score (image: a path under --images; without --images, a URL).")
    Path boxes;
  }

  @Option(
      names = "--classes",
      paramLabel = "A,B,...",
      split = ",",
      description = "Class names in the model's (or label files') class order.")
  List<String> classes = new ArrayList<>();

  @Option(
      names = "--min-score",
      paramLabel = "S",
      description =
          "Leave out proposals scoring below S, 0-1 "
              + "(default: 0.25 for --model, 0 for imports).")
  Double minScore;

  @Option(
      names = "--nms-iou",
      paramLabel = "T",
      defaultValue = "0.45",
      description =
          "--model: drop a box overlapping a better one of its class by more than this IoU (default: ${DEFAULT-VALUE}).")
  double nmsIou;

  @Option(
      names = "--input-size",
      paramLabel = "PX",
      defaultValue = "640",
      description =
          "--model: the square input the photograph is letterboxed to (default: ${DEFAULT-VALUE}).")
  int inputSize;

  @Option(
      names = "--classifier",
      paramLabel = "FILE",
      description =
          "--model: a second-stage classifier (TorchScript or ONNX) that relabels and rescores each"
              + " crop.")
  Path classifier;

  @Option(
      names = "--classifier-classes",
      paramLabel = "A,B,...",
      split = ",",
      description = "The classifier's class names, in its output order.")
  List<String> classifierClasses = new ArrayList<>();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The proposals file to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Map<String, String> about = new LinkedHashMap<>();
    List<ProposalRow> rows;
    if (method.yoloLabels != null && input.images == null) {
      throw new UsageException(
          "--yolo-labels pairs label files with image files: give them with --images DIR");
    }
    if (method.model != null && input.images == null && input.urls == null) {
      throw new UsageException("--model needs the photographs: --images DIR or --urls FILE");
    }
    if (method.boxes != null && input.urls != null) {
      throw new UsageException(
          "--boxes names its images itself: give --images DIR for paths, nothing for URLs");
    }
    if ((method.model != null || method.yoloLabels != null) && classes.isEmpty()) {
      throw new UsageException(
          (method.model != null ? "--model" : "--yolo-labels")
              + " needs --classes, the class names in class order");
    }
    if (minScore != null && !(minScore >= 0 && minScore <= 1)) {
      throw new UsageException("--min-score must be between 0 and 1: " + minScore);
    }
    if (input.images != null && !Files.isDirectory(input.images)) {
      throw new UsageException("--images " + input.images + " is not a folder");
    }
    try (SourceImages images = new SourceImages(fetcher(), ImageDecoders.standard())) {
      if (method.model != null) {
        double min = minScore != null ? minScore : DetectorConfig.DEFAULT_MIN_SCORE;
        rows = detect(images, min, about, stderr);
      } else if (method.yoloLabels != null) {
        double min = minScore != null ? minScore : 0;
        about.put(
            "detector",
            "YOLO label files "
                + method.yoloLabels
                + " (classes "
                + String.join(",", classes)
                + ")");
        about.put("min_score", Double.toString(min));
        rows = Importers.yoloLabels(input.images, method.yoloLabels, classes, min);
      } else {
        double min = minScore != null ? minScore : 0;
        about.put("detector", "pixel boxes " + method.boxes);
        about.put("min_score", Double.toString(min));
        rows = Importers.boxesCsv(method.boxes, images, min);
      }
    } catch (NoSuchFileException e) {
      throw new UsageException("no such file: " + e.getFile(), e);
    } catch (IOException e) {
      throw new UsageException(e.getMessage(), e);
    }
    about.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    ProposalsCsv.write(out, rows);
    writeAbout(about);
    long sources = rows.stream().map(ProposalRow::source).distinct().count();
    stdout.println(
        "wrote "
            + rows.size()
            + " proposals on "
            + sources
            + " photograph"
            + (sources == 1 ? "" : "s")
            + " to "
            + out
            + "; next: can4000 review --proposals "
            + out
            + (input.images != null ? " --images " + input.images : ""));
    stdout.flush();
    return 0;
  }

  private Fetcher fetcher() {
    if (input.images != null) {
      return FileFetchers.create(input.images);
    }
    return HttpFetchers.builder().build();
  }

  private List<ProposalRow> detect(
      SourceImages images, double min, Map<String, String> about, PrintWriter stderr)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(method.model)) {
      throw new UsageException("--model " + method.model + ": no such file");
    }
    DetectorConfig config;
    try {
      config =
          new DetectorConfig(
              method.model,
              classes,
              min,
              nmsIou,
              inputSize,
              Optional.ofNullable(classifier),
              classifierClasses);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    DetectorProvider provider =
        DetectorProvider.find(config)
            .orElseThrow(
                () ->
                    new UsageException(
                        "--model needs a detector provider on the class path, and none supports "
                            + method.model.getFileName()
                            + ": build can4000-djl with 'mvn -B -pl can4000-djl -am package -DskipTests' and run with its jar and "
                            + "dependencies on the class path (bin/can4000 adds them when built; else CAN4000_CLASSPATH)"));
    List<String> sources =
        input.images != null ? Importers.imageSources(input.images) : urls(input.urls);
    try (Detector detector = provider.open(config)) {
      about.put("detector", detector.describe());
      about.put("min_score", Double.toString(min));
      about.put("nms_iou", Double.toString(nmsIou));
      return Detections.run(
          sources,
          images,
          detector,
          min,
          o -> {
            if (o.error() != null) {
              stderr.println("skipped " + o.source() + ": " + o.error());
              stderr.flush();
            }
          });
    } catch (DetectionException e) {
      throw new UsageException("cannot use --model " + method.model + ": " + e.getMessage(), e);
    }
  }

  private static List<String> urls(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        out.add(s);
      }
    }
    return out;
  }

  private void writeAbout(Map<String, String> about) throws IOException {
    StringBuilder sb = new StringBuilder();
    about.forEach((k, v) -> sb.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
    Path file = ReviewCommand.aboutFile(out);
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }
}
