package io.github.can4000.io.stats;

import java.util.Locale;

/**
 * Extracts host and top-level domain from manifest URLs, which may be malformed or contain spaces.
 */
final class Hosts {
  static final String NONE = "(none)";
  static final String IP = "(ip)";

  private Hosts() {}

  /**
   * Returns the lower-case host of {@code url}, without user info, port or trailing dot; or {@link
   * #NONE}.
   */
  static String host(String url) {
    int s = url.indexOf("://");
    if (s < 0) {
      return NONE;
    }
    int start = s + 3;
    int end = url.length();
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#' || c == '\\') {
        end = i;
        break;
      }
    }
    String authority = url.substring(start, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    String host;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = close < 0 ? authority : authority.substring(0, close + 1);
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
    }
    host = host.strip().toLowerCase(Locale.ROOT);
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.isEmpty() ? NONE : host;
  }

  /**
   * Returns the top-level domain of a host (its last label, e.g. {@code com}, {@code kr}), {@link
   * #IP} for an IP address, or {@link #NONE}.
   */
  static String tld(String host) {
    if (host.equals(NONE)) {
      return NONE;
    }
    if (host.startsWith("[") || host.matches("[0-9.]+")) {
      return IP;
    }
    int dot = host.lastIndexOf('.');
    return dot < 0 ? NONE : host.substring(dot + 1);
  }
}
