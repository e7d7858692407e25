package io.github.can4000.bench;

import java.util.concurrent.atomic.LongAdder;

/** Thread-safe accumulated nanoseconds and call count of one pipeline stage. */
final class StageTimer {
  private final String name;
  private final LongAdder nanos = new LongAdder();
  private final LongAdder calls = new LongAdder();

  StageTimer(String name) {
    this.name = name;
  }

  long start() {
    return System.nanoTime();
  }

  void stop(long start) {
    nanos.add(System.nanoTime() - start);
    calls.increment();
  }

  String name() {
    return name;
  }

  double seconds() {
    return nanos.sum() / 1e9;
  }

  long calls() {
    return calls.sum();
  }
}
