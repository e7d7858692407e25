package io.github.can4000.io.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.can4000.internal.AtomicFile;
import io.github.can4000.io.dedupe.Match;
import io.github.can4000.io.internal.CsvFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * The evaluation of a model on one or more external test sets, and the files that show it:
 *
 * <ul>
 *   <li>{@code scores.csv}: {@code path,label,score}, one row per test image (see {@link
 *       ScoresCsv});
 *   <li>{@code metrics.json}: the metrics of the whole evaluation at the top level (the one test
 *       set, or all sets pooled), with {@code sets}, one object of the same fields per test set;
 *       fields {@code name, positive, n, n_positive, n_negative, auc, auc_ci95 [low, high],
 *       threshold, sensitivity, specificity, ppv, npv, confusion {tp, fp, tn, fn},
 *       youden_threshold, youden_sensitivity, youden_specificity, youden_ppv, youden_npv,
 *       youden_confusion, contaminated}; undefined numbers are {@code null}, and so is {@code
 *       contaminated} when no training hashes were given (an infinite Youden threshold, i.e.
 *       nothing is called positive, is written as the string {@code "Infinity"});
 *   <li>{@code roc.svg} and {@code roc.png}: the ROC curves, AUC and CI in the legend, operating
 *       points marked;
 *   <li>{@code report.md}: the table of metrics, the confusion matrices, the contaminated pairs,
 *       and the curves embedded.
 * </ul>
 *
 * <pre>{@code
 * EvaluationReport report = EvaluationReport.builder("onychomycosis")
 *     .threshold(0.5)
 *     .title("nails: CNN 64 px")
 *     .addSet("val", scored, contamination)          // contamination: null if not checked
 *     .build();
 * report.overall().auc();
 * report.writeTo(Path.of("report"));
 * }</pre>
 */
