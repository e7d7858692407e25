package io.github.can4000.io.http;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A shared budget of heap bytes for response bodies being buffered. Each body takes a {@link
 * Lease}, reserves bytes on it before allocating them and closes it when done (delivered or
 * failed). When the budget is exhausted a body waits, up to its attempt deadline, for others to
 * finish.
 *
 * <p>It never deadlocks: a reservation is granted when it fits in the capacity, when nothing else
 * is reserved, or when its lease is the oldest one holding bytes. Two bodies that each hold part of
 * the budget and both need more therefore never wait for each other: the older one goes on. So the
 * capacity can be exceeded by the oldest body alone, by at most what one body can hold.
 */
final class ByteBudget {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final long capacity;

  /** Leases holding bytes, oldest first. */
  private final Set<Lease> holders = new LinkedHashSet<>();

  private long used;
  private long peak;

  ByteBudget(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Returns the number of bytes that bodies may hold at once (the oldest body excepted). */
  long capacity() {
    return capacity;
  }

  /** Returns the number of bytes reserved now. */
  synchronized long used() {
    return used;
  }

  /** Returns the most bytes reserved at once so far. */
  synchronized long peak() {
    return peak;
  }

  /** Returns a new lease holding nothing; close it to return what it holds. */
  Lease lease() {
    return new Lease();
  }

  private synchronized boolean reserve(
      Lease lease, long n, long deadlineNanos, BooleanSupplier closed) throws InterruptedException {
    if (n < 0) {
      throw new IllegalArgumentException("cannot reserve " + n + " bytes");
    }
    while (true) {
      boolean oldest = lease.held > 0 && holders.iterator().next() == lease;
      if (used + n <= capacity || used == lease.held || oldest) {
        if (n > 0) {
          used += n;
          peak = Math.max(peak, used);
          lease.held += n;
          holders.add(lease);
        }
        return true;
      }
      if (closed.getAsBoolean()) {
        return false;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, POLL_NANOS));
    }
  }

  private synchronized void release(Lease lease, long n) {
    if (n < 0 || n > lease.held) {
      throw new IllegalArgumentException("cannot release " + n + " bytes of " + lease.held);
    }
    if (n > 0) {
      used -= n;
      lease.held -= n;
      if (lease.held == 0) {
        holders.remove(lease);
      }
      notifyAll();
    }
  }

  @Override
  public synchronized String toString() {
    return "ByteBudget[" + used + "/" + capacity + " bytes]";
  }

  /** The bytes one body holds. Not thread-safe: one body, one thread. */
  final class Lease implements AutoCloseable {
    private long held;

    private Lease() {}

    /** Returns the bytes held. */
    long held() {
      synchronized (ByteBudget.this) {
        return held;
      }
    }

    /**
     * Reserves {@code n} more bytes, waiting until they may be granted, {@code deadlineNanos} (a
     * {@link System#nanoTime()} value) passes, or {@code closed} turns true.
     *
     * @return whether the bytes were reserved
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    boolean reserve(long n, long deadlineNanos, BooleanSupplier closed)
        throws InterruptedException {
      return ByteBudget.this.reserve(this, n, deadlineNanos, closed);
    }

    /** Returns {@code n} of the bytes held. */
    void release(long n) {
      ByteBudget.this.release(this, n);
    }

    /** Returns everything held. */
    @Override
    public void close() {
      synchronized (ByteBudget.this) {
        ByteBudget.this.release(this, held);
      }
    }
  }
}
