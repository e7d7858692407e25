package io.github.can4000.io.http;

import io.github.can4000.Reason;
import io.github.can4000.internal.Args;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether, and after how long, a failed HTTP attempt is tried again.
 *
 * <pre>{@code
 * RetryPolicy standard = RetryPolicy.defaults();   // 3 attempts, backoff 500 ms .. 30 s, full jitter
 * RetryPolicy never = RetryPolicy.none();
 * RetryPolicy patient = RetryPolicy.exponentialBackoff(5, Duration.ofSeconds(1), Duration.ofMinutes(1),
 *     Duration.ofMinutes(2));
 * RetryPolicy custom = failed -> failed.attempt() < 2 && failed.reason() == Reason.TIMEOUT
 *     ? Optional.of(Duration.ofSeconds(5)) : Optional.empty();
 * }</pre>
 *
 * <p>Implementations must be thread-safe. The fetcher waits the returned delay interruptibly; it
 * never asks again once the fetcher is closed.
 */
@FunctionalInterface
public interface RetryPolicy {

  /**
   * Returns how long to wait before the next attempt, or empty to give up and report {@code
   * failed}.
   *
   * @param failed the attempt that just failed
   * @return the delay before the next attempt (zero for at once), or empty for no further attempt
   */
  Optional<Duration> retryDelay(FailedAttempt failed);

  /** Returns a policy that never retries: every fetch makes exactly one attempt. */
  static RetryPolicy none() {
    return NoRetry.INSTANCE;
  }

  /**
   * Returns the default policy: {@link #exponentialBackoff exponential backoff} with at most 3
   * attempts, base delay 500 ms, delay cap 30 s and {@code Retry-After} honoured up to 60 s.
   */
  static RetryPolicy defaults() {
    return BackoffRetryPolicy.DEFAULT;
  }

  /** The most retries {@link #retries(int)} accepts. */
  int MAX_RETRIES = 10;

  /**
   * Returns the {@linkplain #defaults() default backoff} with {@code retries} attempts after the
   * first: 500 ms base, 30 s cap, full jitter, {@code Retry-After} honoured up to 60 s. Zero
   * retries is {@link #none()}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= retries <= }{@value #MAX_RETRIES}
   */
  static RetryPolicy retries(int retries) {
    Args.checkRange(retries, 0, MAX_RETRIES, "retries");
    return retries == 0 ? none() : BackoffRetryPolicy.DEFAULT.withMaxAttempts(retries + 1);
  }

  /**
   * Returns a policy with exponential backoff and full jitter: before attempt {@code n + 1} it
   * waits a random time in {@code [0, min(cap, base * 2^(n-1))]}.
   *
   * <p>It retries connection failures ({@link Reason#CONNECT}), timeouts ({@link Reason#TIMEOUT}),
   * truncated bodies ({@link Reason#TRUNCATED}) and the HTTP statuses 408, 429 and 5xx; nothing
   * else (no other 4xx, no DNS failure, no redirect or size problem). When the response carries a
   * {@code Retry-After} header (seconds or an HTTP date) the policy waits exactly that long
   * instead, unless it is longer than {@code maxRetryAfter}: then it gives up, as the server asked
   * not to be contacted for longer than the caller is willing to wait.
   *
   * @param maxAttempts attempts in total, including the first; at least 1
   * @param base the delay bound before the second attempt; positive, at most 24 days
   * @param cap the largest delay bound; at least {@code base}, at most 24 days
   * @param maxRetryAfter the longest {@code Retry-After} honoured; not negative
   * @return the policy
   * @throws IllegalArgumentException if an argument is out of range (the message names it)
   */
  static RetryPolicy exponentialBackoff(
      int maxAttempts, Duration base, Duration cap, Duration maxRetryAfter) {
    return new BackoffRetryPolicy(maxAttempts, base, cap, maxRetryAfter);
  }

  /**
   * What the policy is told about a failed attempt.
   *
   * @param url the URL as given in the manifest
   * @param attempt the number of the attempt that failed, starting at 1
   * @param reason why it failed
   * @param httpStatus the response status, or 0 if no response was received
   * @param retryAfter the server's {@code Retry-After}, as a delay from now, if it sent one
   */
  record FailedAttempt(
      String url, int attempt, Reason reason, int httpStatus, Optional<Duration> retryAfter) {
    /** Validates. */
    public FailedAttempt {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
      }
    }
  }
}
