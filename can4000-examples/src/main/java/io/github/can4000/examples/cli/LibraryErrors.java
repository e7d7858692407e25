package io.github.can4000.examples.cli;

import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the argument errors of the library's builders into usage errors that name the command
 * line's options: {@code "concurrency must be between 1 and 1024: 0"} becomes {@code "--threads
 * must be between 1 and 1024: 0"}. The builders do the checking; the command line only renames.
 */
final class LibraryErrors {
  /** Builder option names and the options of the command line that set them. */
  private static final Map<String, String> OPTIONS =
      Map.ofEntries(
          Map.entry("userAgent", "--user-agent"),
          Map.entry("concurrency", "--threads"),
          Map.entry("decodeThreads", "--decode-threads"),
          Map.entry("connectTimeout", "--connect-timeout"),
          Map.entry("readTimeout", "--read-timeout"),
          Map.entry("attemptTimeout", "--attempt-timeout"),
          Map.entry("retries", "--retries"),
          Map.entry("maxConnectionsPerHost", "--per-host"),
          Map.entry("maxConnections", "the total connection limit"),
          Map.entry("maxPixels", "--max-pixels"),
          Map.entry("resize", "--resize"),
          Map.entry("minSize", "--min-size"),
          Map.entry("margin", "--margin"),
          Map.entry("quality", "--quality"));

  private static final Pattern NAME =
      Pattern.compile("\\b(" + String.join("|", OPTIONS.keySet()) + ")\\b");

  private LibraryErrors() {}

  /**
   * Runs {@code step}; an {@link IllegalArgumentException} it throws becomes a {@link
   * UsageException}.
   */
  static <T> T translated(Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(rename(e.getMessage()), e);
    }
  }

  /** Replaces builder option names in {@code message} by the command line's. */
  static String rename(String message) {
    Matcher m = NAME.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(OPTIONS.get(m.group(1))));
    }
    return m.appendTail(out).toString();
  }
}
