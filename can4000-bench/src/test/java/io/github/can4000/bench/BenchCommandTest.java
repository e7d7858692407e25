package io.github.can4000.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench --help} prints its usage and exits 0; an unknown option is a usage error. */
class BenchCommandTest {
  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = new CommandLine(new BenchCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void helpExitsZero() {
    for (String flag : new String[] {"--help", "-h"}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      assertThat(run(out, err, flag)).as(err.toString()).isZero();
      assertThat(out.toString()).contains("Usage: bench", "--mode");
      assertThat(err.toString()).isEmpty();
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).contains("--no-such-option").doesNotContain("\tat ");
  }
}
