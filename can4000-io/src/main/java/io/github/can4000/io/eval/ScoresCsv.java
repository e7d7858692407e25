package io.github.can4000.io.eval;

import io.github.can4000.io.internal.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code scores.csv}: header {@code path,label,score}, one row per test image,
 * {@code score} the predicted probability of the positive label. RFC 4180, UTF-8, written
 * atomically; scores are written with {@link Double#toString} so that they read back exactly.
 */
public final class ScoresCsv {
  /** The header. */
  static final String[] HEADER = {"path", "label", "score"};

  private ScoresCsv() {}

  /**
   * Writes {@code scored} to {@code file}, replacing it atomically.
   *
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, List<ScoredImage> scored) throws IOException {
    List<String[]> rows = new ArrayList<>(scored.size());
    for (ScoredImage s : scored) {
      rows.add(new String[] {s.path(), s.label(), Double.toString(s.score())});
    }
    CsvFiles.writeAtomically(file, HEADER, rows);
  }

  /**
   * Reads a scores file.
   *
   * @throws IOException if it cannot be read, its header is not {@code path,label,score}, or a row
   *     is malformed or its score is not a finite number (naming the file and line)
   */
  public static List<ScoredImage> read(Path file) throws IOException {
    List<ScoredImage> out = new ArrayList<>();
    for (CsvFiles.Row r : CsvFiles.read(file, HEADER, "scores file")) {
      String[] f = r.fields();
      double score;
      try {
        score = Double.parseDouble(f[2].strip());
      } catch (NumberFormatException e) {
        throw new IOException(file + ":" + r.line() + ": score is not a number: \"" + f[2] + "\"");
      }
      if (!Double.isFinite(score)) {
        throw new IOException(file + ":" + r.line() + ": score must be finite: \"" + f[2] + "\"");
      }
      if (f[1].isEmpty()) {
        throw new IOException(file + ":" + r.line() + ": label is empty");
      }
      out.add(new ScoredImage(f[0], f[1], score));
    }
    return out;
  }
}
