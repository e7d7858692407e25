package io.github.can4000;

/** Observes a run. Called from worker threads: implementations must be thread-safe and quick. */
public interface ProgressListener {
  /** A listener that does nothing. */
  ProgressListener NONE = new ProgressListener() {};

  /** Called once before the first row with the number of rows in the run. */
  default void onStart(int rows) {}

  /** Called once for every row when it ends. */
  default void onOutcome(Outcome outcome) {}
}
