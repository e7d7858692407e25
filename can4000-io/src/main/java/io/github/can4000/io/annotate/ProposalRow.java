package io.github.can4000.io.annotate;

import io.github.can4000.Box;
import io.github.can4000.ManifestEntry;
import java.util.Objects;

/**
 * One row of {@code proposals.csv}: a region proposed for review.
 *
 * @param no the stable row number, from 1; it becomes the manifest's {@code no}
 * @param label the proposed label: one token, no white space
 * @param box the box as in the manifest: centre and size as fractions of the image; finite
 * @param score the detector's confidence, 0 to 1 (1 for imported labels without one)
 * @param source the image: a path relative to the images folder (with {@code /}), or a URL
 */
public record ProposalRow(int no, String label, Box box, double score, String source) {

  /** Validates. */
  public ProposalRow {
    if (no < 1) {
      throw new IllegalArgumentException("no must be at least 1: " + no);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(source, "source");
    if (label.isEmpty() || label.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "label must be one token without white space: \"" + label + "\"");
    }
    if (!box.isFinite()) {
      throw new IllegalArgumentException("box must be finite: " + box);
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be between 0 and 1: " + score);
    }
    if (source.isBlank() || source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          "source must be a non-blank single line: \"" + source + "\"");
    }
  }

  /**
   * Returns this row as a manifest entry with {@code label}, for cropping exactly as a download
   * will.
   */
  public ManifestEntry toEntry(String label) {
    return ManifestEntry.of(no, label, box, source);
  }
}
