package io.github.can4000.io.eval;

import java.util.Objects;

/**
 * One scored test image: a row of {@code scores.csv}.
 *
 * @param path the image's path (or any key that names it)
 * @param label its true label
 * @param score the predicted probability (or any score, higher meaning more likely) of the positive
 *     label
 */
public record ScoredImage(String path, String label, double score) {
  /** Validates. */
  public ScoredImage {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(label, "label");
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score of " + path + " must be a finite number: " + score);
    }
  }
}
