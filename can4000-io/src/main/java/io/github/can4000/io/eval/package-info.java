/**
 * External validation without a framework: ROC curves, AUC with DeLong confidence intervals,
 * sensitivity, specificity and predictive values ({@link io.github.can4000.io.eval.Metrics}), the
 * {@code scores.csv} format ({@link io.github.can4000.io.eval.ScoresCsv}) and a report with ROC
 * pictures ({@link io.github.can4000.io.eval.EvaluationReport}).
 *
 * <p>CAN4000's labels were made by a neural network: a model trained on its crops has to be
 * validated on a test set with clear ground truth, never on a held-out part of the same manifest.
 */
package io.github.can4000.io.eval;
