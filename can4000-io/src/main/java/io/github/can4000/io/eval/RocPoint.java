package io.github.can4000.io.eval;

/**
 * One point of a ROC curve: the rates when every image scoring at least {@code threshold} is called
 * positive. The first point of a curve has threshold {@code +Infinity} (nothing called positive).
 *
 * @param threshold the threshold
 * @param fpr the false positive rate, 1 - specificity
 * @param tpr the true positive rate, the sensitivity
 */
public record RocPoint(double threshold, double fpr, double tpr) {}
