package io.github.can4000;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern IMAGE_FILE = Pattern.compile(".*\\.(png|jpe?g|webp|bmp|gif)");
  private static final Pattern ID_PREFIX = Pattern.compile("^(\\d{1,9})_");

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
        throw new IllegalStateException(
            "bundled manifest can4000.csv is missing from the class path");
      }
      return read(
          new InputStreamReader(in, StandardCharsets.UTF_8), BUNDLED_NAME, ParseMode.STRICT);
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

  /**
   * Returns a manifest of the images in a folder of crops, as written by {@code Sinks.folder(root)}
   * or the original tool: {@code root/<label>/<file>}, one row per image file ({@code .png}, {@code
   * .jpg}, {@code .jpeg}, {@code .webp}, {@code .bmp}, {@code .gif}, any case) in a first-level
   * directory, the directory name as label. Each row's box covers the whole image ({@code 0.5 0.5 1
   * 1}) and its URL is the path relative to {@code root} with {@code /} separators, to be read with
   * a file fetcher ({@code FileFetchers.create(root)}). The id is the number before the first
   * {@code _} of the file name ({@code 00042_nevus.png} is row 42), or the row's position if there
   * is none. Rows are sorted by label, then file name, so the result is the same on every run and
   * platform. Other files, deeper directories and directories whose names start with {@code .} or
   * {@code _} (such as {@code _sheets}) are ignored.
   *
   * @throws IOException if the folder cannot be listed
   */
  public static Manifest ofFolder(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> labels = Files.newDirectoryStream(root)) {
      for (Path dir : labels) {
        String dirName = dir.getFileName().toString();
        if (!Files.isDirectory(dir) || dirName.startsWith(".") || dirName.startsWith("_")) {
          continue; // hidden folders and the tools' own (_sheets, ...) are no label
        }
        try (DirectoryStream<Path> images = Files.newDirectoryStream(dir)) {
          for (Path f : images) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isRegularFile(f) && IMAGE_FILE.matcher(name).matches()) {
              files.add(f);
            }
          }
        }
      }
    }
    files.sort(
        Comparator.comparing((Path f) -> f.getParent().getFileName().toString())
            .thenComparing(f -> f.getFileName().toString()));
    List<ManifestEntry> entries = new ArrayList<>();
    Box whole = new Box(0.5, 0.5, 1, 1);
    for (Path f : files) {
      String label = f.getParent().getFileName().toString();
      String name = f.getFileName().toString();
      Matcher id = ID_PREFIX.matcher(name);
      entries.add(
          new ManifestEntry(
              id.find() ? Integer.parseInt(id.group(1)) : entries.size(),
              label,
              whole,
              label + "/" + name,
              0,
              Set.of()));
    }
    return new Manifest(root.toString(), entries, List.of());
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

  /**
   * Returns a manifest with the same entries in a random order that depends only on {@code seed}:
   * the same seed gives the same order on every run, JVM and platform (a Fisher-Yates shuffle
   * driven by {@link Random}, whose algorithm the JDK specifies). Shuffle per epoch with {@code
   * seed + epoch}.
   */
  public Manifest shuffled(long seed) {
    List<ManifestEntry> list = new ArrayList<>(entries);
    Random random = new Random(seed);
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
    return new Manifest(source, list, problems);
  }

  /**
   * Returns part {@code index} of this manifest split into {@code count} disjoint parts that
   * together hold every entry exactly once, each in this manifest's order.
   *
   * <p><b>All rows of one URL go to the same shard.</b> Rows that share a source image then never
   * end up on both sides of a train/validation split (no leakage), and each worker fetches a source
   * once. The URLs, in order of first appearance, are dealt one by one to the shard with the fewest
   * rows so far (the lowest index on a tie), so shard sizes differ by at most the largest number of
   * rows sharing a URL. The result depends only on the entries and their order: every worker that
   * computes {@code shard(i, n)} of the same manifest gets the same rows. To shuffle within fixed
   * shards, shard first: {@code manifest.shard(i, n).shuffled(seed)}.
   *
   * @param index which part, 0 to {@code count - 1}
   * @param count how many parts, at least 1
   * @throws IllegalArgumentException if {@code count < 1} or {@code index} is out of range
   */
  public Manifest shard(int index, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("shard count must be at least 1: " + count);
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard index must be between 0 and " + (count - 1) + ": " + index);
    }
    Map<String, Integer> rowsPerUrl = new LinkedHashMap<>();
    for (ManifestEntry e : entries) {
      rowsPerUrl.merge(e.url(), 1, Integer::sum);
    }
    long[] sizes = new long[count];
    Set<String> mine = new HashSet<>();
    for (Map.Entry<String, Integer> u : rowsPerUrl.entrySet()) {
      int smallest = 0;
      for (int s = 1; s < count; s++) {
        if (sizes[s] < sizes[smallest]) {
          smallest = s;
        }
      }
      sizes[smallest] += u.getValue();
      if (smallest == index) {
        mine.add(u.getKey());
      }
    }
    List<ManifestEntry> part = new ArrayList<>();
    for (ManifestEntry e : entries) {
      if (mine.contains(e.url())) {
        part.add(e);
      }
    }
    return new Manifest(source, part, problems);
  }

  @Override
  public String toString() {
    return "Manifest["
        + source
        + ", "
        + entries.size()
        + " rows, "
        + problems.size()
        + " problems]";
  }
}
