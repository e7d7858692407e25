package io.github.can4000.examples.cli;

import io.github.can4000.Outcome;
import io.github.can4000.Reason;
import io.github.can4000.RunReport;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.http.Proxies;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decides whether a download reached no image host at all, for exit code 4 and its message: some
 * row went to the network, and every row that did failed before any server answered (DNS,
 * connection, timeout, or {@code NO_NETWORK} after the early stop).
 */
final class NetworkVerdict {
  /** Failures that mean no server answered. */
  private static final Set<Reason> UNREACHED =
      EnumSet.of(Reason.DNS, Reason.CONNECT, Reason.TIMEOUT, Reason.NO_NETWORK);

  /** Outcomes that say nothing about the network: the row never went there. */
  private static final Set<Reason> OFF_NETWORK =
      EnumSet.of(
          Reason.ALREADY_PRESENT,
          Reason.BAD_BOX,
          Reason.BAD_LABEL,
          Reason.BAD_URL,
          Reason.UNSUPPORTED_SCHEME,
          Reason.BLOCKED_ADDRESS,
          Reason.NOT_CACHED,
          Reason.CANCELLED);

  private NetworkVerdict() {}

  /** Returns whether rows were sent to the network and none of them got an answer from a server. */
  static boolean nothingReachable(RunReport report) {
    int unreached = 0;
    for (Outcome o : report.outcomes()) {
      if (UNREACHED.contains(o.reason()) && o.httpStatus() == 0) {
        unreached++;
      } else if (!OFF_NETWORK.contains(o.reason())) {
        return false;
      }
    }
    return unreached > 0;
  }

  /**
   * Returns the message that names the likely causes: when the unreached rows went through a proxy,
   * the proxy (setting one is no advice when one is in use).
   */
  static String message(RunReport report, Proxies proxies) {
    boolean viaProxy =
        report.outcomes().stream()
            .filter(o -> UNREACHED.contains(o.reason()))
            .anyMatch(o -> proxies.usesProxyFor(o.entry().url()));
    Integer stopped = report.reasons().get(Reason.NO_NETWORK);
    String what =
        stopped != null && stopped > 0
            ? "the first "
                + HttpFetchers.DEFAULT_NO_NETWORK_AFTER_HOSTS
                + " hosts all failed at the DNS or connection"
                + " level and no server answered, so the run stopped early; the other "
                + stopped
                + " rows are recorded as NO_NETWORK"
            : "no row could be fetched: every host failed at the DNS or connection level";
    String causes =
        !viaProxy
            ? "Likely causes: this machine has no network connection; the network needs a proxy (set"
                + " HTTPS_PROXY and HTTP_PROXY, e.g. HTTPS_PROXY=http://proxy.example.org:3128, or use"
                + " --proxy URL); or a firewall blocks outgoing connections.\n"
            : "Requests went through the proxy "
                + proxies
                + ". Likely causes: the proxy is down or refuses connections (the report's details"
                + " name it), it cannot reach the image hosts, or it is the wrong one: check"
                + " HTTPS_PROXY/HTTP_PROXY or --proxy, or connect directly with --no-proxy.\n";
    return "download: no image host could be reached ("
        + what
        + ").\n"
        + causes
        + "Every row is in the report; when the network works, run again with --retry-failed"
        + " (--no-early-stop tries every host).";
  }
}
