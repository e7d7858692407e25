package io.github.can4000.io.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Binary classification metrics without a framework: ROC curve, AUC with its DeLong 95 % confidence
 * interval, and sensitivity, specificity, PPV and NPV at a threshold and at the Youden-optimal
 * threshold. Usable from plain Java, DJL or DL4J: all it needs is each test image's true label and
 * its score for the positive label.
 *
 * <pre>{@code
 * List<ScoredImage> scored = ...;                            // path, true label, P(positive)
 * Evaluation e = Metrics.evaluate("val", scored, "onychomycosis", 0.5);
 * e.auc(); e.aucLow(); e.aucHigh(); e.sensitivity(); e.youdenThreshold();
 * Evaluation pooled = Metrics.pooled(List.of(edinburgh, snu), "melanoma", 0.5);
 * }</pre>
 *
 * <p><b>AUC</b> is computed from ranks (the Mann-Whitney statistic divided by {@code m n}), exact
 * with ties: a positive and a negative with equal scores count one half, as in scikit-learn's
 * {@code roc_auc_score} and R's pROC. <b>The interval</b> is DeLong, DeLong and Clarke-Pearson
 * (1988): the variance {@code S10 / m + S01 / n} of the structural components, computed with the
 * midrank algorithm of Sun and Xu (2014) in {@code O(N log N)}, then {@code AUC +- 1.959964 sd}
 * clipped to [0, 1], as pROC's {@code ci.auc(method = "delong")} does.
 */
public final class Metrics {
  /** The 97.5 % quantile of the standard normal distribution. */
  static final double Z975 = 1.959963984540054;

  private Metrics() {}

  /**
   * Evaluates one test set.
   *
   * @param name the set's name, for reports
   * @param scored the scored images; labels other than {@code positive} are negative
   * @param positive the positive label
   * @param threshold the threshold for the confusion matrix: score at least this is called positive
   * @throws IllegalArgumentException if {@code scored} is empty, no image has the positive label
   *     (naming the labels seen, to catch a misspelt label), or the threshold is NaN
   */
  public static Evaluation evaluate(
      String name, Collection<ScoredImage> scored, String positive, double threshold) {
    return evaluate(name, scored, positive, threshold, true);
  }

