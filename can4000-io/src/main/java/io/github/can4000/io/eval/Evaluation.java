package io.github.can4000.io.eval;

import java.util.List;
import java.util.Objects;

/**
 * The metrics of one test set (or of several pooled) for a binary question: is the image of the
 * positive label? Made by {@link Metrics#evaluate}. Rates that are undefined (no positives, nothing
 * called positive, ...) are {@code NaN}, and so are the AUC and its interval when one class is
 * missing (the interval also needs two images of each class).
 *
 * @param name the test set's name
 * @param positive the positive label; every other label is negative
 * @param n the number of images
 * @param nPositive the number of positive images
 * @param nNegative the number of negative images
 * @param auc the area under the ROC curve: the probability that a random positive scores above a
 *     random negative, ties counting one half
 * @param aucLow the lower end of the 95 % confidence interval of the AUC (DeLong), at least 0
 * @param aucHigh the upper end, at most 1
 * @param threshold the threshold; an image is called positive when its score is at least this
 * @param confusion the confusion matrix at {@code threshold}
 * @param youdenThreshold the threshold that maximises Youden's J = sensitivity + specificity - 1
 *     (the highest such threshold when several tie); a score of the set, or {@code +Infinity} when
 *     no threshold beats calling nothing positive
 * @param youdenConfusion the confusion matrix at {@code youdenThreshold}
 * @param roc the ROC curve, from (0, 0) at threshold {@code +Infinity} to (1, 1)
 */
public record Evaluation(
    String name,
    String positive,
    int n,
    int nPositive,
    int nNegative,
    double auc,
    double aucLow,
    double aucHigh,
    double threshold,
    Confusion confusion,
    double youdenThreshold,
    Confusion youdenConfusion,
    List<RocPoint> roc) {
  /** Validates and copies. */
  public Evaluation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(positive, "positive");
    Objects.requireNonNull(confusion, "confusion");
    Objects.requireNonNull(youdenConfusion, "youdenConfusion");
    roc = List.copyOf(roc);
    if (nPositive + nNegative != n) {
      throw new IllegalArgumentException(
          "n=" + n + " is not nPositive=" + nPositive + " + nNegative=" + nNegative);
    }
  }

  /** Returns the sensitivity at {@link #threshold()}. */
  public double sensitivity() {
    return confusion.sensitivity();
  }

  /** Returns the specificity at {@link #threshold()}. */
  public double specificity() {
    return confusion.specificity();
  }
}
