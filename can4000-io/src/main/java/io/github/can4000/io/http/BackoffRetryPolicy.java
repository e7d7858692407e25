package io.github.can4000.io.http;

import io.github.can4000.Reason;
import io.github.can4000.internal.Args;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter; see {@link RetryPolicy#exponentialBackoff}. */
final class BackoffRetryPolicy implements RetryPolicy {
  static final BackoffRetryPolicy DEFAULT =
      new BackoffRetryPolicy(
          3, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60));

  private final int maxAttempts;
  private final long baseNanos;
  private final long capNanos;
  private final Duration maxRetryAfter;

  /** Returns this policy with another number of attempts. */
  BackoffRetryPolicy withMaxAttempts(int attempts) {
    return new BackoffRetryPolicy(
        attempts, Duration.ofNanos(baseNanos), Duration.ofNanos(capNanos), maxRetryAfter);
  }

  BackoffRetryPolicy(int maxAttempts, Duration base, Duration cap, Duration maxRetryAfter) {
    Args.checkPositive(maxAttempts, "maxAttempts");
    Args.checkTimeout(base, "base");
    Args.checkTimeout(cap, "cap");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "cap must be at least base " + Args.format(base) + ": " + Args.format(cap));
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException(
          "maxRetryAfter must not be negative: " + Args.format(maxRetryAfter));
    }
    this.maxAttempts = maxAttempts;
    this.baseNanos = base.toNanos();
    this.capNanos = cap.toNanos();
    this.maxRetryAfter = maxRetryAfter;
  }

  @Override
  public Optional<Duration> retryDelay(FailedAttempt failed) {
    if (failed.attempt() >= maxAttempts || !retryable(failed.reason(), failed.httpStatus())) {
      return Optional.empty();
    }
    if (failed.retryAfter().isPresent()) {
      Duration wait = failed.retryAfter().get();
      if (wait.compareTo(maxRetryAfter) > 0) {
        return Optional.empty();
      }
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
    int shift = Math.min(failed.attempt() - 1, 62);
    long bound =
        baseNanos > (capNanos >> shift) ? capNanos : Math.min(capNanos, baseNanos << shift);
    return Optional.of(Duration.ofNanos(ThreadLocalRandom.current().nextLong(bound + 1)));
  }

  static boolean retryable(Reason reason, int status) {
    switch (reason) {
      case CONNECT:
      case TIMEOUT:
      case TRUNCATED:
        return true;
      case HTTP_STATUS:
        return status == 408 || status == 429 || (status >= 500 && status <= 599);
      default:
        return false;
    }
  }

  @Override
  public String toString() {
    return "RetryPolicy.exponentialBackoff(maxAttempts="
        + maxAttempts
        + ", base="
        + Duration.ofNanos(baseNanos)
        + ", cap="
        + Duration.ofNanos(capNanos)
        + ", maxRetryAfter="
        + maxRetryAfter
        + ")";
  }
}
