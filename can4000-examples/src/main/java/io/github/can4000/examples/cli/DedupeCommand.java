package io.github.can4000.examples.cli;

import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.io.dedupe.HashedFolder;
import io.github.can4000.io.dedupe.Match;
import io.github.can4000.io.dedupe.NearDuplicateClusters;
import io.github.can4000.io.dedupe.NearDuplicateClusters.Cluster;
import io.github.can4000.io.dedupe.NearDuplicates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dedupe}: finds near-duplicate pictures by perceptual hash: among the source URLs of a
 * lockfile, among the crops of a downloaded folder, or between a downloaded folder and a validation
 * folder (contamination).
 */
@Command(
    name = "dedupe",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Find near-duplicate pictures with a 64-bit perceptual hash (pHash) and Hamming distance.",
      "--lock FILE clusters the source URLs of a lockfile (download --out DIR writes DIR/_lock.csv); --dataset DIR "
          + "clusters the crops of a downloaded folder and reports clusters spanning several URLs; --dataset DIR "
          + "--against VAL lists crops that are near-duplicates of images in VAL/<label>/.",
      "Writes the clusters or matches as CSV (--csv) and prints a summary."
    })
final class DedupeCommand implements Callable<Integer> {
  private static final int MAX_SHOWN = 20;

  @Mixin ManifestOptions manifestOptions;
  @Spec CommandSpec spec;

  @Option(
      names = "--lock",
      paramLabel = "FILE",
      description = "Lockfile whose source hashes to cluster.")
  Path lock;

  @Option(
      names = "--dataset",
      paramLabel = "DIR",
      description = "Downloaded folder, <DIR>/<label>/<no>_<label>.png.")
  Path out;

  /**
   * The old spelling of {@code --dataset}, which named the input here: hidden, kept for scripts.
   */
  @Option(names = "--out", paramLabel = "DIR", hidden = true)
  void deprecatedOut(Path dir) {
    out = dir;
  }

  @Option(
      names = "--against",
      paramLabel = "DIR",
      description =
          "A validation folder, <DIR>/<label>/<image>: list crops of --dataset near its images.")
  Path against;

