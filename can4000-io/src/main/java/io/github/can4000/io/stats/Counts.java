package io.github.can4000.io.stats;

/**
 * Rows of one label, host or domain, and how they ended.
 *
 * @param rows manifest rows
 * @param succeeded rows written or streamed
 * @param skipped rows skipped (already present, unusable box, ...)
 * @param failed rows that failed
 * @param unknown rows without an outcome (no report given, or not in it)
 */
public record Counts(int rows, int succeeded, int skipped, int failed, int unknown) {
  /** Validates that the parts add up. */
  public Counts {
    if (rows < 0
        || succeeded < 0
        || skipped < 0
        || failed < 0
        || unknown < 0
        || succeeded + skipped + failed + unknown != rows) {
      throw new IllegalArgumentException(
          "counts do not add up: "
              + rows
              + " rows, "
              + succeeded
              + " succeeded, "
              + skipped
              + " skipped, "
              + failed
              + " failed, "
              + unknown
              + " unknown");
    }
  }

  /** Returns the fraction of rows with an outcome that succeeded, or NaN if none has one. */
  public double successRate() {
    int known = rows - unknown;
    return known == 0 ? Double.NaN : (double) succeeded / known;
  }
}
