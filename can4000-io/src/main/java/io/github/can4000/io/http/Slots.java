package io.github.can4000.io.http;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Limits requests in progress, in total and per host. Per-host semaphores exist only while some
 * thread holds or waits for one, so the map does not grow with the number of hosts ever seen.
 */
final class Slots {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Semaphore global;
  private final int perHost;
  private final Map<String, Host> hosts = new HashMap<>();

  private static final class Host {
    final Semaphore semaphore;
    int users;

    Host(int permits) {
      semaphore = new Semaphore(permits, true);
    }
  }

  Slots(int total, int perHost) {
    this.global = new Semaphore(total, true);
    this.perHost = perHost;
  }

  /**
   * Takes a slot for {@code host}, waiting until one is free, {@code timeoutNanos} pass ({@link
   * Long#MAX_VALUE} for no limit) or {@code closed} turns true.
   *
   * @return whether the slot was taken; if so, {@link #release} it
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  boolean acquire(String host, long timeoutNanos, BooleanSupplier closed)
      throws InterruptedException {
    long deadline = timeoutNanos == Long.MAX_VALUE ? 0 : System.nanoTime() + timeoutNanos;
    boolean bounded = timeoutNanos != Long.MAX_VALUE;
    Host h;
    synchronized (hosts) {
      h = hosts.computeIfAbsent(host, k -> new Host(perHost));
      h.users++;
    }
    boolean hostTaken = false;
    boolean done = false;
    try {
      hostTaken = take(h.semaphore, bounded, deadline, closed);
      if (!hostTaken) {
        return false;
      }
      if (!take(global, bounded, deadline, closed)) {
        return false;
      }
      done = true;
      return true;
    } finally {
      if (!done) {
        if (hostTaken) {
          h.semaphore.release();
        }
        leave(host, h);
      }
    }
  }

  /** Returns the slot taken for {@code host}. */
  void release(String host) {
    global.release();
    Host h;
    synchronized (hosts) {
      h = hosts.get(host);
    }
    h.semaphore.release();
    leave(host, h);
  }

  private void leave(String host, Host h) {
    synchronized (hosts) {
      if (--h.users == 0) {
        hosts.remove(host, h);
      }
    }
  }

  private static boolean take(Semaphore s, boolean bounded, long deadline, BooleanSupplier closed)
      throws InterruptedException {
    while (true) {
      if (closed.getAsBoolean()) {
        return false;
      }
      long left = bounded ? deadline - System.nanoTime() : POLL_NANOS;
      if (left <= 0) {
        return false;
      }
      if (s.tryAcquire(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS)) {
        return true;
      }
    }
  }
}
