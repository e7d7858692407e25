package io.github.can4000.io.eval;

/**
 * A 2 x 2 confusion matrix at one threshold: an image is called positive when its score is at least
 * the threshold.
 *
 * @param tp positives called positive
 * @param fp negatives called positive
 * @param tn negatives called negative
 * @param fn positives called negative
 */
public record Confusion(int tp, int fp, int tn, int fn) {
  /** Validates. */
  public Confusion {
    if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative: tp=" + tp + " fp=" + fp + " tn=" + tn + " fn=" + fn);
    }
  }

  /**
   * Returns the sensitivity (recall, true positive rate) {@code tp / (tp + fn)}, NaN without
   * positives.
   */
  public double sensitivity() {
    return ratio(tp, tp + fn);
  }

  /** Returns the specificity (true negative rate) {@code tn / (tn + fp)}, NaN without negatives. */
  public double specificity() {
    return ratio(tn, tn + fp);
  }

  /**
   * Returns the positive predictive value (precision) {@code tp / (tp + fp)}, NaN if none is called
   * positive.
   */
  public double ppv() {
    return ratio(tp, tp + fp);
  }

  /**
   * Returns the negative predictive value {@code tn / (tn + fn)}, NaN if none is called negative.
   */
  public double npv() {
    return ratio(tn, tn + fn);
  }

  /** Returns the accuracy {@code (tp + tn) / n}, NaN if empty. */
  public double accuracy() {
    return ratio(tp + tn, tp + fp + tn + fn);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
