package io.github.can4000.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Lays out every command's {@code --help}: options grouped under headings (input, output, crops,
 * network, robustness, other) and two or three examples below. The grouping lives here, by option
 * name, so that the commands' option declarations stay flat and each option is declared once.
 */
final class HelpLayout {
  /** Section headings in the order they are printed. */
  private static final List<String> SECTIONS =
      List.of("Input", "Output", "Crops", "Network", "Robustness", "Other", "Help");

  /** Option name (or {@code command:option}) to section; options not listed go to "Other". */
  private static final Map<String, String> SECTION_OF = new LinkedHashMap<>();

  static {
    section(
        "Input",
        "--manifest",
        "--lenient",
        "--dataset",
        "--from",
        "--report",
        "--against",
        "dedupe:--lock",
        "verify:--lock",
        "split:--lock",
        "--placeholder");
    section(
        "Output",
        "--out",
        "--format",
        "--shard-size",
        "--csv",
        "--json",
        "--no-lock",
        "--lock-hash",
        "--quiet",
        "--manifests",
        "--prefix",
        "--split",
        "--names",
        "--top",
        "--size",
        "--count",
        "--columns");
    section(
        "Crops",
        "--square",
        "--margin",
        "--resize",
        "--image-format",
        "--quality",
        "--min-size",
        "--edge");
    section(
        "Network",
        "--threads",
        "--connect-timeout",
        "--read-timeout",
        "--attempt-timeout",
        "--per-host",
        "--block-private-addresses",
        "--cache",
        "--cache-size",
        "--offline",
        "--max-body-mb");
    section(
        "Robustness",
        "--retries",
        "--retry-failed",
        "download:--lock",
        "--max-pixels",
        "--decode-threads",
        "--decoder",
        "--strict",
        "--threshold");
    section("Help", "--help", "--version");
  }

  /**
   * Examples per command, shown under "Examples:": a comment line, then the command (at most 78
   * columns).
   */
  private static final Map<String, List<String>> EXAMPLES =
      Map.of(
          "inspect",
              List.of(
                  "# rows, URLs, labels and box flags of the bundled CAN4000 manifest",
                  "can4000 inspect",
                  "# a manifest of your own; list malformed lines instead of stopping",
                  "can4000 inspect --manifest my.csv --lenient"),
          "download",
              List.of(
                  "# the original layout: <label>/<no>_<label>.png, the boxes as annotated",
                  "can4000 download --out dataset",
                  "# training-sized: square with 10% context, 224x224 JPEGs",
                  "can4000 download --out d224 --square --margin 0.1 --resize 224 \\",
                  "    --image-format jpg --quality 90",
                  "# resume later, keeping the sources, with a JSON summary on stdout",
                  "can4000 download --out dataset --cache ~/can4000-cache --retry-failed --json"),
          "import",
              List.of(
                  "# a folder of <label>/*.jpg as WebDataset shards",
                  "can4000 import --from crops/ --out shards/",
                  "# one split of a tar archive",
                  "can4000 import --from train.tar --out shards/ --split train"),
          "split",
              List.of(
                  "# 80/10/10, every row of a URL on one side",
                  "can4000 split --out split.csv",
                  "# near-duplicate pictures kept together too, one manifest per split",
                  "can4000 split --lock dataset/_lock.csv --manifests splits/"),
          "dedupe",
              List.of(
                  "# near-duplicate sources across URLs",
                  "can4000 dedupe --lock dataset/_lock.csv",
                  "# crops that also appear in your validation set (contamination)",
                  "can4000 dedupe --dataset dataset --against my-validation/"),
          "verify",
              List.of(
                  "# which URLs still serve the annotated picture",
                  "can4000 verify --lock dataset/_lock.csv",
                  "# write every verdict, exit 3 if any URL changed",
                  "can4000 verify --lock dataset/_lock.csv --report verify.csv --strict"),
          "stats",
              List.of(
                  "# labels, hosts and domains of the bundled manifest",
                  "can4000 stats",
                  "# with the outcomes of dataset/_report.csv",
                  "can4000 stats --dataset dataset"),
          "thumbnails",
              List.of(
                  "# dataset-sheets/<label>.jpg, beside the dataset",
                  "can4000 thumbnails --dataset dataset",
                  "# smaller thumbnails, into a folder of your choice",
                  "can4000 thumbnails --dataset dataset --out sheets --size 96 --count 48"));

  private HelpLayout() {}

  private static void section(String name, String... options) {
    for (String o : options) {
      SECTION_OF.put(o, name);
    }
  }

  /** Applies the layout to {@code cl}'s subcommands (and theirs). */
  static void applyTo(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      String name = sub.getCommandName();
      List<String> examples = EXAMPLES.get(name);
      UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
      if (examples != null && usage.footer().length == 0) {
        List<String> footer = new ArrayList<>();
        footer.add("%nExamples:");
        examples.forEach(e -> footer.add("  " + e.replace("%", "%%")));
        usage.footer(footer.toArray(String[]::new));
      }
      if (!sub.getCommandSpec().options().isEmpty()) {
        sub.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        sub.getHelpSectionMap()
            .put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::groupedOptions);
      }
    }
  }

  /** Renders the options under their section headings. */
  static String groupedOptions(Help help) {
    CommandSpec spec = help.commandSpec();
    Map<String, List<OptionSpec>> bySection = new LinkedHashMap<>();
    SECTIONS.forEach(s -> bySection.put(s, new ArrayList<>()));
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        bySection.get(sectionOf(spec.name(), o)).add(o);
      }
    }
    StringBuilder out = new StringBuilder();
    Help.IParamLabelRenderer labels = help.createDefaultParamLabelRenderer();
    bySection.forEach(
        (section, options) -> {
          if (options.isEmpty()) {
            return;
          }
          Help.Layout layout = help.createDefaultLayout();
          options.forEach(o -> layout.addOption(o, labels));
          out.append(System.lineSeparator())
              .append(section)
              .append(" options:")
              .append(System.lineSeparator())
              .append(layout);
        });
    return out.toString();
  }

  /** Returns the section of {@code option} in {@code command}. */
  static String sectionOf(String command, OptionSpec option) {
    for (String n : option.names()) {
      String s = SECTION_OF.get(command + ":" + n);
      if (s != null) {
        return s;
      }
    }
    for (String n : option.names()) {
      String s = SECTION_OF.get(n);
      if (s != null) {
        return s;
      }
    }
    return "Other";
  }
}
