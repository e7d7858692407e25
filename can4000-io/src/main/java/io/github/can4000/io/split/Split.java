package io.github.can4000.io.split;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.io.internal.CsvFiles;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The result of {@link Splitter#split(Manifest)}: the side of every row, a manifest view per side,
 * the realised fractions (overall and per label) and a {@link Leakage} check. Immutable.
 *
 * <pre>{@code
 * Manifest train = split.get("train");
 * split.fractionsByLabel().get("malignantmelanoma").get("val");   // e.g. 0.1000
 * }</pre>
 */
public final class Split {
  /** The CSV header written by {@link #writeCsv}. */
  public static final String CSV_HEADER = "no,label,url,split";

  /** Quotes only values that need it (Jackson otherwise quotes every long value). */
  private static final CsvMapper MAPPER =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  private final Manifest manifest;
  private final List<String> names;
  private final Map<String, Double> requested;
  private final int[] sideOf;
  private final long seed;
  private final Map<String, Manifest> views;
  private final Leakage leakage;

  Split(
      Manifest manifest,
      List<String> names,
      Map<String, Double> requested,
      int[] sideOf,
      List<Set<String>> clusters,
      long seed) {
    this.manifest = manifest;
    this.names = List.copyOf(names);
    this.requested = requested;
    this.sideOf = sideOf.clone();
    this.seed = seed;
    List<List<ManifestEntry>> parts = new ArrayList<>();
    for (int s = 0; s < names.size(); s++) {
      parts.add(new ArrayList<>());
    }
    List<ManifestEntry> entries = manifest.entries();
    for (int i = 0; i < entries.size(); i++) {
      parts.get(sideOf[i]).add(entries.get(i));
    }
    Map<String, Manifest> v = new LinkedHashMap<>();
    for (int s = 0; s < names.size(); s++) {
      v.put(names.get(s), manifest.withEntries(parts.get(s)));
    }
    this.views = Collections.unmodifiableMap(v);
    this.leakage = checkLeakage(entries, this.sideOf, clusters);
  }

  /** Returns the side names in order. */
  public List<String> names() {
    return names;
  }

  /** Returns the requested fraction per side, in order. */
  public Map<String, Double> requestedFractions() {
    return requested;
  }

  /** Returns the seed the split was made with. */
  public long seed() {
    return seed;
  }

  /** Returns the manifest that was split. */
  public Manifest manifest() {
    return manifest;
  }

  /**
   * Returns the rows of one side as a manifest (same source, rows in manifest order), to give to
   * {@code Dataset.builder().manifest(...)}.
   *
   * @throws NoSuchElementException if there is no side of that name
   */
  public Manifest get(String side) {
    Manifest m = views.get(side);
    if (m == null) {
      throw new NoSuchElementException("no side \"" + side + "\"; sides are " + names);
    }
    return m;
  }

  /** Returns every side's manifest, in order. */
  public Map<String, Manifest> views() {
    return views;
  }

  /** Returns the side of the row at {@code index} in {@link Manifest#entries()}. */
  public String sideOf(int index) {
    return names.get(sideOf[index]);
  }

  /** Returns the number of rows per side, in order. */
  public Map<String, Integer> counts() {
    Map<String, Integer> m = new LinkedHashMap<>();
    views.forEach((k, v) -> m.put(k, v.size()));
    return Collections.unmodifiableMap(m);
  }

  /** Returns the realised fraction of all rows per side, in order. */
  public Map<String, Double> fractions() {
    Map<String, Double> m = new LinkedHashMap<>();
    int n = Math.max(1, manifest.size());
    views.forEach((k, v) -> m.put(k, (double) v.size() / n));
    return Collections.unmodifiableMap(m);
  }

  /** Returns, per label (sorted), the number of its rows on each side. */
  public Map<String, Map<String, Integer>> countsByLabel() {
    Map<String, Map<String, Integer>> m = new TreeMap<>();
    for (String label : manifest.labels()) {
      Map<String, Integer> row = new LinkedHashMap<>();
      for (String name : names) {
        row.put(name, 0);
      }
      m.put(label, row);
    }
    List<ManifestEntry> entries = manifest.entries();
    for (int i = 0; i < entries.size(); i++) {
      m.get(entries.get(i).label()).merge(names.get(sideOf[i]), 1, Integer::sum);
    }
    m.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    return Collections.unmodifiableMap(m);
  }

  /** Returns, per label (sorted), the fraction of its rows on each side. */
  public Map<String, Map<String, Double>> fractionsByLabel() {
    Map<String, Map<String, Double>> m = new TreeMap<>();
    Map<String, Integer> totals = manifest.labelCounts();
    countsByLabel()
        .forEach(
            (label, counts) -> {
              Map<String, Double> row = new LinkedHashMap<>();
              counts.forEach((side, c) -> row.put(side, (double) c / totals.get(label)));
              m.put(label, Collections.unmodifiableMap(row));
            });
    return Collections.unmodifiableMap(m);
  }

  /** Returns what crosses sides (nothing, for a split made by {@link Splitter}). */
  public Leakage leakage() {
    return leakage;
  }

  /**
   * Writes one line per row in manifest order, {@value #CSV_HEADER}, with {@code no} as five
   * digits, to {@code file} atomically (a temporary file in the same folder, then a move).
   */
  public void writeCsv(Path file) throws IOException {
    CsvFiles.writeAtomically(file, this::writeCsv);
  }

  /** Writes the CSV of {@link #writeCsv(Path)} to {@code out}, which is flushed, not closed. */
  public void writeCsv(Writer out) throws IOException {
    Objects.requireNonNull(out, "out");
    SequenceWriter seq = MAPPER.writerFor(String[].class).writeValues(new NonClosing(out));
    seq.write(CSV_HEADER.split(","));
    List<ManifestEntry> entries = manifest.entries();
    for (int i = 0; i < entries.size(); i++) {
      ManifestEntry e = entries.get(i);
      seq.write(
          new String[] {String.format("%05d", e.id()), e.label(), e.url(), names.get(sideOf[i])});
    }
    seq.close();
    out.flush();
  }

  @Override
  public String toString() {
    return "Split[" + counts() + ", seed=" + seed + ", " + leakage + "]";
  }

  private static Leakage checkLeakage(
      List<ManifestEntry> entries, int[] sideOf, List<Set<String>> clusters) {
    Map<String, Set<Integer>> sidesOfUrl = new LinkedHashMap<>();
    Map<String, Integer> rowsOfUrl = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String url = entries.get(i).url();
      sidesOfUrl.computeIfAbsent(url, u -> new HashSet<>()).add(sideOf[i]);
      rowsOfUrl.merge(url, 1, Integer::sum);
    }
    Set<String> crossing = new HashSet<>();
    int urlsCrossing = 0;
    for (Map.Entry<String, Set<Integer>> e : sidesOfUrl.entrySet()) {
      if (e.getValue().size() > 1) {
        urlsCrossing++;
        crossing.add(e.getKey());
      }
    }
    int clusterCount = 0;
    int clustersCrossing = 0;
    for (Set<String> cluster : clusters) {
      Set<Integer> sides = new HashSet<>();
      boolean any = false;
      for (String url : cluster) {
        Set<Integer> s = sidesOfUrl.get(url);
        if (s != null) {
          any = true;
          sides.addAll(s);
        }
      }
      if (any) {
        clusterCount++;
      }
      if (sides.size() > 1) {
        clustersCrossing++;
        for (String url : cluster) {
          if (sidesOfUrl.containsKey(url)) {
            crossing.add(url);
          }
        }
      }
    }
    int rowsCrossing = 0;
    for (String url : crossing) {
      rowsCrossing += rowsOfUrl.get(url);
    }
    return new Leakage(
        sidesOfUrl.size(), urlsCrossing, clusterCount, clustersCrossing, rowsCrossing);
  }

  /** Keeps Jackson from closing the caller's writer. */
  private static final class NonClosing extends FilterWriter {
    NonClosing(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
