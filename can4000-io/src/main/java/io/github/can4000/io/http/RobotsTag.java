package io.github.can4000.io.http;

import java.util.Locale;
import org.apache.hc.core5.http.Header;

/**
 * Reads {@code X-Robots-Tag} headers for the AI opt-outs {@code noai} and {@code noimageai}. A
 * directive applies when it names no agent ({@code noai}) or names {@code can4000} ({@code can4000:
 * noai}); one for another agent ({@code googlebot: noindex}) does not.
 */
final class RobotsTag {
  private static final String AGENT = "can4000";

  private RobotsTag() {}

  /** Returns the opt-out directive found ({@code noai} or {@code noimageai}), or null. */
  static String optOut(Header[] headers) {
    for (Header h : headers) {
      if (h.getValue() == null) {
        continue;
      }
      String value = h.getValue().toLowerCase(Locale.ROOT).trim();
      String agent = null;
      int colon = value.indexOf(':');
      if (colon > 0) {
        String before = value.substring(0, colon).trim();
        // "agent: directives" unless the part before the colon is itself a directive (e.g.
        // "unavailable_after: date")
        if (!before.contains(",")
            && !before.contains(" ")
            && !before.equals("unavailable_after")
            && !before.equals("max-snippet")
            && !before.equals("max-image-preview")
            && !before.equals("max-video-preview")) {
          agent = before;
          value = value.substring(colon + 1);
        }
      }
      if (agent != null && !agent.equals(AGENT)) {
        continue;
      }
      for (String token : value.split(",")) {
        String t = token.trim();
        if (t.equals("noai") || t.equals("noimageai")) {
          return t;
        }
      }
    }
    return null;
  }
}
