package io.github.can4000.examples.cli;

import io.github.can4000.Outcome;
import io.github.can4000.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Shows a download's progress: on a terminal one line of at most {@value #WIDTH} characters (so
 * that it never wraps on an 80-column terminal, which would break the redraw) redrawn in place
 * ({@code \r}) at most ten times a second; otherwise (a log, a pipe) a plain line every 5 seconds
 * or every 10% of the rows. Thread-safe.
 *
 * <p>Whether stderr is a terminal cannot be asked in Java ({@code System.console()} looks at stdin
 * and stdout): {@code bin/can4000} tests it ({@code [ -t 2 ]}) and passes {@code
 * -Dcan4000.stderr.tty=true|false}; the environment variable {@code CAN4000_PROGRESS=bar|plain}
 * overrides; without either, {@code System.console() != null} decides.
 */
final class ProgressPrinter implements ProgressListener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long PLAIN_NANOS = 5_000_000_000L;
  private static final int BAR_WIDTH = 20;

  /** Widest terminal line: one less than 80 columns, so the cursor never wraps. */
  static final int WIDTH = 79;

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

  /** Returns a printer to {@code out} (stderr), in terminal mode when stderr is a terminal. */
  static ProgressPrinter forConsole(PrintWriter out) {
    return new ProgressPrinter(
        out,
        stderrIsTerminal(
            System.getenv("CAN4000_PROGRESS"),
            System.getProperty("can4000.stderr.tty"),
            System.console() != null),
        System::nanoTime);
  }

  /**
   * Decides terminal mode: {@code override} ({@code CAN4000_PROGRESS}: {@code bar} or {@code
   * plain}) first, then {@code launcherSays} ({@code -Dcan4000.stderr.tty}), then {@code console}.
   */
  static boolean stderrIsTerminal(String override, String launcherSays, boolean console) {
    if (override != null && !override.isBlank()) {
      return override.trim().equalsIgnoreCase("bar");
    }
    if (launcherSays != null && !launcherSays.isBlank()) {
      return Boolean.parseBoolean(launcherSays.trim());
    }
    return console;
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

  /**
   * Returns e.g. {@code 1200/4305 rows 28% 35.1 rows/s written 1100 skipped 3 failed 97 ETA 1m28s}
   * (plain), or on a terminal {@code [#####---------------] 1200/4305 28% 35.1/s ok 1100 skip 3
   * fail 97 ETA 1m28s}, at most {@value #WIDTH} characters: the bar narrows, and goes, when the
   * numbers grow.
   */
  String line(long now) {
    int d = done.get();
    int t = total;
    double secs = Math.max(1e-9, (now - start) / 1e9);
    double rate = d / secs;
    String eta = d == 0 || rate <= 0 ? "--" : duration((t - d) / rate);
    int pct = t == 0 ? 100 : (int) (100L * d / t);
    if (!terminal) {
      return String.format(
          Locale.ROOT,
          "%d/%d rows %3d%%  %.1f rows/s  written %d  skipped %d  failed %d  ETA %s",
          d,
          t,
          pct,
          rate,
          written.get(),
          skipped.get(),
          failed.get(),
          eta);
    }
    String text =
        String.format(
            Locale.ROOT,
            "%d/%d %3d%%  %.1f/s  ok %d  skip %d  fail %d  ETA %s",
            d,
            t,
            pct,
            rate,
            written.get(),
            skipped.get(),
            failed.get(),
            eta);
    int bar = Math.min(BAR_WIDTH, WIDTH - text.length() - 3);
    if (bar < 5) {
      return text.length() <= WIDTH ? text : text.substring(0, WIDTH);
    }
    int filled = t == 0 ? bar : (int) ((long) bar * d / t);
    return "[" + "#".repeat(filled) + "-".repeat(bar - filled) + "] " + text;
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
