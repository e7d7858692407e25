package io.github.can4000.examples.cli;

import io.github.can4000.io.eval.Evaluation;
import io.github.can4000.io.eval.EvaluationReport;
import io.github.can4000.io.eval.ScoredImage;
import io.github.can4000.io.eval.ScoresCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code can4000 metrics}: the external-validation report of a scores file, without a framework:
 * {@code scores.csv} ({@code path,label,score}) in, {@code metrics.json}, {@code roc.svg}, {@code
 * roc.png}, {@code report.md} (and a copy of the scores) out.
 */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = {
      "Compute the metrics of a scores file (header path,label,score; score = predicted probability of the "
          + "positive label): AUC with its DeLong 95%% CI, sensitivity, specificity, PPV and NPV at --threshold and "
          + "at the Youden-optimal threshold, and the confusion matrix.",
      "Writes <out>/metrics.json, roc.svg, roc.png, report.md and scores.csv. Works with the scores of any "
          + "framework (DJL, DL4J, Python)."
    })
final class MetricsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--scores",
      required = true,
      paramLabel = "FILE",
      description = "The scores file.")
  Path scores;

  @Option(
      names = "--positive",
      required = true,
      paramLabel = "LABEL",
      description = "The positive label.")
  String positive;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where to write the report.")
  Path out;

  @Option(
      names = "--threshold",
      defaultValue = "0.5",
      description = "A score at least this is called positive (default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(
      names = "--name",
      description = "The test set's name (default: the scores file's folder).")
  String name;

  @Option(
      names = "--title",
      defaultValue = "External validation",
      description = "The report's title.")
  String title;

  @Override
  public Integer call() throws IOException {
    if (Double.isNaN(threshold)) {
      throw new UsageException("--threshold must be a number");
    }
    List<ScoredImage> rows;
    try {
      rows = ScoresCsv.read(scores);
    } catch (NoSuchFileException e) {
      throw new UsageException("no such scores file: " + scores);
    } catch (IOException e) {
      throw new UsageException(e.getMessage());
    }
    Path parent = scores.toAbsolutePath().getParent();
    String setName =
        name != null
            ? name
            : parent != null && parent.getFileName() != null
                ? parent.getFileName().toString()
                : "test";
    EvaluationReport report;
    try {
      report =
          EvaluationReport.builder(positive)
              .threshold(threshold)
              .title(title)
              .addSet(setName, rows, null)
              .build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    report.writeTo(out); // scores.csv too: the same rows in the same order, even if it is the input
    Evaluation e = report.overall();
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "%s: n=%d (%d %s), AUC %.3f (95%% CI %.3f-%.3f), sensitivity %.3f, specificity %.3f at %s;"
            + " Youden threshold %.4g%n",
        e.name(),
        e.n(),
        e.nPositive(),
        positive,
        e.auc(),
        e.aucLow(),
        e.aucHigh(),
        e.sensitivity(),
        e.specificity(),
        threshold,
        e.youdenThreshold());
    o.printf(
        Locale.ROOT, "wrote %s/{metrics.json, roc.svg, roc.png, report.md, scores.csv}%n", out);
    o.flush();
    return 0;
  }
}
