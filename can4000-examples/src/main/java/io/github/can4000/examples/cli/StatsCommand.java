package io.github.can4000.examples.cli;

import io.github.can4000.Manifest;
import io.github.can4000.Outcome;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.stats.Counts;
import io.github.can4000.io.stats.DatasetStats;
import io.github.can4000.io.stats.Distribution;
import io.github.can4000.io.stats.StatsReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stats}: rows and outcomes per label, host and top-level domain, crop size percentiles and
 * failure reasons, from a manifest and optionally a download's {@code _report.csv}.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Print and write statistics: rows and outcomes per label, per host and per top-level domain, crop and "
          + "source size percentiles and failure reasons.",
      "Outcomes come from --report, or from <dataset>/_report.csv with --dataset; without either, only the manifest "
          + "is described."
    })
final class StatsCommand implements Callable<Integer> {
  @Mixin ManifestOptions manifestOptions;
  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      paramLabel = "DIR",
      description = "A downloaded folder; its _report.csv is read if present.")
  Path out;

  /**
   * The old spelling of {@code --dataset}, which named the input here: hidden, kept for scripts.
   */
  @Option(names = "--out", paramLabel = "DIR", hidden = true)
  void deprecatedOut(Path dir) {
    out = dir;
  }

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "A run report (_report.csv) to read.")
  Path report;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description =
          "CSV to write, section,key,metric,value (default: <dataset>/_stats.csv, or stats.csv).")
  Path csv;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "15",
      description =
          "Hosts and top-level domains to print, most rows first (default: ${DEFAULT-VALUE}; "
              + "all are in the CSV).")
  int top;

  /** Prints and writes the statistics; returns 0. */
  @Override
  public Integer call() throws IOException {
    if (top < 0) {
      throw new UsageException("--top must not be negative: " + top);
    }
    Manifest manifest = manifestOptions.load();
    Path reportFile = report;
    if (reportFile == null && out != null) {
      HygieneSupport.requireFolder(out, "--dataset");
      Path r = out.resolve(ReportCsv.FILE_NAME);
      reportFile = Files.exists(r) ? r : null;
    }
    List<Outcome> outcomes =
        reportFile == null ? List.of() : HygieneSupport.readReport(reportFile, manifest);
    StatsReport s = DatasetStats.of(manifest, outcomes);
    Path file = csv != null ? csv : out != null ? out.resolve("_stats.csv") : Path.of("stats.csv");
    s.writeCsv(file);

    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "manifest: %s, %,d rows, %,d URLs, %,d hosts%n",
        manifest.source(),
        s.rows(),
        s.urls(),
        s.byHost().size());
    o.println(
        reportFile == null
            ? "report: none (outcomes unknown)"
            : String.format(
                Locale.ROOT, "report: %s, %,d rows matched", reportFile, s.rowsWithOutcome()));
    table(o, "label", s.byLabel());
    table(o, "host (top " + top + ")", s.topHosts(top));
    table(o, "domain (top " + top + ")", top(s.byTld(), top));
    if (!s.failureReasons().isEmpty()) {
      o.println();
      o.println("reasons rows did not succeed:");
      s.failureReasons().forEach((r, n) -> o.printf(Locale.ROOT, "  %-20s %,8d%n", r, n));
    }
    if (s.cropWidth().count() > 0 || s.sourceWidth().count() > 0) {
      o.println();
      o.printf(
          Locale.ROOT,
          "%-14s %7s %6s %6s %6s %6s %6s %6s %6s%n",
          "pixels",
          "count",
          "min",
          "p5",
          "p25",
          "median",
          "p75",
          "p95",
          "max");
      dist(o, "crop width", s.cropWidth());
      dist(o, "crop height", s.cropHeight());
      dist(o, "source width", s.sourceWidth());
      dist(o, "source height", s.sourceHeight());
    }
    o.println();
    o.println("wrote " + file);
    o.flush();
    return 0;
  }

  private static Map<String, Counts> top(Map<String, Counts> all, int n) {
    Map<String, Counts> m = new LinkedHashMap<>();
    all.entrySet().stream()
        .sorted(
            Comparator.comparingInt((Map.Entry<String, Counts> e) -> -e.getValue().rows())
                .thenComparing(Map.Entry::getKey))
        .limit(n)
        .forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  private static void table(PrintWriter o, String title, Map<String, Counts> rows) {
    int width =
        Math.max(title.length(), rows.keySet().stream().mapToInt(String::length).max().orElse(0));
    o.println();
    o.printf(
        Locale.ROOT,
        "%-" + width + "s %8s %9s %8s %8s %8s %8s%n",
        title,
        "rows",
        "succeeded",
        "skipped",
        "failed",
        "unknown",
        "success");
    rows.forEach(
        (k, c) ->
            o.printf(
                Locale.ROOT,
                "%-" + width + "s %,8d %,9d %,8d %,8d %,8d %8s%n",
                k,
                c.rows(),
                c.succeeded(),
                c.skipped(),
                c.failed(),
                c.unknown(),
                Double.isNaN(c.successRate())
                    ? "-"
                    : String.format(Locale.ROOT, "%.1f%%", 100 * c.successRate())));
  }

  private static void dist(PrintWriter o, String name, Distribution d) {
    o.printf(
        Locale.ROOT,
        "%-14s %,7d %6d %6d %6d %6d %6d %6d %6d%n",
        name,
        d.count(),
        d.min(),
        d.p5(),
        d.p25(),
        d.median(),
        d.p75(),
        d.p95(),
        d.max());
  }
}
