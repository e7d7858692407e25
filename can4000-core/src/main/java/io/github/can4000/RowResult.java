package io.github.can4000;

import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@link Dataset#results()}: its outcome and, if it succeeded, its sample.
 *
 * @param outcome how the row ended
 * @param sample the crop, present exactly when the outcome is a success
 */
public record RowResult(Outcome outcome, Optional<Sample> sample) {
  /** Validates that a sample is present exactly for successful outcomes. */
  public RowResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(sample, "sample");
    if (sample.isPresent() != outcome.isSuccess()) {
      throw new IllegalArgumentException("a sample must be present exactly when the outcome is a success: " + outcome);
    }
  }
}
