package io.github.can4000.spi;

import io.github.can4000.Box;
import java.util.Objects;

/**
 * One region a {@link Detector} proposes: a box in the manifest's convention (centre and size as
 * fractions of the image), a label and a score.
 *
 * @param box the box, in fractions of the whole image; all four values finite
 * @param label the class label: one token, no white space
 * @param score the detector's confidence, 0 to 1
 */
public record Proposal(Box box, String label, double score) {

  /** Validates. */
  public Proposal {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(label, "label");
    if (!box.isFinite()) {
      throw new IllegalArgumentException("box must be finite: " + box);
    }
    if (label.isEmpty() || label.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "label must be one token without white space: \"" + label + "\"");
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be between 0 and 1: " + score);
    }
  }
}
