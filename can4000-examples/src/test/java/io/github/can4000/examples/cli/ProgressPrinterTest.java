package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.Box;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.Reason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private final AtomicLong clock = new AtomicLong();
  private final StringWriter text = new StringWriter();

  private static Outcome outcome(int i, Reason reason) {
    return Outcome.skipped(
        ManifestEntry.of(i, "nevus", new Box(0.5, 0.5, 0.1, 0.1), "http://x/" + i), reason, "");
  }

  @Test
  void plainModePrintsEveryTenthAndEveryFiveSeconds() {
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), false, clock::get);
    p.onStart(100);
    for (int i = 0; i < 100; i++) {
      clock.addAndGet(10_000_000L); // 10 ms a row: 1 s in all, so only the tenths print
      p.onOutcome(outcome(i, i % 10 == 0 ? Reason.HTTP_STATUS : Reason.ALREADY_PRESENT));
    }
    String[] lines = text.toString().split("\n");
    assertThat(lines).hasSize(10);
    assertThat(lines[0]).startsWith("10/100 rows  10%");
    assertThat(lines[9])
        .startsWith("100/100 rows 100%")
        .contains("100.0 rows/s", "skipped 90", "failed 10", "ETA 0s");
    assertThat(text.toString()).doesNotContain("\r");

    StringWriter slow = new StringWriter();
    ProgressPrinter q = new ProgressPrinter(new PrintWriter(slow), false, clock::get);
    q.onStart(1000);
    for (int i = 0; i < 50; i++) {
      clock.addAndGet(1_000_000_000L); // 1 s a row: a line every 5 s
      q.onOutcome(outcome(i, Reason.WRITTEN));
    }
    assertThat(slow.toString().split("\n")).hasSize(10);
    assertThat(slow.toString()).contains("5/1000 rows   0%  1.0 rows/s  written 5", "ETA 16m35s");
  }

  @Test
  void terminalModeRedrawsOneLine() {
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), true, clock::get);
    p.onStart(4);
    for (int i = 0; i < 4; i++) {
      clock.addAndGet(500_000_000L);
      p.onOutcome(outcome(i, Reason.WRITTEN));
    }
    p.finish();
    String s = text.toString();
    assertThat(s).startsWith("\r[").endsWith("\n");
    assertThat(s.split("\n")).hasSize(1);
    assertThat(s).contains("[####################] 4/4 100%  2.0/s  ok 4  skip 0  fail 0  ETA 0s");
  }

  @Test
  void terminalLineFitsEightyColumnsEvenWithLargeNumbers() {
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), true, clock::get);
    p.onStart(1_234_567);
    for (int i = 0; i < 654_321; i++) {
      p.onOutcome(
          outcome(
              i,
              i % 3 == 0
                  ? Reason.HTTP_STATUS
                  : i % 3 == 1 ? Reason.ALREADY_PRESENT : Reason.WRITTEN));
      if (i == 10) {
        clock.addAndGet(3_600_000_000_000L); // an hour in: the ETA runs into days of hours
      }
    }
    String line = p.line(clock.get());
    assertThat(line.length()).as(line).isLessThanOrEqualTo(79);
    assertThat(line).contains("654321/1234567", "ok 218107", "fail 218107");
    for (String drawn : text.toString().split("\r")) {
      assertThat(drawn.length()).as(drawn).isLessThanOrEqualTo(79);
    }
  }

  @Test
  void terminalModeFollowsTheLauncherAndTheOverride() {
    assertThat(ProgressPrinter.stderrIsTerminal(null, null, true)).isTrue();
    assertThat(ProgressPrinter.stderrIsTerminal(null, "false", true))
        .isFalse(); // stdout is a tty, stderr not
    assertThat(ProgressPrinter.stderrIsTerminal(null, "true", false))
        .isTrue(); // stdout piped, stderr a tty
    assertThat(ProgressPrinter.stderrIsTerminal("plain", "true", true)).isFalse();
    assertThat(ProgressPrinter.stderrIsTerminal("bar", "false", false)).isTrue();
  }
}
