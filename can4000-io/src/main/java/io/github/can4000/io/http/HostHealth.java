package io.github.can4000.io.http;

import io.github.can4000.Reason;
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
  private final Set<String> slow = ConcurrentHashMap.newKeySet();
  private final AtomicInteger deadCount = new AtomicInteger();
  private final int offlineAfter;
  private volatile boolean responded;
  private volatile boolean offline;

  /** @param offlineAfter distinct dead hosts, with no response, after which the network counts as down; 0 never */
  HostHealth(int offlineAfter) {
    this.offlineAfter = offlineAfter;
  }

  Dead dead(String host) {
    return dead.get(host);
  }

  /** Records that {@code host} failed at the DNS or connection level. */
  void markDead(String host, Reason reason, String detail) {
    if (dead.putIfAbsent(host, new Dead(reason, detail)) == null) {
      int n = deadCount.incrementAndGet();
      if (offlineAfter > 0 && n >= offlineAfter && !responded) {
        offline = true;
      }
    }
  }

  void markSlow(String host) {
    slow.add(host);
  }

  boolean isSlow(String host) {
    return slow.contains(host);
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
