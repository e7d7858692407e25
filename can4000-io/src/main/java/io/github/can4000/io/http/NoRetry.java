package io.github.can4000.io.http;

import java.time.Duration;
import java.util.Optional;

/** The policy that never retries. */
final class NoRetry implements RetryPolicy {
  static final NoRetry INSTANCE = new NoRetry();

  private NoRetry() {}

  @Override
  public Optional<Duration> retryDelay(FailedAttempt failed) {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "RetryPolicy.none()";
  }
}
