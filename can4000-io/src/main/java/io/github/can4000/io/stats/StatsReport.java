package io.github.can4000.io.stats;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.github.can4000.io.internal.CsvFiles;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics made by {@link DatasetStats}. Immutable.
 *
 * <p>{@link #writeCsv} writes them in long form, one value per line, {@value #CSV_HEADER}:
 *
 * <ul>
 *   <li>{@code summary}: keys {@code rows}, {@code urls}, {@code rows_with_outcome}
 *   <li>{@code label}, {@code host}, {@code tld}: one key per label, host or domain, with the
 *       metrics {@code rows}, {@code succeeded}, {@code skipped}, {@code failed}, {@code unknown}
 *   <li>{@code reason}: one key per reason a row did not succeed, metric {@code rows}
 *   <li>{@code crop_width}, {@code crop_height}, {@code source_width}, {@code source_height}: key
 *       {@code px}, metrics {@code count}, {@code min}, {@code p5}, {@code p25}, {@code median},
 *       {@code p75}, {@code p95}, {@code max}
 * </ul>
 */
public final class StatsReport {
  /** The CSV header. */
  public static final String CSV_HEADER = "section,key,metric,value";

  private static final CsvMapper MAPPER =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  private final int rows;
  private final int urls;
  private final int rowsWithOutcome;
  private final Map<String, Counts> byLabel;
  private final Map<String, Counts> byHost;
  private final Map<String, Counts> byTld;
  private final Map<String, Integer> reasons;
  private final Distribution cropWidth;
  private final Distribution cropHeight;
  private final Distribution sourceWidth;
  private final Distribution sourceHeight;

  StatsReport(
      int rows,
      int urls,
      int rowsWithOutcome,
      Map<String, Counts> byLabel,
      Map<String, Counts> byHost,
      Map<String, Counts> byTld,
      Map<String, Integer> reasons,
      Distribution cropWidth,
      Distribution cropHeight,
      Distribution sourceWidth,
      Distribution sourceHeight) {
    this.rows = rows;
    this.urls = urls;
    this.rowsWithOutcome = rowsWithOutcome;
    this.byLabel = Collections.unmodifiableMap(new TreeMap<>(byLabel));
    this.byHost = Collections.unmodifiableMap(new TreeMap<>(byHost));
    this.byTld = Collections.unmodifiableMap(new TreeMap<>(byTld));
    this.reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
    this.cropWidth = cropWidth;
    this.cropHeight = cropHeight;
    this.sourceWidth = sourceWidth;
    this.sourceHeight = sourceHeight;
  }

  /** Returns the number of manifest rows. */
  public int rows() {
    return rows;
  }

  /** Returns the number of distinct URLs. */
  public int urls() {
    return urls;
  }

  /** Returns the number of rows matched to an outcome. */
  public int rowsWithOutcome() {
    return rowsWithOutcome;
  }

  /** Returns the counts per label, sorted by label. */
  public Map<String, Counts> byLabel() {
    return byLabel;
  }

  /** Returns the counts per host, sorted by host. */
  public Map<String, Counts> byHost() {
    return byHost;
  }

  /** Returns the counts per host, largest first, then by host; at most {@code n}. */
  public Map<String, Counts> topHosts(int n) {
    Map<String, Counts> m = new LinkedHashMap<>();
    byHost.entrySet().stream()
        .sorted(
            Comparator.comparingInt((Map.Entry<String, Counts> e) -> -e.getValue().rows())
                .thenComparing(Map.Entry::getKey))
        .limit(n)
        .forEach(e -> m.put(e.getKey(), e.getValue()));
    return Collections.unmodifiableMap(m);
  }

  /** Returns the counts per top-level domain, sorted by domain. */
  public Map<String, Counts> byTld() {
    return byTld;
  }

  /**
   * Returns the number of rows per reason, for rows that did not succeed, sorted by reason name.
   */
  public Map<String, Integer> failureReasons() {
    return reasons;
  }

  /** Returns the distribution of crop widths of the rows that succeeded. */
  public Distribution cropWidth() {
    return cropWidth;
  }

  /** Returns the distribution of crop heights of the rows that succeeded. */
  public Distribution cropHeight() {
    return cropHeight;
  }

  /** Returns the distribution of decoded source widths. */
  public Distribution sourceWidth() {
    return sourceWidth;
  }

  /** Returns the distribution of decoded source heights. */
  public Distribution sourceHeight() {
    return sourceHeight;
  }

  /** Writes the CSV described in the class comment to {@code file} atomically. */
  public void writeCsv(Path file) throws IOException {
    CsvFiles.writeAtomically(file, this::writeCsv);
  }

  /** Writes the CSV described in the class comment to {@code out}, which is flushed, not closed. */
  public void writeCsv(Writer out) throws IOException {
    CsvLines lines = new CsvLines();
    lines.add("summary", "rows", "value", rows);
    lines.add("summary", "urls", "value", urls);
    lines.add("summary", "rows_with_outcome", "value", rowsWithOutcome);
    counts(lines, "label", byLabel);
    counts(lines, "host", byHost);
    counts(lines, "tld", byTld);
    reasons.forEach((r, n) -> lines.add("reason", r, "rows", n));
    dist(lines, "crop_width", cropWidth);
    dist(lines, "crop_height", cropHeight);
    dist(lines, "source_width", sourceWidth);
    dist(lines, "source_height", sourceHeight);
    Writer nonClosing =
        new FilterWriter(out) {
          @Override
          public void close() throws IOException {
            flush();
          }
        };
    try (SequenceWriter seq = MAPPER.writerFor(String[].class).writeValues(nonClosing)) {
      seq.write(CSV_HEADER.split(","));
      for (String[] l : lines.lines) {
        seq.write(l);
      }
    }
    out.flush();
  }

  private static void counts(CsvLines lines, String section, Map<String, Counts> m) {
    m.forEach(
        (k, c) -> {
          lines.add(section, k, "rows", c.rows());
          lines.add(section, k, "succeeded", c.succeeded());
          lines.add(section, k, "skipped", c.skipped());
          lines.add(section, k, "failed", c.failed());
          lines.add(section, k, "unknown", c.unknown());
        });
  }

  private static void dist(CsvLines lines, String section, Distribution d) {
    lines.add(section, "px", "count", d.count());
    lines.add(section, "px", "min", d.min());
    lines.add(section, "px", "p5", d.p5());
    lines.add(section, "px", "p25", d.p25());
    lines.add(section, "px", "median", d.median());
    lines.add(section, "px", "p75", d.p75());
    lines.add(section, "px", "p95", d.p95());
    lines.add(section, "px", "max", d.max());
  }

  /** Collects CSV lines. */
  private static final class CsvLines {
    final List<String[]> lines = new ArrayList<>();

    void add(String section, String key, String metric, long value) {
      lines.add(new String[] {section, key, metric, Long.toString(value)});
    }
  }

  @Override
  public String toString() {
    return "StatsReport["
        + rows
        + " rows, "
        + urls
        + " URLs, "
        + byLabel.size()
        + " labels, "
        + byHost.size()
        + " hosts, "
        + rowsWithOutcome
        + " with outcome]";
  }
}
