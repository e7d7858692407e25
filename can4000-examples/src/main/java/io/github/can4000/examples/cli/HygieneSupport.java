package io.github.can4000.examples.cli;

import io.github.can4000.Box;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.io.dedupe.NearDuplicateClusters;
import io.github.can4000.io.lock.LockEntry;
import io.github.can4000.io.lock.Lockfiles;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.report.ReportRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** File reading shared by the hygiene commands, turning bad input into {@link UsageException}s. */
final class HygieneSupport {
  private HygieneSupport() {}

  /** Reads a lockfile. */
  static List<LockEntry> readLock(Path file) {
    try {
      return Lockfiles.read(file);
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read lockfile " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UsageException("cannot read lockfile: " + e.getMessage(), e);
    }
  }

  /**
   * Clusters the URLs of a lockfile by perceptual hash ({@link Lockfiles#clusters}); URLs without a
   * hash are left out, and hashes of different parts of pictures are not compared.
   */
  static NearDuplicateClusters clustersOf(List<LockEntry> lock, int threshold) {
    checkThreshold(threshold);
    return Lockfiles.clusters(lock, threshold);
  }

  /**
   * Returns a note for lockfiles with region hashes, which are compared only with hashes of the
   * same part, or null if every hash covers its whole picture.
   */
  static String regionHashNote(List<LockEntry> lock) {
    long regions =
        lock.stream().filter(e -> e.phash().isPresent() && !e.hashesWholeImage()).count();
    if (regions == 0) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "note: %,d URLs were hashed by the region their boxes need (download"
            + " reads only that region); they are compared only with URLs hashed over the same part of the picture."
            + " To compare whole pictures, download with --lock-hash whole.",
        regions);
  }

  /** Checks a {@code --threshold}. */
  static void checkThreshold(int threshold) {
    if (threshold < 0 || threshold > 63) {
      throw new UsageException("--threshold must be between 0 and 63 bits: " + threshold);
    }
  }

  /**
   * Reads a run report and turns its rows into outcomes, joined to the manifest rows by number (a
   * row that is not in the manifest keeps the report's label and URL).
   */
  static List<Outcome> readReport(Path file, Manifest manifest) {
    List<ReportRow> rows;
    try {
      rows = ReportCsv.read(file);
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read report " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UsageException("cannot read report: " + e.getMessage(), e);
    }
    Map<Integer, ManifestEntry> byId = new HashMap<>();
    for (ManifestEntry e : manifest.entries()) {
      byId.put(e.id(), e);
    }
    List<Outcome> out = new ArrayList<>(rows.size());
    for (ReportRow r : rows) {
      ManifestEntry entry = byId.get(r.no());
      if (entry == null) {
        entry =
            ManifestEntry.of(
                r.no(),
                r.label(),
                new Box(Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                r.url());
      }
      out.add(
          new Outcome(
              entry,
              r.reason(),
              r.detail(),
              r.httpStatus(),
              r.attempts(),
              r.sourceWidth(),
              r.sourceHeight(),
              r.rect(),
              r.outputWidth(),
              r.outputHeight(),
              Set.of(),
              r.ms()));
    }
    return out;
  }

  /** Checks that {@code dir} is an existing folder. */
  static void requireFolder(Path dir, String option) {
    if (!Files.isDirectory(dir)) {
      throw new UsageException(option + " " + dir + " is not a folder");
    }
  }

  /**
   * Returns the manifest row number of a crop file {@code <no>_<label>.png}, or -1 if its name does
   * not start with digits and an underscore.
   */
  static int rowNumber(String fileName) {
    int us = fileName.indexOf('_');
    if (us <= 0) {
      return -1;
    }
    String head = fileName.substring(0, us);
    if (!head.chars().allMatch(Character::isDigit) || head.length() > 9) {
      return -1;
    }
    return Integer.parseInt(head);
  }

  /** Writes a small CSV, quoting fields that need it. */
  static void writeCsv(Path file, String header, List<String[]> rows) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(header);
      w.write('\n');
      for (String[] r : rows) {
        for (int i = 0; i < r.length; i++) {
          if (i > 0) {
            w.write(',');
          }
          w.write(quote(r[i]));
        }
        w.write('\n');
      }
    }
  }

  private static String quote(String v) {
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }
}
