package io.github.can4000.examples.cli;

import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.io.dedupe.NearDuplicateClusters;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.lock.LockEntry;
import io.github.can4000.io.split.Leakage;
import io.github.can4000.io.split.Split;
import io.github.can4000.io.split.Splits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code split}: splits a manifest into train/val/test so that all crops of one photograph (and,
 * with {@code --lock}, of its near-duplicates) stay on one side, stratified by label.
 */
@Command(
    name = "split",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Split the manifest by source, stratified by label: every crop of one URL (and, with --lock, of "
          + "near-duplicate URLs) stays on one side. Default: train/val/test = 0.8/0.1/0.1.",
      "Writes <no,label,url,split> CSV and prints the realised fractions per label and a leakage check."
    })
final class SplitCommand implements Callable<Integer> {
  @Mixin ManifestOptions manifestOptions;
  @Spec CommandSpec spec;

  @Option(
      names = "--fractions",
      paramLabel = "F",
      split = ",",
      defaultValue = "0.8,0.1,0.1",
      description = "Fraction of rows per side, summing to 1 (default: ${DEFAULT-VALUE}).")
  List<Double> fractions;

  @Option(
      names = "--names",
      paramLabel = "NAME",
      split = ",",
      description = "Side names (default: train,val,test for three fractions, train,test for two).")
  List<String> names;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "0",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--lock",
      paramLabel = "FILE",
      description =
          "A lockfile (_lock.csv): URLs whose perceptual hashes are near are kept on one side.")
  Path lock;

  /** The note about region hashes in the lockfile, printed with the summary; null if none. */
  private String lockNote;

  @Option(
      names = "--threshold",
      paramLabel = "BITS",
      defaultValue = "" + NearDuplicates.DEFAULT_THRESHOLD,
      description =
          "Largest hash distance of near-duplicates, with --lock (default: ${DEFAULT-VALUE}).")
  int threshold;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "split.csv",
      description = "CSV to write, no,label,url,split (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--manifests",
      paramLabel = "DIR",
      description =
          "Also write one manifest per side, <DIR>/<side>.txt, to pass to download --manifest.")
  Path manifests;

  /** Splits and writes; returns 0. */
  @Override
  public Integer call() throws IOException {
    Manifest manifest = manifestOptions.load();
    List<String> sideNames = sideNames();
    Splits.Builder b = Splits.builder().seed(seed);
    try {
      for (int i = 0; i < fractions.size(); i++) {
        b.side(sideNames.get(i), fractions.get(i));
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(e.getMessage(), e);
    }
    NearDuplicateClusters clusters = null;
    if (lock != null) {
      List<LockEntry> entries = HygieneSupport.readLock(lock);
      clusters = HygieneSupport.clustersOf(entries, threshold);
      b.urlClusters(clusters.groups());
      lockNote = HygieneSupport.regionHashNote(entries);
    }
    Split split;
    try {
      split = b.build().split(manifest);
    } catch (IllegalStateException e) {
      throw new UsageException(e.getMessage(), e);
    }
    split.writeCsv(out);
    if (manifests != null) {
      for (String side : split.names()) {
        writeManifest(manifests.resolve(side + ".txt"), split.get(side));
      }
    }
    print(split, clusters);
    return 0;
  }

  private List<String> sideNames() {
    if (names != null) {
      if (names.size() != fractions.size()) {
        throw new UsageException(
            "--names gives " + names.size() + " names for " + fractions.size() + " fractions");
      }
      return names;
    }
    if (fractions.size() == 3) {
      return Splits.TRAIN_VAL_TEST;
    }
    if (fractions.size() == 2) {
      return List.of("train", "test");
    }
    List<String> n = new ArrayList<>();
    for (int i = 0; i < fractions.size(); i++) {
      n.add("split" + i);
    }
    return n;
  }

  private void print(Split split, NearDuplicateClusters clusters) {
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "manifest: %s, %,d rows, %,d URLs, seed %d%n",
        split.manifest().source(),
        split.manifest().size(),
        split.manifest().distinctUrls().size(),
        split.seed());
    if (clusters != null) {
      o.printf(
          Locale.ROOT,
          "near-duplicates: %,d clusters joining %,d URLs (threshold %d bits)%n",
          clusters.clusters().size(),
          clusters.duplicatedKeyCount(),
          clusters.threshold());
      if (lockNote != null) {
        o.println(lockNote);
      }
    }
    int width =
        Math.max(5, split.manifest().labels().stream().mapToInt(String::length).max().orElse(0));
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "side"));
    for (String s : split.names()) {
      head.append(String.format(Locale.ROOT, "  %14s", s));
    }
    o.println(head);
    StringBuilder all = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "(all)"));
    for (String s : split.names()) {
      all.append(
          String.format(
              Locale.ROOT, "  %6d %6.1f%%", split.counts().get(s), 100 * split.fractions().get(s)));
    }
    o.println(all);
    Map<String, Map<String, Integer>> counts = split.countsByLabel();
    split
        .fractionsByLabel()
        .forEach(
            (label, f) -> {
              StringBuilder row =
                  new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", label));
              for (String s : split.names()) {
                row.append(
                    String.format(
                        Locale.ROOT, "  %6d %6.1f%%", counts.get(label).get(s), 100 * f.get(s)));
              }
              o.println(row);
            });
    StringBuilder req =
        new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "requested"));
    for (String s : split.names()) {
      req.append(
          String.format(Locale.ROOT, "  %6s %6.1f%%", "", 100 * split.requestedFractions().get(s)));
    }
    o.println(req);
    Leakage l = split.leakage();
    o.printf(
        Locale.ROOT,
        "leakage: %d URLs, %d clusters, %d rows cross sides%s%n",
        l.urlsCrossing(),
        l.clustersCrossing(),
        l.rowsCrossing(),
        l.isClean() ? " (none)" : "");
    o.println(
        "wrote "
            + out
            + (manifests != null
                ? " and " + split.names().size() + " manifests in " + manifests
                : ""));
    o.flush();
  }

  /** Writes a manifest in the 7-column format, readable by {@link Manifest#parse(Path)}. */
  static void writeManifest(Path file, Manifest m) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("## " + m.size() + " rows of " + m.source() + "\n");
      w.write("## no label x_center y_center width height url\n");
      for (ManifestEntry e : m.entries()) {
        w.write(
            String.format(
                Locale.ROOT,
                "%05d %s %s %s %s %s %s%n",
                e.id(),
                e.label(),
                num(e.box().x()),
                num(e.box().y()),
                num(e.box().width()),
                num(e.box().height()),
                e.url()));
      }
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
