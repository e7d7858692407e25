package io.github.can4000.examples.cli;

import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.Reason;
import io.github.can4000.Status;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.report.ReportRow;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For {@code download --retry-failed}: keeps the previous report's rows that failed or were skipped
 * for a reason that will not change ({@link Reason#isTransient()} false, e.g. {@code NOT_AN_IMAGE},
 * {@code BAD_BOX}) and runs all others again; rows already written cost no fetch, as the sink holds
 * them.
 */
final class RetrySelection {
  /** A manifest row is matched with a report row by its number and URL. */
  private record Key(int no, String url) {}

  private final Map<Key, ReportRow> kept;

  private RetrySelection(Map<Key, ReportRow> kept) {
    this.kept = kept;
  }

  /**
   * Reads the previous report.
   *
   * @throws UsageException if it is missing or malformed
   */
  static RetrySelection read(Path reportFile) {
    List<ReportRow> previous;
    try {
      previous = ReportCsv.read(reportFile);
    } catch (NoSuchFileException e) {
      throw new UsageException(
          "--retry-failed needs the report of an earlier run, "
              + reportFile
              + ", which does not exist",
          e);
    } catch (IOException e) {
      throw new UsageException("cannot read the earlier report: " + e.getMessage(), e);
    }
    Map<Key, ReportRow> kept = new HashMap<>();
    for (ReportRow r : previous) {
      boolean settled =
          (r.status() == Status.FAILED || r.status() == Status.SKIPPED)
              && r.reason() != Reason.ALREADY_PRESENT
              && !r.isTransient();
      if (settled) {
        kept.put(new Key(r.no(), r.url()), r);
      }
    }
    return new RetrySelection(kept);
  }

  /** Returns the number of manifest rows that are not run again. */
  int keptCount(Manifest manifest) {
    int n = 0;
    for (ManifestEntry e : manifest.entries()) {
      if (kept.containsKey(key(e))) {
        n++;
      }
    }
    return n;
  }

  /** Returns the manifest of the rows to run again. */
  Manifest toRun(Manifest manifest) {
    List<ManifestEntry> run = new ArrayList<>();
    for (ManifestEntry e : manifest.entries()) {
      if (!kept.containsKey(key(e))) {
        run.add(e);
      }
    }
    return manifest.withEntries(run);
  }

  /**
   * Returns one report row per row of {@code manifest}, in its order: the new outcome of a row that
   * was run again, else its previous row.
   */
  List<ReportRow> merge(Manifest manifest, List<Outcome> outcomes) {
    Map<Key, Outcome> fresh = new HashMap<>();
    for (Outcome o : outcomes) {
      fresh.put(key(o.entry()), o);
    }
    List<ReportRow> rows = new ArrayList<>(manifest.size());
    for (ManifestEntry e : manifest.entries()) {
      Outcome o = fresh.get(key(e));
      rows.add(o != null ? ReportRow.of(o) : kept.get(key(e)));
    }
    return rows;
  }

  private static Key key(ManifestEntry e) {
    return new Key(e.id(), e.url());
  }
}