  /**
   * Evaluates one test set; with {@code requirePositive} false a set without positives is allowed
   * (its AUC and sensitivity are NaN), for one set among several whose pool has positives.
   */
  static Evaluation evaluate(
      String name,
      Collection<ScoredImage> scored,
      String positive,
      double threshold,
      boolean requirePositive) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(positive, "positive");
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must be a number: " + threshold);
    }
    if (scored.isEmpty()) {
      throw new IllegalArgumentException("test set " + name + " has no scored images");
    }
    boolean[] isPositive = new boolean[scored.size()];
    double[] scores = new double[scored.size()];
    int i = 0;
    TreeSet<String> labels = new TreeSet<>();
    for (ScoredImage s : scored) {
      isPositive[i] = s.label().equals(positive);
      scores[i] = s.score();
      labels.add(s.label());
      i++;
    }
    if (requirePositive && !labels.contains(positive)) {
      throw new IllegalArgumentException(
          "no image of test set "
              + name
              + " has the positive label "
              + positive
              + "; labels: "
              + labels);
    }
    int m = 0;
    for (boolean p : isPositive) {
      m += p ? 1 : 0;
    }
    int n = scores.length - m;
    double[] x = new double[m];
    double[] y = new double[n];
    for (int k = 0, a = 0, b = 0; k < scores.length; k++) {
      if (isPositive[k]) {
        x[a++] = scores[k];
      } else {
        y[b++] = scores[k];
      }
    }
    double auc = Double.NaN;
    double low = Double.NaN;
    double high = Double.NaN;
    if (m > 0 && n > 0) {
      double[] av = delong(x, y);
      auc = av[0];
      if (m > 1 && n > 1) {
        double sd = Math.sqrt(av[1]);
        low = Math.max(0, auc - Z975 * sd);
        high = Math.min(1, auc + Z975 * sd);
      }
    }
    List<RocPoint> roc = roc(isPositive, scores);
    double youden = Double.POSITIVE_INFINITY;
    double best = 0;
    for (RocPoint p : roc) {
      double j = p.tpr() - p.fpr();
      if (j > best + 1e-12) {
        best = j;
        youden = p.threshold();
      }
    }
    return new Evaluation(
        name,
        positive,
        scores.length,
        m,
        n,
        auc,
        low,
        high,
        threshold,
        confusion(isPositive, scores, threshold),
        youden,
        confusion(isPositive, scores, youden),
        roc);
  }

  /**
   * Evaluates several test sets pooled into one (named {@code pooled}): their images scored by the
   * same model, as if they were one set.
   *
   * @throws IllegalArgumentException as {@link #evaluate}
   */
  public static Evaluation pooled(
      Collection<? extends Collection<ScoredImage>> sets, String positive, double threshold) {
    List<ScoredImage> all = new ArrayList<>();
    sets.forEach(all::addAll);
    return evaluate("pooled", all, positive, threshold);
  }

  /**
   * Returns the AUC of the positives' scores {@code x} against the negatives' scores {@code y},
   * ties counting one half.
   *
   * @throws IllegalArgumentException if either is empty
   */
  public static double auc(double[] x, double[] y) {
    return delong(x, y)[0];
  }

  /**
   * Returns the DeLong variance of the AUC of {@code x} (positives) against {@code y} (negatives).
   *
   * @throws IllegalArgumentException if either has fewer than two scores
   */
  public static double delongVariance(double[] x, double[] y) {
    if (x.length < 2 || y.length < 2) {
      throw new IllegalArgumentException(
          "DeLong's variance needs at least two positives and two negatives: "
              + x.length
              + " and "
              + y.length);
    }
    return delong(x, y)[1];
  }

  /** Returns {AUC, DeLong variance}; the variance is NaN with fewer than two of a class. */
  static double[] delong(double[] x, double[] y) {
    int m = x.length;
    int n = y.length;
    if (m == 0 || n == 0) {
      throw new IllegalArgumentException(
          "the AUC needs positives and negatives: " + m + " and " + n);
    }
    double[] z = new double[m + n];
    System.arraycopy(x, 0, z, 0, m);
    System.arraycopy(y, 0, z, m, n);
    double[] tz = midranks(z);
    double[] tx = midranks(x);
    double[] ty = midranks(y);
    double sumX = 0;
    for (int i = 0; i < m; i++) {
      sumX += tz[i];
    }
    double auc = (sumX - m * (m + 1) / 2.0) / ((double) m * n);
    double[] v10 = new double[m];
    for (int i = 0; i < m; i++) {
      v10[i] = (tz[i] - tx[i]) / n;
    }
    double[] v01 = new double[n];
    for (int j = 0; j < n; j++) {
      v01[j] = 1 - (tz[m + j] - ty[j]) / m;
    }
    double var =
        m > 1 && n > 1 ? sampleVariance(v10, auc) / m + sampleVariance(v01, auc) / n : Double.NaN;
    return new double[] {auc, var};
  }

  private static double sampleVariance(double[] v, double mean) {
    double s = 0;
    for (double d : v) {
      s += (d - mean) * (d - mean);
    }
    return s / (v.length - 1);
  }

  /** Returns the 1-based ranks of {@code z}, tied values sharing the mean of their ranks. */
  static double[] midranks(double[] z) {
    Integer[] order = new Integer[z.length];
    for (int i = 0; i < z.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> z[i]));
    double[] ranks = new double[z.length];
    int i = 0;
    while (i < z.length) {
      int j = i;
      while (j < z.length && z[order[j]] == z[order[i]]) {
        j++;
      }
      double mid = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        ranks[order[k]] = mid;
      }
      i = j;
    }
    return ranks;
  }

  /**
   * Returns the ROC curve: one point per distinct score, from the highest down, after a first point
   * (0, 0) at threshold {@code +Infinity}; the rates are 0 for a class that is missing.
   */
  static List<RocPoint> roc(boolean[] isPositive, double[] scores) {
    Integer[] order = new Integer[scores.length];
    int m = 0;
    for (int i = 0; i < scores.length; i++) {
      order[i] = i;
      m += isPositive[i] ? 1 : 0;
    }
    int n = scores.length - m;
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    List<RocPoint> points = new ArrayList<>();
    points.add(new RocPoint(Double.POSITIVE_INFINITY, 0, 0));
    int tp = 0;
    int fp = 0;
    int i = 0;
    while (i < order.length) {
      double t = scores[order[i]];
      while (i < order.length && scores[order[i]] == t) {
        if (isPositive[order[i]]) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      points.add(new RocPoint(t, n == 0 ? 0 : (double) fp / n, m == 0 ? 0 : (double) tp / m));
    }
    return points;
  }

  static Confusion confusion(boolean[] isPositive, double[] scores, double threshold) {
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean called = scores[i] >= threshold;
      if (isPositive[i]) {
        if (called) {
          tp++;
        } else {
          fn++;
        }
      } else if (called) {
        fp++;
      } else {
        tn++;
      }
    }
    return new Confusion(tp, fp, tn, fn);
  }
}
