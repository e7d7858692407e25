package io.github.can4000.io.testset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One image of a test set.
 *
 * @param file the image file
 * @param label its label, after aliases
 */
public record TestImage(Path file, String label) {
  /** Validates. */
  public TestImage {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(label, "label");
  }
}
