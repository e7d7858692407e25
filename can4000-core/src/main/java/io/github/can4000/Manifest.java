package io.github.can4000;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable, parsed manifest: its entries in file order and the problems found while parsing.
 *
 * <p>Two line formats are read, chosen per file by the first data line:
 *
 * <ul>
 *   <li>7 columns: {@code no label x_center y_center width height url} (CAN4000, CAN2000, ...)
 *   <li>6 columns: {@code label x_center y_center width height url}, ids assigned 0, 1, 2, ... in
 *       file order
 * </ul>
 *
 * <p>Fields are separated by single spaces; the URL is the rest of the line and may itself contain
 * spaces. Lines starting with {@code ##} are comments and blank lines are ignored.
 *
 * <pre>{@code
 * Manifest m = Manifest.can4000();                       // the bundled CAN4000 manifest
 * Manifest mine = Manifest.parse(Path.of("all.csv"));    // strict
 * Manifest lax = Manifest.parse(Path.of("x.csv"), ParseMode.LENIENT);
 * lax.problems().forEach(System.err::println);
 * }</pre>
 */
public final class Manifest {
  /** The name under which the bundled CAN4000 manifest reports problems. */
  public static final String BUNDLED_NAME = "bundled:can4000.csv";

  private final String source;
  private final List<ManifestEntry> entries;
  private final List<ManifestProblem> problems;

  Manifest(String source, List<ManifestEntry> entries, List<ManifestProblem> problems) {
    this.source = Objects.requireNonNull(source, "source");
    this.entries = List.copyOf(entries);
    this.problems = List.copyOf(problems);
  }

  /** Creates a manifest from entries made in code. */
  public static Manifest of(String source, List<ManifestEntry> entries) {
    return new Manifest(source, entries, List.of());
  }

  /**
   * Returns the real CAN4000 manifest bundled with the library (4,305 rows, MIT licence, by Han,
   * Cho and Navarrete-Dechent).
   */
  public static Manifest can4000() {
    try (InputStream in = Manifest.class.getResourceAsStream("can4000.csv")) {
      if (in == null) {
        throw new IllegalStateException("bundled manifest can4000.csv is missing from the class path");
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8), BUNDLED_NAME, ParseMode.STRICT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled manifest", e);
    }
  }

  /** Parses a UTF-8 manifest file strictly. */
  public static Manifest parse(Path file) throws IOException {
    return parse(file, ParseMode.STRICT);
  }

  /** Parses a UTF-8 manifest file in the given mode. */
  public static Manifest parse(Path file, ParseMode mode) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString(), mode);
    }
  }

  /**
   * Parses manifest text from a reader; {@code source} names it in problems and exceptions. The
   * reader is not closed.
   */
  public static Manifest read(Reader reader, String source, ParseMode mode) throws IOException {
    return new ManifestParser(source, mode).parse(reader);
  }

  /** Returns the name of the manifest's source (a path, or {@link #BUNDLED_NAME}). */
  public String source() {
    return source;
  }

  /** Returns the entries in file order; an unmodifiable list. */
  public List<ManifestEntry> entries() {
    return entries;
  }

  /** Returns the number of entries. */
  public int size() {
    return entries.size();
  }

  /** Returns the problems a lenient parse recorded; empty after a strict parse. */
  public List<ManifestProblem> problems() {
    return problems;
  }

  /** Returns each label with its number of rows, sorted by label. */
  public Map<String, Integer> labelCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (ManifestEntry e : entries) {
      counts.merge(e.label(), 1, Integer::sum);
    }
    return counts;
  }

  /** Returns the labels, sorted; the position of a label is its stable class index. */
  public List<String> labels() {
    return List.copyOf(labelCounts().keySet());
  }

  /** Returns the distinct URLs in order of first appearance. */
  public Set<String> distinctUrls() {
    Set<String> urls = new LinkedHashSet<>();
    for (ManifestEntry e : entries) {
      urls.add(e.url());
    }
    return urls;
  }

  /** Returns each box flag with its number of rows. */
  public Map<BoxFlag, Integer> flagCounts() {
    Map<BoxFlag, Integer> counts = new TreeMap<>();
    for (ManifestEntry e : entries) {
      for (BoxFlag f : e.flags()) {
        counts.merge(f, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Returns a manifest with the same source holding only the given entries. */
  public Manifest withEntries(List<ManifestEntry> subset) {
    return new Manifest(source, subset, problems);
  }

  @Override
  public String toString() {
    return "Manifest[" + source + ", " + entries.size() + " rows, " + problems.size() + " problems]";
  }
}