public final class EvaluationReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String title;
  private final List<TestSetResult> sets;
  private final Evaluation overall;
  private final int overallContaminated;
  private final List<String> notes;

  private EvaluationReport(Builder b, List<TestSetResult> sets, Evaluation overall) {
    this.title = b.title;
    this.sets = List.copyOf(sets);
    this.overall = overall;
    int c = 0;
    for (TestSetResult s : sets) {
      if (s.contaminated() < 0) {
        c = -1;
        break;
      }
      c += s.contaminated();
    }
    this.overallContaminated = c;
    this.notes = List.copyOf(b.notes);
  }

  /** Returns a builder for the given positive label. */
  public static Builder builder(String positive) {
    return new Builder(positive);
  }

  /** Returns the test sets, in the order added. */
  public List<TestSetResult> sets() {
    return sets;
  }

  /** Returns the metrics of the only test set, or of all sets pooled. */
  public Evaluation overall() {
    return overall;
  }

  /**
   * Returns the number of contaminated test images over all sets, -1 if any set was not checked.
   */
  public int contaminated() {
    return overallContaminated;
  }

  /**
   * Writes {@code scores.csv}, {@code metrics.json}, {@code roc.svg}, {@code roc.png} and {@code
   * report.md} into {@code dir}, creating it; each file is replaced atomically.
   *
   * @throws IOException if a file cannot be written
   */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<ScoredImage> all = new ArrayList<>();
    sets.forEach(s -> all.addAll(s.scored()));
    ScoresCsv.write(dir.resolve("scores.csv"), all);
    CsvFiles.writeAtomically(dir.resolve("metrics.json"), w -> JSON.writeValue(w, metricsJson()));
    RocChart chart = new RocChart(title, curves());
    CsvFiles.writeAtomically(dir.resolve("roc.svg"), w -> w.write(chart.svg()));
    writePng(dir.resolve("roc.png"), chart);
    CsvFiles.writeAtomically(dir.resolve("report.md"), w -> w.write(markdown()));
  }

  private List<Evaluation> curves() {
    List<Evaluation> c = new ArrayList<>();
    sets.forEach(s -> c.add(s.evaluation()));
    if (sets.size() > 1) {
      c.add(overall);
    }
    return c;
  }

  private static void writePng(Path file, RocChart chart) throws IOException {
    AtomicFile.write(
        file,
        out -> {
          if (!ImageIO.write(chart.png(2), "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
          }
        },
        AtomicFile.Sync.FORCE);
  }

  /** Returns the content of {@code metrics.json}. */
  ObjectNode metricsJson() {
    ObjectNode root = json(overall, overallContaminated);
    ArrayNode arr = root.putArray("sets");
    for (TestSetResult s : sets) {
      arr.add(json(s.evaluation(), s.contaminated()));
    }
    return root;
  }

  private static ObjectNode json(Evaluation e, int contaminated) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", e.name());
    o.put("positive", e.positive());
    o.put("n", e.n());
    o.put("n_positive", e.nPositive());
    o.put("n_negative", e.nNegative());
    number(o, "auc", e.auc());
    ArrayNode ci = o.putArray("auc_ci95");
    if (Double.isNaN(e.aucLow())) {
      ci.addNull().addNull();
    } else {
      ci.add(e.aucLow()).add(e.aucHigh());
    }
    number(o, "threshold", e.threshold());
    rates(o, "", e.confusion());
    number(o, "youden_threshold", e.youdenThreshold());
    rates(o, "youden_", e.youdenConfusion());
    if (contaminated < 0) {
      o.putNull("contaminated");
    } else {
      o.put("contaminated", contaminated);
    }
    return o;
  }

  private static void rates(ObjectNode o, String prefix, Confusion c) {
    number(o, prefix + "sensitivity", c.sensitivity());
    number(o, prefix + "specificity", c.specificity());
    number(o, prefix + "ppv", c.ppv());
    number(o, prefix + "npv", c.npv());
    ObjectNode m = o.putObject(prefix + "confusion");
    m.put("tp", c.tp()).put("fp", c.fp()).put("tn", c.tn()).put("fn", c.fn());
  }

  private static void number(ObjectNode o, String name, double v) {
    if (Double.isNaN(v)) {
      o.putNull(name);
    } else if (Double.isInfinite(v)) {
      o.put(name, v > 0 ? "Infinity" : "-Infinity");
    } else {
      o.put(name, v);
    }
  }

  /** Returns the content of {@code report.md}. */
  String markdown() {
    StringBuilder s = new StringBuilder();
    s.append("# ").append(title).append("\n\n");
    s.append("Positive label: `")
        .append(overall.positive())
        .append("`. An image is called positive when its score")
        .append(" (the predicted probability of the positive label) is at least the threshold, ")
        .append(num(overall.threshold()))
        .append(". AUC with its 95 % confidence interval by DeLong's method.\n\n");
    s.append(
            "![ROC curves](roc.svg)\n\n(also as [roc.png](roc.png); scores in [scores.csv](scores.csv),")
        .append(" metrics in [metrics.json](metrics.json))\n\n");
    s.append(
            "| test set | n | positive | negative | AUC (95 % CI) | sensitivity | specificity | PPV | NPV |")
        .append(" Youden threshold | sensitivity | specificity | contaminated |\n");
    s.append("|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (TestSetResult r : sets) {
      row(s, r.evaluation(), r.contaminated());
    }
    if (sets.size() > 1) {
      row(s, overall, overallContaminated);
    }
    s.append("\n## Confusion matrices at threshold ")
        .append(num(overall.threshold()))
        .append("\n\n");
    s.append("| test set | TP | FP | TN | FN |\n|---|--:|--:|--:|--:|\n");
    for (Evaluation e : curves()) {
      Confusion c = e.confusion();
      s.append("| ")
          .append(e.name())
          .append(" | ")
          .append(c.tp())
          .append(" | ")
          .append(c.fp())
          .append(" | ")
          .append(c.tn())
          .append(" | ")
          .append(c.fn())
          .append(" |\n");
    }
    s.append("\n## Contamination\n\n");
    if (overallContaminated < 0) {
      s.append("Not checked: no perceptual hashes of the training images were given.\n");
    } else if (overallContaminated == 0) {
      s.append("No test image is a near-duplicate of a training image.\n");
    } else {
      s.append("**")
          .append(overallContaminated)
          .append(" test image(s) are near-duplicates of training images;")
          .append(" their scores are not an external validation.**\n\n");
      s.append("| test set | test image | training image | distance (bits) |\n|---|---|---|--:|\n");
      for (TestSetResult r : sets) {
        for (Match m : r.contamination()) {
          s.append("| ")
              .append(r.evaluation().name())
              .append(" | ")
              .append(cell(m.key()))
              .append(" | ")
              .append(cell(m.reference()))
              .append(" | ")
              .append(m.distance())
              .append(" |\n");
        }
      }
    }
    if (!notes.isEmpty()) {
      s.append("\n## Notes\n\n");
      for (String n : notes) {
        s.append("- ").append(n).append('\n');
      }
    }
    return s.toString();
  }

  private static void row(StringBuilder s, Evaluation e, int contaminated) {
    String auc =
        Double.isNaN(e.auc())
            ? "n/a"
            : String.format(Locale.ROOT, "%.3f", e.auc())
                + (Double.isNaN(e.aucLow())
                    ? ""
                    : String.format(Locale.ROOT, " (%.3f-%.3f)", e.aucLow(), e.aucHigh()));
    s.append("| ")
        .append(e.name())
        .append(" | ")
        .append(e.n())
        .append(" | ")
        .append(e.nPositive())
        .append(" | ")
        .append(e.nNegative())
        .append(" | ")
        .append(auc)
        .append(" | ")
        .append(rate(e.confusion().sensitivity()))
        .append(" | ")
        .append(rate(e.confusion().specificity()))
        .append(" | ")
        .append(rate(e.confusion().ppv()))
        .append(" | ")
        .append(rate(e.confusion().npv()))
        .append(" | ")
        .append(num(e.youdenThreshold()))
        .append(" | ")
        .append(rate(e.youdenConfusion().sensitivity()))
        .append(" | ")
        .append(rate(e.youdenConfusion().specificity()))
        .append(" | ")
        .append(contaminated < 0 ? "not checked" : Integer.toString(contaminated))
        .append(" |\n");
  }

  private static String rate(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String num(double v) {
    return RocChart.num(v);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /**
   * Configures an {@link EvaluationReport}: the positive label (given), the threshold (default
   * 0.5), a title, the test sets and free-text notes for the report.
   */
  public static final class Builder {
    private final String positive;
    private double threshold = 0.5;
    private String title = "External validation";
    private final List<String> names = new ArrayList<>();
    private final List<List<ScoredImage>> scored = new ArrayList<>();
    private final List<List<Match>> contamination = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Builder(String positive) {
      this.positive = Objects.requireNonNull(positive, "positive");
    }

    /**
     * Sets the threshold: a score at least this is called positive.
     *
     * @throws IllegalArgumentException if it is NaN
     */
    public Builder threshold(double threshold) {
      if (Double.isNaN(threshold)) {
        throw new IllegalArgumentException("threshold must be a number: " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /** Sets the title of the report and of the chart. */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Adds a test set.
     *
     * @param name its name, unique in the report; {@code pooled} is reserved
     * @param images its scored images
     * @param nearDuplicates the test images that are near-duplicates of training images ({@link
     *     Match#key()} the test image), or {@code null} if not checked
     * @throws IllegalArgumentException if the name is taken, reserved or blank
     */
    public Builder addSet(String name, Collection<ScoredImage> images, List<Match> nearDuplicates) {
      if (name == null || name.isBlank() || "pooled".equals(name) || names.contains(name)) {
        throw new IllegalArgumentException(
            "test set name must be non-blank, not 'pooled' and unique: " + name);
      }
      names.add(name);
      scored.add(List.copyOf(images));
      contamination.add(nearDuplicates);
      return this;
    }

    /** Adds a line to the report's notes (e.g. unreadable test images). */
    public Builder note(String note) {
      notes.add(Objects.requireNonNull(note, "note"));
      return this;
    }

    /**
     * Evaluates the sets and builds the report.
     *
     * @throws IllegalStateException if no set was added
     * @throws IllegalArgumentException as {@link Metrics#evaluate}
     */
    public EvaluationReport build() {
      if (names.isEmpty()) {
        throw new IllegalStateException("no test set was added");
      }
      List<TestSetResult> results = new ArrayList<>();
      boolean several = names.size() > 1;
      if (several
          && scored.stream().flatMap(List::stream).noneMatch(x -> x.label().equals(positive))) {
        throw new IllegalArgumentException(
            "no image of any test set has the positive label " + positive);
      }
      for (int i = 0; i < names.size(); i++) {
        // with several sets, one may hold negatives only (its specificity still counts)
        Evaluation e = Metrics.evaluate(names.get(i), scored.get(i), positive, threshold, !several);
        results.add(new TestSetResult(e, scored.get(i), contamination.get(i)));
      }
      Evaluation overall =
          results.size() == 1
              ? results.get(0).evaluation()
              : Metrics.pooled(scored, positive, threshold);
      return new EvaluationReport(this, results, overall);
    }
  }
}
