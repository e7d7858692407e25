package io.github.can4000.io.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Reason;
import io.github.can4000.io.http.RetryPolicy.FailedAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static FailedAttempt failed(int attempt, Reason reason, int status) {
    return new FailedAttempt("http://e.com/x", attempt, reason, status, Optional.empty());
  }

  @Test
  void defaultsRetryTransientFailuresWithJitteredBackoff() {
    RetryPolicy p = RetryPolicy.defaults();
    for (int i = 0; i < 200; i++) {
      assertThat(p.retryDelay(failed(1, Reason.TIMEOUT, 0)))
          .get()
          .satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(500)));
      assertThat(p.retryDelay(failed(2, Reason.CONNECT, 0)))
          .get()
          .satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(1000)));
    }
    assertThat(p.retryDelay(failed(1, Reason.TRUNCATED, 200))).isPresent();
    assertThat(p.retryDelay(failed(1, Reason.HTTP_STATUS, 503))).isPresent();
    assertThat(p.retryDelay(failed(1, Reason.HTTP_STATUS, 500))).isPresent();
    assertThat(p.retryDelay(failed(1, Reason.HTTP_STATUS, 429))).isPresent();
    assertThat(p.retryDelay(failed(1, Reason.HTTP_STATUS, 408))).isPresent();
  }

  @Test
  void defaultsStopAfterThreeAttemptsAndForPermanentFailures() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.retryDelay(failed(3, Reason.TIMEOUT, 0))).isEmpty();
    assertThat(p.retryDelay(failed(1, Reason.HTTP_STATUS, 404))).isEmpty();
    assertThat(p.retryDelay(failed(1, Reason.HTTP_STATUS, 403))).isEmpty();
    assertThat(p.retryDelay(failed(1, Reason.DNS, 0))).isEmpty();
    assertThat(p.retryDelay(failed(1, Reason.TOO_LARGE, 200))).isEmpty();
    assertThat(p.retryDelay(failed(1, Reason.REDIRECT, 301))).isEmpty();
    assertThat(p.retryDelay(failed(1, Reason.BLOCKED_ADDRESS, 0))).isEmpty();
  }

  @Test
  void honoursRetryAfterUpToTheCap() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(
            p.retryDelay(
                new FailedAttempt(
                    "u", 1, Reason.HTTP_STATUS, 429, Optional.of(Duration.ofSeconds(7)))))
        .contains(Duration.ofSeconds(7));
    assertThat(
            p.retryDelay(
                new FailedAttempt(
                    "u", 1, Reason.HTTP_STATUS, 503, Optional.of(Duration.ofSeconds(61)))))
        .isEmpty();
    assertThat(
            p.retryDelay(
                new FailedAttempt(
                    "u", 1, Reason.HTTP_STATUS, 404, Optional.of(Duration.ofSeconds(1)))))
        .isEmpty();
  }

  @Test
  void backoffIsCapped() {
    RetryPolicy p =
        RetryPolicy.exponentialBackoff(
            100, Duration.ofMillis(100), Duration.ofMillis(250), Duration.ZERO);
    for (int attempt = 1; attempt < 99; attempt++) {
      assertThat(p.retryDelay(failed(attempt, Reason.TIMEOUT, 0)))
          .get()
          .satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(250)));
    }
  }

  @Test
  void noneNeverRetries() {
    assertThat(RetryPolicy.none().retryDelay(failed(1, Reason.TIMEOUT, 0))).isEmpty();
  }

  @Test
  void checksArguments() {
    assertThatThrownBy(
            () ->
                RetryPolicy.exponentialBackoff(
                    0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(
            () ->
                RetryPolicy.exponentialBackoff(
                    2, Duration.ZERO, Duration.ofMillis(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base");
    assertThatThrownBy(
            () ->
                RetryPolicy.exponentialBackoff(
                    2, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cap");
    assertThatThrownBy(() -> new FailedAttempt("u", 0, Reason.TIMEOUT, 0, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void argumentErrorsNameTheOptionAndTheValue() {
    Duration ms = Duration.ofMillis(1);
    assertThatThrownBy(() -> RetryPolicy.exponentialBackoff(0, ms, ms, Duration.ZERO))
        .hasMessage("maxAttempts must be positive: 0");
    assertThatThrownBy(() -> RetryPolicy.exponentialBackoff(2, Duration.ZERO, ms, Duration.ZERO))
        .hasMessage("base must be positive and at most 24 days: 0s");
    assertThatThrownBy(
            () -> RetryPolicy.exponentialBackoff(2, ms, Duration.ofDays(30), Duration.ZERO))
        .hasMessage("cap must be positive and at most 24 days: 2592000s");
    assertThatThrownBy(
            () ->
                RetryPolicy.exponentialBackoff(
                    2, Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ZERO))
        .hasMessage("cap must be at least base 2s: 1500ms");
    assertThatThrownBy(() -> RetryPolicy.exponentialBackoff(2, ms, ms, Duration.ofSeconds(-1)))
        .hasMessage("maxRetryAfter must not be negative: -1s");
    assertThatThrownBy(() -> RetryPolicy.exponentialBackoff(2, null, ms, Duration.ZERO))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("base");
  }

  @Test
  void parsesRetryAfterSecondsAndDates() {
    Instant now = Instant.parse("2015-10-21T07:28:00Z");
    assertThat(HttpFetcher.parseRetryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
    assertThat(HttpFetcher.parseRetryAfter(" 0 ", now)).isEqualTo(Duration.ZERO);
    assertThat(HttpFetcher.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpFetcher.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now))
        .isEqualTo(Duration.ZERO);
    assertThat(HttpFetcher.parseRetryAfter("soon", now)).isNull();
    assertThat(HttpFetcher.parseRetryAfter("-5", now)).isNull();
  }
}
