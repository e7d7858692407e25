package io.github.can4000.io.eval;

import io.github.can4000.io.dedupe.Match;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One test set of an {@link EvaluationReport}: its metrics, its scored images and, when it was
 * checked, the near-duplicates between its images and the training images.
 *
 * @param evaluation the metrics
 * @param scored the scored images
 * @param contamination each test image ({@link Match#key()}) that is a near-duplicate of a training
 *     image ({@link Match#reference()}); {@code null} when no training hashes were available
 */
public record TestSetResult(
    Evaluation evaluation, List<ScoredImage> scored, List<Match> contamination) {
  /** Validates and copies. */
  public TestSetResult {
    Objects.requireNonNull(evaluation, "evaluation");
    scored = List.copyOf(scored);
    contamination = contamination == null ? null : List.copyOf(contamination);
  }

  /**
   * Returns the number of test images that are near-duplicates of some training image, or -1 when
   * the set was not checked.
   */
  public int contaminated() {
    return contamination == null
        ? -1
        : contamination.stream().map(Match::key).collect(Collectors.toSet()).size();
  }
}
