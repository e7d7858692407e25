package io.github.can4000.io.testset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A test set with clear ground truth, read by {@link TestSets}.
 *
 * @param name its name (the folder's or CSV file's name)
 * @param root the folder or CSV file it was read from
 * @param images the images, sorted by path
 * @param problems files that could not be used, each with the reason (missing, unreadable, no
 *     label); never silently dropped
 * @param canProvenance why its labels appear to come from a CAN manifest (the output of {@code
 *     can4000 download}), or empty; such a set is not a valid external test set
 */
public record TestSet(
    String name,
    Path root,
    List<TestImage> images,
    List<Problem> problems,
    Optional<String> canProvenance) {
  /** Validates and copies. */
  public TestSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(root, "root");
    images = List.copyOf(images);
    problems = List.copyOf(problems);
    Objects.requireNonNull(canProvenance, "canProvenance");
  }

  /**
   * A file of the test set that cannot be used.
   *
   * @param where the file (or the CSV file and line)
   * @param reason why
   */
  public record Problem(String where, String reason) {
    /** Validates. */
    public Problem {
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Returns the number of images per label, sorted by label. */
  public Map<String, Integer> counts() {
    Map<String, Integer> c = new TreeMap<>();
    images.forEach(i -> c.merge(i.label(), 1, Integer::sum));
    return c;
  }
}
