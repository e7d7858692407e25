package io.github.can4000.io.http;

import io.github.can4000.Reason;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one fetcher learned about hosts during its life (one run): hosts that failed at the DNS or
 * connection level are dead, so their other rows fail at once; hosts that hung (read timeout) are
 * slow, so their later rows are not retried on a timeout. It also decides that the network itself
 * is down: when the first {@code offlineAfter} distinct hosts all died and no response of any kind
 * arrived.
 */
final class HostHealth {
  /** Why a host is dead: the first failure's reason and detail. */
  record Dead(Reason reason, String detail) {}

  private final Map<String, Dead> dead = new ConcurrentHashMap<>();
  private final Map<String, Long> deadUntil = new ConcurrentHashMap<>();
  private final Map<String, Long> slowUntil = new ConcurrentHashMap<>();
  private final Set<String> everDead = ConcurrentHashMap.newKeySet();
  private final AtomicInteger deadCount = new AtomicInteger();
  private final int offlineAfter;
  private final long memoryNanos;
  private volatile boolean responded;
  private volatile boolean offline;

  /**
   * @param offlineAfter distinct dead hosts, with no response, after which the network counts as
   *     down; 0 never
   * @param memory how long a dead or slow host is remembered; zero: not at all
   */
  HostHealth(int offlineAfter, Duration memory) {
    this.offlineAfter = offlineAfter;
    this.memoryNanos = memory.toNanos();
  }

  /** Returns whether hosts are remembered at all. */
  boolean remembers() {
    return memoryNanos > 0;
  }

  Dead dead(String host) {
    Long until = deadUntil.get(host);
    if (until == null) {
      return null;
    }
    if (System.nanoTime() - until > 0) {
      deadUntil.remove(host, until);
      return null;
    }
    return dead.get(host);
  }

  /** Records that {@code host} failed at the DNS or connection level. */
  void markDead(String host, Reason reason, String detail) {
    if (remembers()) {
      dead.put(host, new Dead(reason, detail));
      deadUntil.put(host, System.nanoTime() + memoryNanos);
    }
    if (everDead.add(host)) {
      int n = deadCount.incrementAndGet();
      if (offlineAfter > 0 && n >= offlineAfter && !responded) {
        offline = true;
      }
    }
  }

  void markSlow(String host) {
    if (remembers()) {
      slowUntil.put(host, System.nanoTime() + memoryNanos);
    }
  }

  boolean isSlow(String host) {
    Long until = slowUntil.get(host);
    return until != null && System.nanoTime() - until <= 0;
  }

  /** Records that some server answered: the network works. */
  void responded() {
    if (!responded) {
      responded = true;
    }
  }

  /** Returns whether the network counts as down: every further fetch fails with NO_NETWORK. */
  boolean offline() {
    return offline && !responded;
  }

  int offlineAfter() {
    return offlineAfter;
  }

  int deadHosts() {
    return deadCount.get();
  }
}
