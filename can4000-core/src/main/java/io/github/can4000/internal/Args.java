package io.github.can4000.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks for every builder of can4000, in one convention (Caffeine's): a message names the
 * option and the bad value, e.g. {@code "concurrency must be between 1 and 1024: 0"} or {@code
 * "fetcher was already set to HttpFetcher[...]"}. Options that may be set once keep their unset
 * state as {@code null} or a negative number.
 */
public final class Args {
  /** The longest timeout any option accepts: what a socket timeout in milliseconds can hold. */
  public static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

  private Args() {}

  /** Fails unless {@code min <= n <= max}; returns {@code n}. */
  public static int checkRange(int n, int min, int max, String name) {
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ": " + n);
    }
    return n;
  }

  /** Fails unless {@code min <= n <= max}; returns {@code n}. */
  public static long checkRange(long n, long min, long max, String name) {
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ": " + n);
    }
    return n;
  }

  /** Fails unless {@code n > 0}; returns {@code n}. */
  public static long checkPositive(long n, String name) {
    if (n <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + n);
    }
    return n;
  }

  /** Fails unless {@code d} is positive and at most {@link #MAX_TIMEOUT}; returns {@code d}. */
  public static Duration checkTimeout(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          name + " must be positive and at most " + MAX_TIMEOUT.toDays() + " days: " + format(d));
    }
    return d;
  }

  /** Fails if an option that may be set once already holds {@code current} (not null). */
  public static void requireUnset(Object current, String name) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set to " + current);
    }
  }

  /** Fails if an option that may be set once already holds {@code current} (not negative). */
  public static void requireUnset(long current, String name) {
    if (current >= 0) {
      throw new IllegalStateException(name + " was already set to " + current);
    }
  }

  /** Formats a duration as the command line reads it: {@code 1500ms}, {@code 60s}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
