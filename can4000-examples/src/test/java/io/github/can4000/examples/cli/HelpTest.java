package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every command the command line knows, the optional ones found through
 * {@code META-INF/can4000/commands} and the stand-ins of known optional commands whose jar is
 * missing included, answers {@code --help} with exit 0 and its usage; options are grouped and the
 * main commands show examples.
 */
class HelpTest {
  @Test
  void everyRegisteredCommandAnswersHelpWithExitZero() {
    Set<String> names = Main.commandLine().getSubcommands().keySet();
    // the built-in commands, an optional command of this module's test resources and bench's stand-in
    assertThat(names).contains("inspect", "download", "import", "split", "dedupe", "verify", "stats", "thumbnails",
        "help", "hello", "bench");
    for (String name : names) {
      for (String flag : new String[] {"--help", "-h"}) {
        Cli.Result r = Cli.run(name, flag);
        assertThat(r.code()).as(name + " " + flag + ": " + r.err()).isZero();
        assertThat(r.out()).as(name).contains("Usage: can4000 " + name);
        assertThat(r.err()).as(name).isEmpty();
      }
    }
    assertThat(Cli.run("--help").code()).isZero();
    assertThat(Cli.run("help", "download").out()).contains("Usage: can4000 download");
  }

  @Test
  void downloadHelpGroupsOptionsAndShowsExamples() {
    String help = Cli.run("download", "--help").out();
    assertThat(help).contains("Input options:", "Output options:", "Crops options:", "Network options:",
        "Robustness options:", "Examples:");
    // each option once, under its heading
    assertThat(help.indexOf("--manifest")).isBetween(help.indexOf("Input options:"), help.indexOf("Output options:"));
    assertThat(help.indexOf("--resize")).isBetween(help.indexOf("Crops options:"), help.indexOf("Network options:"));
    assertThat(help.indexOf("--connect-timeout"))
        .isBetween(help.indexOf("Network options:"), help.indexOf("Robustness options:"));
    assertThat(help.indexOf("--retries")).isBetween(help.indexOf("Robustness options:"), help.indexOf("Examples:"));
    assertThat(help.split("--connect-timeout", -1)).hasSize(2);
    assertThat(help).contains("can4000 download --out dataset224 --square --margin 0.1 --resize 224");
  }

  @Test
  void everyBuiltInCommandShowsTwoOrThreeExamples() {
    for (String name : new String[] {"inspect", "download", "import", "split", "dedupe", "verify", "stats",
        "thumbnails"}) {
      String help = Cli.run(name, "--help").out();
      assertThat(help).as(name).contains("Examples:");
      long examples = help.substring(help.indexOf("Examples:")).lines().filter(l -> l.startsWith("  can4000 "))
          .count();
      assertThat(examples).as(name).isBetween(2L, 3L);
      // hidden aliases stay hidden
      if (name.equals("stats") || name.equals("dedupe")) {
        assertThat(help).as(name).contains("--dataset").doesNotContain("--out");
      }
    }
  }
}
