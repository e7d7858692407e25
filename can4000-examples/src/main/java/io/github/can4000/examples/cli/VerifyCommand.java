package io.github.can4000.examples.cli;

import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.lock.LockEntry;
import io.github.can4000.io.lock.Lockfiles;
import io.github.can4000.io.lock.Verdict;
import io.github.can4000.io.lock.Verification;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: fetches every URL of a lockfile again and says whether it still serves the locked
 * picture: IDENTICAL, REENCODED, CHANGED, GONE, PLACEHOLDER, or UNREACHABLE (try again later).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Fetch the URLs of a lockfile (download writes <out>/_lock.csv) again and say if each still serves "
          + "its picture.",
      "Verdicts: IDENTICAL (same bytes), REENCODED (same picture), CHANGED, GONE (404/410/DNS/refused), "
          + "PLACEHOLDER (HTML, under 1 KB, at most 32x32, known placeholder), UNREACHABLE (time-out, 5xx: "
          + "try again later).",
      "Writes one line per URL to --report and prints the counts. Exits 0, or with --strict 3 when any URL "
          + "no longer serves its picture."
    })
final class VerifyCommand implements Callable<Integer> {
  /** Exit code of {@code --strict} when a URL changed, is gone or became a placeholder. */
  static final int DIFFERENCES = 3;

  private static final int MAX_SHOWN = 20;

  @Spec CommandSpec spec;

  @Option(
      names = "--lock",
      required = true,
      paramLabel = "FILE",
      description = "The lockfile to verify.")
  Path lock;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "CSV to write, one line per URL (default: _verify.csv next to the lockfile).")
  Path report;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "8",
      description = "Fetches at once (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--threshold",
      paramLabel = "BITS",
      defaultValue = "" + NearDuplicates.DEFAULT_THRESHOLD,
      description = "Largest hash distance of the same picture (default: ${DEFAULT-VALUE}).")
  int threshold;

  @Option(
      names = "--strict",
      description = "Exit with 3 if any URL is CHANGED, GONE or PLACEHOLDER.")
  boolean strict;

  @Option(
      names = "--placeholder",
      paramLabel = "IMAGE",
      description =
          "A known \"image removed\" picture (repeatable): URLs serving it, or a copy of it, are PLACEHOLDER.")
  List<Path> placeholders;

  private final Components components;

  /** Creates the command with the real fetcher and decoder. */
  VerifyCommand() {
    this(StandardComponents.INSTANCE);
  }

  /** Creates the command with the given components (tests). */
  VerifyCommand(Components components) {
    this.components = components;
  }

  /** Verifies; returns 0, or 3 with {@code --strict} when pictures changed. */
  @Override
  public Integer call() throws IOException, InterruptedException {
    HygieneSupport.checkThreshold(threshold);
    if (threads < 1 || threads > 1024) {
      throw new UsageException("--threads must be between 1 and 1024: " + threads);
    }
    List<LockEntry> entries = HygieneSupport.readLock(lock);
    Decoder decoder = components.decoder();
    Set<String> knownSha = new HashSet<>();
    Set<Long> knownHashes = new HashSet<>();
    for (Path p : placeholders == null ? List.<Path>of() : placeholders) {
      Bytes data;
      try {
        data = Bytes.copyOf(Files.readAllBytes(p));
        knownSha.add(data.sha256());
        knownHashes.add(NearDuplicates.hash(decoder.decode(data)));
      } catch (IOException | DecodeException | IllegalArgumentException e) {
        throw new UsageException("cannot read --placeholder " + p + ": " + e.getMessage(), e);
      }
    }
    List<Verification> results;
    try (Fetcher fetcher = components.fetcher()) {
      results =
          Lockfiles.verifier()
              .fetcher(fetcher)
              .decoder(decoder)
              .threshold(threshold)
              .concurrency(threads)
              .placeholders(knownSha, knownHashes)
              .build()
              .verify(entries);
    }
    Path file = report != null ? report : lock.toAbsolutePath().resolveSibling("_verify.csv");
    Lockfiles.writeVerifications(file, results);
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      counts.put(v, 0);
    }
    results.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%,d URLs in %s%n", results.size(), lock);
    counts.forEach((v, n) -> o.printf(Locale.ROOT, "  %-12s %,8d%n", v, n));
    int shown = 0;
    for (Verification r : results) {
      if (r.isSamePicture()) {
        continue;
      }
      if (shown++ == MAX_SHOWN) {
        o.println("  ...");
        break;
      }
      o.printf(Locale.ROOT, "  %-12s %s: %s%n", r.verdict(), r.url(), r.detail());
    }
    o.println("wrote " + file);
    o.flush();
    int bad =
        counts.get(Verdict.CHANGED) + counts.get(Verdict.GONE) + counts.get(Verdict.PLACEHOLDER);
    return strict && bad > 0 ? DIFFERENCES : 0;
  }
}
