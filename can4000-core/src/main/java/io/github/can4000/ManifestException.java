package io.github.can4000;

import java.io.IOException;

/**
 * Thrown by a strict parse at the first malformed manifest line. The message names file, line,
 * column and the offending text, e.g. {@code all.csv:17: not a number (column 3: "0.5x")}.
 */
public final class ManifestException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient ManifestProblem problem;

  ManifestException(ManifestProblem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  /** Returns the problem: source, line, column, text and message. */
  public ManifestProblem problem() {
    return problem;
  }
}
