package io.github.can4000.io.testset;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads test sets with clear ground truth, the public sets a model trained on CAN4000 is validated
 * on (Edinburgh, SNU, MED-NODE, PAD-UFES-20, ...):
 *
 * <ul>
 *   <li>{@link #folder}: one folder per label, {@code <root>/<label>/<image>}, the image at any
 *       depth below its label folder and with any file name (spaces, parentheses);
 *   <li>{@link #csv}: a CSV file with a column of image paths and a column of labels, such as
 *       PAD-UFES-20's {@code metadata.csv} ({@code img_id}, {@code diagnostic}).
 * </ul>
 *
 * <pre>{@code
 * TestSet edinburgh = TestSets.folder(Path.of("edinburgh"), LabelAliases.standard());
 * TestSet pad = TestSets.csv(Path.of("pad/metadata.csv"), Path.of("pad/images"), "img_id", "diagnostic",
 *     LabelAliases.standard().with(Map.of("nev", "melanocyticnevus")));
 * pad.problems();        // rows whose image is missing, files that cannot be read
 * pad.canProvenance();   // non-empty if the labels came from a CAN manifest
 * }</pre>
 *
 * <p>Labels pass through {@link LabelAliases}. Folders whose names start with {@code _} or {@code
 * .} are never labels (and hidden files and folders are skipped everywhere); symbolic links are not
 * followed. A file that cannot be used is listed in {@link TestSet#problems()}, never silently
 * dropped; files are not decoded here, so the caller reports images that fail to decode.
 */
public final class TestSets {
  private static final CsvMapper CSV = new CsvMapper();
  private static final Pattern DOWNLOAD_NAME = Pattern.compile("\\d+_(.+)\\.png");

  private TestSets() {}

  /**
   * Reads a folder-per-label test set.
   *
   * @throws IOException if {@code root} is not a directory or cannot be listed
   */
  public static TestSet folder(Path root, LabelAliases aliases) throws IOException {
    Objects.requireNonNull(aliases, "aliases");
    if (!Files.isDirectory(root)) {
      throw new IOException("not a directory: " + root);
    }
    List<TestImage> images = new ArrayList<>();
    List<TestSet.Problem> problems = new ArrayList<>();
    int downloadNames = 0;
    for (Path child : sorted(root)) {
      String name = child.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        if (!name.startsWith("_")) {
          problems.add(new TestSet.Problem(child.toString(), "not in a label folder"));
        }
        continue;
      }
      if (name.startsWith("_")) {
        continue;
      }
      String label = aliases.canonical(name);
      try (Stream<Path> walk = Files.walk(child)) {
        List<Path> files =
            walk.filter(p -> !hidden(child, p))
                .filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .sorted()
                .toList();
        for (Path f : files) {
          if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(
                new TestSet.Problem(f.toString(), "not a regular file (a symbolic link?)"));
          } else if (!Files.isReadable(f)) {
            problems.add(new TestSet.Problem(f.toString(), "not readable"));
          } else {
            images.add(new TestImage(f, label));
            var m = DOWNLOAD_NAME.matcher(f.getFileName().toString());
            if (m.matches() && m.group(1).equals(name)) {
              downloadNames++;
            }
          }
        }
      }
    }
    images.sort(Comparator.comparing(TestImage::file));
    Optional<String> provenance = Optional.empty();
    for (String marker : new String[] {"_report.csv", "_lock.csv"}) {
      if (Files.exists(root.resolve(marker)) && provenance.isEmpty()) {
        provenance =
            Optional.of(
                root.resolve(marker)
                    + " exists: the folder was written by can4000 download, its"
                    + " labels come from a CAN manifest");
      }
    }
    if (provenance.isEmpty() && !images.isEmpty() && downloadNames == images.size()) {
      provenance =
          Optional.of(
              "every file is named <no>_<label>.png as can4000 download writes: its labels"
                  + " come from a CAN manifest");
    }
    return new TestSet(
        root.getFileName() == null ? root.toString() : root.getFileName().toString(),
        root,
        images,
        problems,
        provenance);
  }

  /**
   * Reads a test set listed in a CSV file with a header row.
   *
   * @param csvFile the CSV file
   * @param imageDir where the images are: a path in the CSV is resolved against it, and if no file
   *     is there, looked up by file name anywhere below it (PAD-UFES-20 spreads its images over
   *     {@code imgs_part_1..3})
   * @param pathColumn the column of image paths
   * @param labelColumn the column of labels
   * @throws IOException if the CSV cannot be read or is malformed, or a column is missing (naming
   *     the columns there are)
   */
  public static TestSet csv(
      Path csvFile, Path imageDir, String pathColumn, String labelColumn, LabelAliases aliases)
      throws IOException {
    Objects.requireNonNull(aliases, "aliases");
    if (!Files.isDirectory(imageDir)) {
      throw new IOException("not a directory: " + imageDir);
    }
    List<TestImage> images = new ArrayList<>();
    List<TestSet.Problem> problems = new ArrayList<>();
    Map<String, Path> byName = null;
    Optional<String> provenance = Optional.empty();
    try (BufferedReader r = Files.newBufferedReader(csvFile, StandardCharsets.UTF_8);
        MappingIterator<String[]> it =
            CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(r)) {
      if (!it.hasNextValue()) {
        throw new IOException(
            csvFile + ":1: empty, expected a header with " + pathColumn + " and " + labelColumn);
      }
      List<String> header = Arrays.stream(it.nextValue()).map(String::strip).toList();
      int pc = header.indexOf(pathColumn);
      int lc = header.indexOf(labelColumn);
      if (pc < 0 || lc < 0) {
        throw new IOException(
            csvFile
                + ":1: no column "
                + (pc < 0 ? pathColumn : labelColumn)
                + "; columns: "
                + header);
      }
      if (header.contains("x_center") && header.contains("url")) {
        provenance =
            Optional.of(
                csvFile
                    + " has the columns of a CAN manifest (x_center, url): its labels were"
                    + " made by a neural network");
      }
      while (true) {
        long line = it.getParser().currentLocation().getLineNr();
        String[] f;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          f = it.nextValue();
        } catch (IOException | RuntimeException e) {
          throw new IOException(csvFile + ":" + line + ": malformed CSV: " + e.getMessage(), e);
        }
        if (f.length == 1 && f[0].isBlank()) {
          continue;
        }
        String where = csvFile + ":" + line;
        if (f.length <= Math.max(pc, lc)) {
          problems.add(
              new TestSet.Problem(
                  where, "expected " + header.size() + " columns, found " + f.length));
          continue;
        }
        String p = f[pc].strip();
        String label = f[lc].strip();
        if (p.isEmpty() || label.isEmpty()) {
          problems.add(
              new TestSet.Problem(where, p.isEmpty() ? "no image path" : "no label for " + p));
          continue;
        }
        Path file = imageDir.resolve(p).normalize();
        if (!file.startsWith(imageDir.normalize()) || !Files.isRegularFile(file)) {
          if (byName == null) {
            byName = index(imageDir);
          }
          Path found = byName.get(Path.of(p).getFileName().toString());
          if (found == null) {
            problems.add(
                new TestSet.Problem(where, "image not found below " + imageDir + ": " + p));
            continue;
          }
          file = found;
        }
        if (!Files.isReadable(file)) {
          problems.add(new TestSet.Problem(where, "not readable: " + file));
          continue;
        }
        images.add(new TestImage(file, aliases.canonical(label)));
      }
    }
    images.sort(Comparator.comparing(TestImage::file));
    String name = csvFile.getFileName().toString().replaceFirst("\\.csv$", "");
    return new TestSet(name, csvFile, images, problems, provenance);
  }

  private static Map<String, Path> index(Path dir) throws IOException {
    Map<String, Path> m = new HashMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .forEach(p -> m.putIfAbsent(p.getFileName().toString(), p));
    }
    return m;
  }

  private static boolean hidden(Path labelDir, Path p) {
    for (Path part : labelDir.relativize(p)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
