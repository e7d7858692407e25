package io.github.can4000.internal;

/**
 * A budget of bytes for decoded images held at once ({@link
 * io.github.can4000.DatasetBuilder#decodeMemory}). A request larger than the whole budget is
 * clamped to it, so a huge image waits until it is alone but never forever. Thread-safe.
 */
public final class DecodeMemory {
  private final long total;
  private long free;

  public DecodeMemory(long total) {
    if (total <= 0) {
      throw new IllegalArgumentException("total must be positive: " + total);
    }
    this.total = total;
    this.free = total;
  }

  /**
   * Waits until {@code bytes} (at most the whole budget) are free and takes them; returns how many
   * were taken, to be given back with {@link #release}.
   *
   * @throws InterruptedException if interrupted while waiting; nothing is taken
   */
  public synchronized long acquire(long bytes) throws InterruptedException {
    long n = Math.min(Math.max(0, bytes), total);
    while (free < n) {
      wait();
    }
    free -= n;
    return n;
  }

  /** Gives back bytes taken by {@link #acquire}. */
  public synchronized void release(long bytes) {
    if (bytes <= 0) {
      return;
    }
    free = Math.min(total, free + bytes);
    notifyAll();
  }

  /** Returns the bytes free now. */
  public synchronized long free() {
    return free;
  }

  @Override
  public synchronized String toString() {
    return "DecodeMemory[" + free + " of " + total + " bytes free]";
  }
}
