package io.github.can4000.io.annotate;

import io.github.can4000.Box;
import io.github.can4000.io.internal.CsvFiles;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.RowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns detections made elsewhere into proposals: YOLO label files, and a CSV of pixel boxes. Rows
 * are numbered from 1 in the order of the images (by relative path) and, within an image, of the
 * input lines.
 */
public final class Importers {
  /** The header of a pixel-box CSV. */
  public static final List<String> BOXES_HEADER =
      List.of("image", "x0", "y0", "x1", "y1", "label", "score");

  private static final Set<String> IMAGE_EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "webp", "bmp", "gif");

  private Importers() {}

  /**
   * Returns the image files under {@code images}, recursively, as sources: paths relative to it
   * with {@code /}, sorted. Hidden files and folders are left out.
   */
  public static List<String> imageSources(Path images) throws IOException {
    if (!Files.isDirectory(images)) {
      throw new IOException("not a folder: " + images);
    }
    try (Stream<Path> s = Files.walk(images)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> isImage(p.getFileName().toString()))
          .map(p -> images.relativize(p))
          .filter(
              rel -> {
                for (Path part : rel) {
                  if (part.toString().startsWith(".")) {
                    return false;
                  }
                }
                return true;
              })
          .map(rel -> rel.toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  /**
   * Reads YOLO label files: for every image {@code <images>/<dir>/<name>.<ext>}, the file {@code
   * <labels>/<dir>/<name>.txt} with lines {@code class cx cy w h [score]} (the manifest's box
   * convention; class an index into {@code classes}; score 1 when absent). An image without a label
   * file has no proposals; blank lines are skipped.
   *
   * @param minScore rows scoring below it are left out
   * @throws IOException if a file cannot be read or a line is malformed (naming file and line)
   */
  public static List<ProposalRow> yoloLabels(
      Path images, Path labels, List<String> classes, double minScore) throws IOException {
    if (!Files.isDirectory(labels)) {
      throw new IOException("not a folder: " + labels);
    }
    List<ProposalRow> rows = new ArrayList<>();
    for (String source : imageSources(images)) {
      String stem = source.contains(".") ? source.substring(0, source.lastIndexOf('.')) : source;
      Path txt = labels.resolve(stem + ".txt");
      if (!Files.isRegularFile(txt)) {
        continue;
      }
      List<String> lines = Files.readAllLines(txt, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty()) {
          continue;
        }
        String[] t = line.split("\\s+");
        String where = txt + ":" + (i + 1) + ": ";
        if (t.length != 5 && t.length != 6) {
          throw new IOException(
              where + "expected \"class cx cy w h [score]\", found " + t.length + " fields");
        }
        int cls;
        try {
          cls = Integer.parseInt(t[0]);
        } catch (NumberFormatException e) {
          throw new IOException(where + "class must be a whole number: \"" + t[0] + "\"", e);
        }
        if (cls < 0 || cls >= classes.size()) {
          throw new IOException(
              where
                  + "class "
                  + cls
                  + " has no name: --classes names "
                  + classes.size()
                  + " ("
                  + String.join(",", classes)
                  + ")");
        }
        try {
          double score = t.length == 6 ? Double.parseDouble(t[5]) : 1.0;
          Box box =
              new Box(
                  Double.parseDouble(t[1]),
                  Double.parseDouble(t[2]),
                  Double.parseDouble(t[3]),
                  Double.parseDouble(t[4]));
          if (score >= minScore) {
            rows.add(new ProposalRow(rows.size() + 1, classes.get(cls), box, score, source));
          }
        } catch (IllegalArgumentException e) {
          throw new IOException(where + e.getMessage(), e);
        }
      }
    }
    return rows;
  }

  /**
   * Reads a CSV of pixel boxes, header {@code image,x0,y0,x1,y1,label,score}: {@code image} a
   * source (a path relative to the images folder, or a URL), the box {@code [x0,x1) x [y0,y1)} in
   * pixels of the image as the SDK decodes it, {@code score} 0-1 or empty for 1. Each image is read
   * once to learn its size; the boxes are converted so that a download crops exactly those pixels.
   *
   * @param images reads the images named in the file
   * @param minScore rows scoring below it are left out
   * @throws IOException if the file is malformed or an image cannot be read (naming file and line)
   * @throws InterruptedException if interrupted while fetching an image
   */
  public static List<ProposalRow> boxesCsv(Path csv, SourceImages images, double minScore)
      throws IOException, InterruptedException {
    List<ProposalRow> rows = new ArrayList<>();
    for (CsvFiles.Row row : CsvFiles.read(csv, BOXES_HEADER.toArray(String[]::new), "boxes file")) {
      String[] f = row.fields();
      String where = csv + ":" + row.line() + ": ";
      int x0;
      int y0;
      int x1;
      int y1;
      double score;
      try {
        x0 = pixel(f[1]);
        y0 = pixel(f[2]);
        x1 = pixel(f[3]);
        y1 = pixel(f[4]);
        score = f[6].isBlank() ? 1.0 : Double.parseDouble(f[6].strip());
      } catch (NumberFormatException e) {
        throw new IOException(where + e.getMessage(), e);
      }
      if (x1 <= x0 || y1 <= y0) {
        throw new IOException(
            where + "empty box: x0,y0,x1,y1 = " + x0 + "," + y0 + "," + x1 + "," + y1);
      }
      if (score < minScore) {
        continue;
      }
      DecodedImage img;
      try {
        img = images.image(f[0].strip());
      } catch (RowException e) {
        throw new IOException(where + "cannot read image " + f[0] + ": " + e.getMessage(), e);
      }
      Box box = Boxes.fromPixels(x0, y0, x1, y1, img.width(), img.height());
      try {
        rows.add(new ProposalRow(rows.size() + 1, f[5].strip(), box, score, f[0].strip()));
      } catch (IllegalArgumentException e) {
        throw new IOException(where + e.getMessage(), e);
      }
    }
    return rows;
  }

  private static int pixel(String s) {
    String t = s.strip();
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      double d = Double.parseDouble(t);
      if (d != Math.rint(d)) {
        throw new NumberFormatException("pixel coordinates must be whole numbers: \"" + s + "\"");
      }
      return (int) d;
    }
  }

  static boolean isImage(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
