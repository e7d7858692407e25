package io.github.can4000;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link Dataset#writeTo(Sink)}: one {@link Outcome} per manifest row, in manifest
 * order, and the wall time of the run. {@code total() == written() + streamed() + skipped() +
 * failed()} always holds.
 *
 * @param outcomes one outcome per manifest row, in manifest order; unmodifiable
 * @param elapsed wall time of the run
 */
public record RunReport(List<Outcome> outcomes, Duration elapsed) {

  /** Validates and copies. */
  public RunReport {
    outcomes = List.copyOf(outcomes);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Returns the number of rows. */
  public int total() {
    return outcomes.size();
  }

  /** Returns the number of rows with the given status. */
  public int count(Status status) {
    int n = 0;
    for (Outcome o : outcomes) {
      if (o.status() == status) {
        n++;
      }
    }
    return n;
  }

  /** Returns the number of rows written. */
  public int written() {
    return count(Status.WRITTEN);
  }

  /** Returns the number of rows skipped. */
  public int skipped() {
    return count(Status.SKIPPED);
  }

  /** Returns the number of rows failed. */
  public int failed() {
    return count(Status.FAILED);
  }

  /** Returns the number of rows for each reason that occurred. */
  public Map<Reason, Integer> reasons() {
    Map<Reason, Integer> m = new EnumMap<>(Reason.class);
    for (Outcome o : outcomes) {
      m.merge(o.reason(), 1, Integer::sum);
    }
    return m;
  }

  /**
   * Returns a one-line summary, e.g. {@code 4305 rows: 3900 written, 5 skipped, 400 failed in 61.2
   * s}.
   */
  public String summary() {
    return String.format(
        "%d rows: %d written, %d skipped, %d failed in %.1f s",
        total(), written(), skipped(), failed(), elapsed.toMillis() / 1000.0);
  }
}
