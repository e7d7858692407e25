package io.github.can4000;

/** What a manifest parse does with a malformed line. */
public enum ParseMode {
  /** Throw a {@link ManifestException} at the first malformed line. */
  STRICT,
  /**
   * Record a {@link ManifestProblem} and go on. A line whose box values are not numbers still
   * becomes an entry (flagged {@link BoxFlag#NON_NUMERIC}) so that its row gets an outcome; a line
   * that cannot be split into fields at all is only recorded as a problem.
   */
  LENIENT
}