  @Option(
      names = "--threshold",
      paramLabel = "BITS",
      defaultValue = "" + NearDuplicates.DEFAULT_THRESHOLD,
      description =
          "Largest Hamming distance of near-duplicates, 0-63 (default: ${DEFAULT-VALUE}).")
  int threshold;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "CSV to write (default: dedupe.csv, or contamination.csv with --against).")
  Path csv;

  private final Components components;

  /** Creates the command with the real decoder. */
  DedupeCommand() {
    this(StandardComponents.INSTANCE);
  }

  /** Creates the command with the given components (tests). */
  DedupeCommand(Components components) {
    this.components = components;
  }

  /** Runs; returns 0. */
  @Override
  public Integer call() throws IOException {
    HygieneSupport.checkThreshold(threshold);
    if ((lock == null) == (out == null)) {
      throw new UsageException("give either --lock FILE or --dataset DIR");
    }
    if (against != null && out == null) {
      throw new UsageException("--against needs --dataset DIR");
    }
    if (lock != null) {
      return lockClusters();
    }
    HygieneSupport.requireFolder(out, "--dataset");
    if (against != null) {
      HygieneSupport.requireFolder(against, "--against");
      return contamination();
    }
    return folderClusters();
  }

  private int lockClusters() throws IOException {
    var entries = HygieneSupport.readLock(lock);
    NearDuplicateClusters c = HygieneSupport.clustersOf(entries, threshold);
    PrintWriter o = spec.commandLine().getOut();
    long hashed = entries.stream().filter(e -> e.phash().isPresent()).count();
    o.printf(Locale.ROOT, "%,d URLs in %s, %,d with a hash%n", entries.size(), lock, hashed);
    String note = HygieneSupport.regionHashNote(entries);
    if (note != null) {
      o.println(note);
    }
    o.printf(
        Locale.ROOT,
        "%,d clusters of near-duplicate URLs (threshold %d bits), %,d URLs in them%n",
        c.clusters().size(),
        threshold,
        c.duplicatedKeyCount());
    printClusters(o, c, null);
    Path file = csv != null ? csv : Path.of("dedupe.csv");
    writeClusters(file, c, null);
    o.println("wrote " + file);
    o.flush();
    return 0;
  }

  private int folderClusters() throws IOException {
    Manifest manifest = manifestOptions.load();
    HashedFolder h = NearDuplicates.hashFolder(out, components.decoder());
    NearDuplicateClusters c = NearDuplicates.cluster(h.hashes(), threshold);
    Map<Integer, String> urlOf = new HashMap<>();
    for (ManifestEntry e : manifest.entries()) {
      urlOf.put(e.id(), e.url());
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "%,d crops hashed in %s, %,d unreadable%n",
        h.hashes().size(),
        out,
        h.unreadable().size());
    long spanning = c.clusters().stream().filter(cl -> urls(cl, urlOf).size() > 1).count();
    o.printf(
        Locale.ROOT,
        "%,d clusters of near-duplicate crops (threshold %d bits), %,d of them spanning several URLs%n",
        c.clusters().size(),
        threshold,
        spanning);
    printClusters(o, c, urlOf);
    Path file = csv != null ? csv : Path.of("dedupe.csv");
    writeClusters(file, c, urlOf);
    o.println("wrote " + file);
    o.flush();
    return 0;
  }

  private int contamination() throws IOException {
    HashedFolder train = NearDuplicates.hashFolder(out, components.decoder());
    HashedFolder val = NearDuplicates.hashFolder(against, components.decoder());
    List<Match> matches = NearDuplicates.contamination(train.hashes(), val.hashes(), threshold);
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "%,d crops in %s against %,d images in %s (threshold %d bits)%n",
        train.hashes().size(),
        out,
        val.hashes().size(),
        against,
        threshold);
    long crops = matches.stream().map(Match::key).distinct().count();
    o.printf(
        Locale.ROOT,
        "%,d crops are near-duplicates of validation images (%,d pairs)%n",
        crops,
        matches.size());
    int shown = 0;
    for (Match m : matches) {
      if (shown++ == MAX_SHOWN) {
        o.printf(Locale.ROOT, "  ... and %,d more%n", matches.size() - MAX_SHOWN);
        break;
      }
      o.printf(Locale.ROOT, "  %s ~ %s (distance %d)%n", m.key(), m.reference(), m.distance());
    }
    Path file = csv != null ? csv : Path.of("contamination.csv");
    HygieneSupport.writeCsv(
        file,
        "key,reference,distance",
        matches.stream()
            .map(m -> new String[] {m.key(), m.reference(), Integer.toString(m.distance())})
            .toList());
    o.println("wrote " + file);
    o.flush();
    return 0;
  }

  private static Set<String> urls(Cluster c, Map<Integer, String> urlOf) {
    Set<String> urls = new TreeSet<>();
    for (String key : c.keys()) {
      urls.add(urlOfKey(key, urlOf));
    }
    return urls;
  }

  private static String urlOfKey(String key, Map<Integer, String> urlOf) {
    int no = HygieneSupport.rowNumber(key.substring(key.indexOf('/') + 1));
    String url = no < 0 ? null : urlOf.get(no);
    return url == null ? "?" : url;
  }

  private static void printClusters(
      PrintWriter o, NearDuplicateClusters c, Map<Integer, String> urlOf) {
    int shown = 0;
    for (Cluster cl : c.clusters()) {
      if (urlOf != null && urls(cl, urlOf).size() < 2) {
        continue;
      }
      if (shown++ == MAX_SHOWN) {
        o.println("  ...");
        break;
      }
      o.printf(Locale.ROOT, "  %d members, max distance %d:%n", cl.keys().size(), cl.maxDistance());
      for (String k : cl.keys()) {
        o.println("    " + k + (urlOf == null ? "" : "  " + urlOfKey(k, urlOf)));
      }
    }
  }

  private static void writeClusters(Path file, NearDuplicateClusters c, Map<Integer, String> urlOf)
      throws IOException {
    List<String[]> rows = new ArrayList<>();
    int n = 0;
    for (Cluster cl : c.clusters()) {
      n++;
      for (String k : cl.keys()) {
        rows.add(
            urlOf == null
                ? new String[] {
                  Integer.toString(n),
                  Integer.toString(cl.keys().size()),
                  Integer.toString(cl.maxDistance()),
                  k
                }
                : new String[] {
                  Integer.toString(n),
                  Integer.toString(cl.keys().size()),
                  Integer.toString(cl.maxDistance()),
                  k,
                  urlOfKey(k, urlOf)
                });
      }
    }
    HygieneSupport.writeCsv(
        file,
        urlOf == null ? "cluster,size,max_distance,url" : "cluster,size,max_distance,file,url",
        rows);
  }
}
