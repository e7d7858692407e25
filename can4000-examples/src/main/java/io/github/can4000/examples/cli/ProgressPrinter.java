package io.github.can4000.examples.cli;

import io.github.can4000.Outcome;
import io.github.can4000.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Shows a download's progress: on a terminal one line redrawn in place ({@code \r}) at most ten
 * times a second; otherwise (a log, a pipe) a plain line every 5 seconds or every 10% of the rows.
 * Thread-safe.
 */
final class ProgressPrinter implements ProgressListener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long PLAIN_NANOS = 5_000_000_000L;
  private static final int BAR_WIDTH = 24;

  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong lastPrint = new AtomicLong();
  private volatile int total;
  private volatile long start;
  /** The next tenth of the rows (1..10) at which a plain line is printed. */
  private int nextTenth = 1;
  private int lastLength;

  ProgressPrinter(PrintWriter out, boolean terminal, LongSupplier nanoClock) {
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
  }

  /** Returns a printer to {@code out}, in terminal mode when the JVM has a console. */
  static ProgressPrinter forConsole(PrintWriter out) {
    return new ProgressPrinter(out, System.console() != null, System::nanoTime);
  }

  @Override
  public void onStart(int rows) {
    total = rows;
    start = nanoClock.getAsLong();
    lastPrint.set(start);
    done.set(0);
    written.set(0);
    skipped.set(0);
    failed.set(0);
    synchronized (this) {
      nextTenth = 1;
    }
  }

  @Override
  public void onOutcome(Outcome o) {
    switch (o.status()) {
      case WRITTEN, STREAMED -> written.incrementAndGet();
      case SKIPPED -> skipped.incrementAndGet();
      case FAILED -> failed.incrementAndGet();
      default -> throw new IllegalStateException("unknown status " + o.status());
    }
    int d = done.incrementAndGet();
    long now = nanoClock.getAsLong();
    if (terminal) {
      long last = lastPrint.get();
      if ((now - last >= REDRAW_NANOS || d == total) && lastPrint.compareAndSet(last, now)) {
        print(now);
      }
    } else {
      boolean tenth;
      synchronized (this) {
        tenth = total > 0 && (long) d * 10 >= (long) nextTenth * total;
        while (total > 0 && (long) d * 10 >= (long) nextTenth * total) {
          nextTenth++;
        }
      }
      long last = lastPrint.get();
      if ((tenth || now - last >= PLAIN_NANOS) && lastPrint.compareAndSet(last, now)) {
        print(now);
      }
    }
  }

  /** Ends the progress display: on a terminal, draws the final state and moves to a new line. */
  synchronized void finish() {
    if (terminal) {
      draw(line(nanoClock.getAsLong()));
      out.println();
      out.flush();
      lastLength = 0;
    }
  }

  private synchronized void print(long now) {
    String line = line(now);
    if (terminal) {
      draw(line);
    } else {
      out.println(line);
    }
    out.flush();
  }

  private void draw(String line) {
    int pad = Math.max(0, lastLength - line.length());
    out.print("\r" + line + " ".repeat(pad));
    lastLength = line.length();
  }

  /** Returns e.g. {@code [#####-----]  1200/4305  28%  35.1 rows/s  written 1100  skipped 3  failed 97  ETA 1m28s}. */
  String line(long now) {
    int d = done.get();
    int t = total;
    double secs = Math.max(1e-9, (now - start) / 1e9);
    double rate = d / secs;
    String eta = d == 0 || rate <= 0 ? "--" : duration((t - d) / rate);
    int pct = t == 0 ? 100 : (int) (100L * d / t);
    StringBuilder sb = new StringBuilder();
    if (terminal) {
      int filled = t == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * d / t);
      sb.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ");
    }
    sb.append(String.format(Locale.ROOT, "%d/%d rows %3d%%  %.1f rows/s  written %d  skipped %d  failed %d  ETA %s",
        d, t, pct, rate, written.get(), skipped.get(), failed.get(), eta));
    return sb.toString();
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }
}
