package io.github.can4000.io.annotate;

import io.github.can4000.Box;
import io.github.can4000.io.internal.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes {@code proposals.csv}: header {@code no,label,x,y,w,h,score,source}, the box as
 * in the manifest (centre and size as fractions), numbers written so that they read back exactly.
 */
public final class ProposalsCsv {
  /** The header, in order. */
  public static final List<String> HEADER =
      List.of("no", "label", "x", "y", "w", "h", "score", "source");

  private ProposalsCsv() {}

  /**
   * Writes {@code rows} to {@code file} atomically.
   *
   * @throws IllegalArgumentException if two rows share a number
   */
  public static void write(Path file, List<ProposalRow> rows) throws IOException {
    Set<Integer> seen = new HashSet<>();
    List<String[]> out = new ArrayList<>(rows.size());
    for (ProposalRow r : rows) {
      if (!seen.add(r.no())) {
        throw new IllegalArgumentException("duplicate proposal no " + r.no());
      }
      Box b = r.box();
      out.add(
          new String[] {
            Integer.toString(r.no()),
            r.label(),
            Double.toString(b.x()),
            Double.toString(b.y()),
            Double.toString(b.width()),
            Double.toString(b.height()),
            Double.toString(r.score()),
            r.source()
          });
    }
    CsvFiles.writeAtomically(file, HEADER.toArray(String[]::new), out);
  }

  /**
   * Reads {@code file}.
   *
   * @throws IOException if it cannot be read or is malformed; the message names file and line
   */
  public static List<ProposalRow> read(Path file) throws IOException {
    List<ProposalRow> rows = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (CsvFiles.Row row : CsvFiles.read(file, HEADER.toArray(String[]::new), "proposals file")) {
      String[] f = row.fields();
      ProposalRow r;
      try {
        r =
            new ProposalRow(
                Integer.parseInt(f[0].strip()),
                f[1].strip(),
                new Box(number(f[2]), number(f[3]), number(f[4]), number(f[5])),
                number(f[6]),
                f[7]);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ":" + row.line() + ": " + e.getMessage(), e);
      }
      if (!seen.add(r.no())) {
        throw new IOException(file + ":" + row.line() + ": duplicate no " + r.no());
      }
      rows.add(r);
    }
    return rows;
  }

  private static double number(String s) {
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: \"" + s + "\"", e);
    }
  }
}
