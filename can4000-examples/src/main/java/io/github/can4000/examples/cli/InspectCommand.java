package io.github.can4000.examples.cli;

import io.github.can4000.BoxFlag;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestProblem;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code inspect}: parses a manifest without fetching anything and prints what it holds. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Parse a manifest without fetching and print rows, labels, distinct URLs and box flags.")
final class InspectCommand implements Callable<Integer> {
  private static final int MAX_PROBLEMS_SHOWN = 20;

  @Mixin ManifestOptions manifestOptions;
  @Spec CommandSpec spec;

  /** Prints the summary; returns 0. */
  @Override
  public Integer call() {
    Manifest m = manifestOptions.load();
    PrintWriter out = spec.commandLine().getOut();
    out.println("manifest:       " + m.source());
    out.println("rows:           " + n(m.size()));
    out.println("distinct URLs:  " + n(m.distinctUrls().size()));
    Map<String, Integer> labels = m.labelCounts();
    out.println("labels:         " + n(labels.size()));
    int width = labels.keySet().stream().mapToInt(String::length).max().orElse(0);
    for (Map.Entry<String, Integer> e : labels.entrySet()) {
      out.printf(Locale.ROOT, "  %-" + width + "s  %8s%n", e.getKey(), n(e.getValue()));
    }
    out.println("box flags:");
    Map<BoxFlag, Integer> flags = m.flagCounts();
    for (BoxFlag f : BoxFlag.values()) {
      out.printf(
          Locale.ROOT,
          "  %-17s  %8s%s%n",
          f,
          n(flags.getOrDefault(f, 0)),
          f.isFatal() ? "  (cannot be cropped)" : "");
    }
    if (manifestOptions.lenient) {
      out.println("problems:       " + n(m.problems().size()));
      int shown = 0;
      for (ManifestProblem p : m.problems()) {
        if (shown++ == MAX_PROBLEMS_SHOWN) {
          out.println("  ... and " + n(m.problems().size() - MAX_PROBLEMS_SHOWN) + " more");
          break;
        }
        out.println("  " + p);
      }
    }
    out.flush();
    return 0;
  }

  private static String n(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
