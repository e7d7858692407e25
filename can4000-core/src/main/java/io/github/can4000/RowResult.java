package io.github.can4000;

import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@link Dataset#results()}: its outcome and, if it succeeded, its sample.
 *
 * @param outcome how the row ended
 * @param sample the crop: present for a {@link Reason#STREAMED} row, empty otherwise (a written
 *     row's crop went to the sink)
 */
public record RowResult(Outcome outcome, Optional<Sample> sample) {
  /** Validates that a sample is present only for streamed rows. */
  public RowResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(sample, "sample");
    if (sample.isPresent() != (outcome.reason() == Reason.STREAMED)) {
      throw new IllegalArgumentException(
          "a sample must be present exactly for streamed rows: " + outcome);
    }
  }
}
