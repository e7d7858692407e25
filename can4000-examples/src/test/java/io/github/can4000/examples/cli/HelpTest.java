package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every command the command line knows, the optional ones found through {@code
 * META-INF/can4000/commands} and the stand-ins of known optional commands whose jar is missing
 * included, answers {@code --help} with exit 0 and its usage; options are grouped and the main
 * commands show examples.
 */
class HelpTest {
  @Test
  void everyRegisteredCommandAnswersHelpWithExitZero() {
    Set<String> names = Main.commandLine().getSubcommands().keySet();
    // the built-in commands, an optional command of this module's test resources and bench's
    // stand-in
    assertThat(names)
        .contains(
            "inspect",
            "download",
            "import",
            "split",
            "dedupe",
            "verify",
            "stats",
            "thumbnails",
            "help",
            "hello",
            "bench");
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
    assertThat(help)
        .contains(
            "Input options:",
            "Output options:",
            "Crops options:",
            "Network options:",
            "Robustness options:",
            "Examples:");
    // each option once in the list, under its heading
    assertThat(listed(help, "--manifest"))
        .isBetween(help.indexOf("Input options:"), help.indexOf("Output options:"));
    assertThat(listed(help, "--resize"))
        .isBetween(help.indexOf("Crops options:"), help.indexOf("Network options:"));
    assertThat(listed(help, "--connect-timeout"))
        .isBetween(help.indexOf("Network options:"), help.indexOf("Robustness options:"));
    assertThat(listed(help, "--retries"))
        .isBetween(help.indexOf("Robustness options:"), help.indexOf("Examples:"));
    assertThat(help.split("\n      --connect-timeout", -1)).hasSize(2);
    assertThat(help).contains("can4000 download --out d224 --square --margin 0.1 --resize 224");
    // nothing wraps on an 80-column terminal
    assertThat(help.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
  }

  /** Where {@code option} is listed (not where the synopsis names it). */
  private static int listed(String help, String option) {
    int i = help.indexOf("\n      " + option);
    return i >= 0 ? i : help.indexOf(", " + option);
  }

  @Test
  void everyBuiltInCommandShowsTwoOrThreeExamples() {
    for (String name :
        new String[] {
          "inspect", "download", "import", "split", "dedupe", "verify", "stats", "thumbnails"
        }) {
      String help = Cli.run(name, "--help").out();
      assertThat(help).as(name).contains("Examples:");
      long examples =
          help.substring(help.indexOf("Examples:"))
              .lines()
              .filter(l -> l.startsWith("  can4000 "))
              .count();
      assertThat(examples).as(name).isBetween(2L, 3L);
      assertThat(help.lines())
          .as(name)
          .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
      // hidden aliases stay hidden
      if (name.equals("stats") || name.equals("dedupe")) {
        assertThat(help).as(name).contains("--dataset=DIR").doesNotContain("--out=");
      }
    }
  }
}
