package io.github.can4000.io.report;

import io.github.can4000.Outcome;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.Status;
import io.github.can4000.io.internal.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes and reads the run report, {@code _report.csv}: a header and one row per manifest row in
 * manifest order, with the columns {@value #HEADER}. Values with commas, quotes or line breaks are
 * quoted (RFC 4180).
 *
 * <pre>{@code
 * ReportCsv.write(out.resolve("_report.csv"), report.outcomes());
 * List<ReportRow> again = ReportCsv.read(out.resolve("_report.csv")).stream()
 *     .filter(ReportRow::isTransient).toList();
 * }</pre>
 */
public final class ReportCsv {
  /** The header line. */
  public static final String HEADER =
      "no,label,status,reason,detail,http_status,attempts,source_width,source_height,x1,y1,x2,y2,"
          + "out_width,out_height,ms,url";

  /** The usual file name of a report inside an output folder. */
  public static final String FILE_NAME = "_report.csv";

  private static final String[] COLUMNS = HEADER.split(",");

  private ReportCsv() {}

  /**
   * Writes {@code outcomes}, in the given order, to {@code file} atomically: a temporary file in
   * the same directory is written and then moved over {@code file}.
   */
  public static void write(Path file, List<Outcome> outcomes) throws IOException {
    Objects.requireNonNull(outcomes, "outcomes");
    List<ReportRow> rows = new ArrayList<>(outcomes.size());
    for (Outcome o : outcomes) {
      rows.add(ReportRow.of(o));
    }
    writeRows(file, rows);
  }

  /** Writes {@code rows}, in the given order, to {@code file} atomically. */
  public static void writeRows(Path file, List<ReportRow> rows) throws IOException {
    List<String[]> fields = new ArrayList<>(rows.size());
    for (ReportRow r : rows) {
      fields.add(toFields(r));
    }
    CsvFiles.writeAtomically(file, COLUMNS, fields);
  }

  /**
   * Reads a report written by {@link #write}.
   *
   * @throws IOException if the file cannot be read or is malformed; the message names the file and
   *     line, e.g. {@code out/_report.csv:7: unknown reason "FOO"}
   */
  public static List<ReportRow> read(Path file) throws IOException {
    List<ReportRow> rows = new ArrayList<>();
    for (CsvFiles.Row row : CsvFiles.read(file, COLUMNS, "report")) {
      rows.add(parseRow(row.fields(), file, row.line()));
    }
    return rows;
  }

  private static String[] toFields(ReportRow r) {
    PixelRect rect = r.rect();
    return new String[] {
      String.format("%05d", r.no()),
      r.label(),
      r.status().name(),
      r.reason().name(),
      r.detail(),
      Integer.toString(r.httpStatus()),
      Integer.toString(r.attempts()),
      Integer.toString(r.sourceWidth()),
      Integer.toString(r.sourceHeight()),
      rect == null ? "" : Integer.toString(rect.x1()),
      rect == null ? "" : Integer.toString(rect.y1()),
      rect == null ? "" : Integer.toString(rect.x2()),
      rect == null ? "" : Integer.toString(rect.y2()),
      Integer.toString(r.outputWidth()),
      Integer.toString(r.outputHeight()),
      Long.toString(r.ms()),
      r.url(),
    };
  }

  private static ReportRow parseRow(String[] f, Path file, long line) throws IOException {
    Cursor c = new Cursor(f, file, line);
    int no = c.integer(0);
    String label = f[1];
    Status status = c.enumValue(2, Status.class);
    Reason reason = c.enumValue(3, Reason.class);
    if (status != reason.status()) {
      throw new IOException(
          file + ":" + line + ": status " + status + " does not match reason " + reason);
    }
    String detail = f[4];
    int http = c.integer(5);
    int attempts = c.integer(6);
    int sw = c.integer(7);
    int sh = c.integer(8);
    PixelRect rect = null;
    boolean anyRect = !f[9].isEmpty() || !f[10].isEmpty() || !f[11].isEmpty() || !f[12].isEmpty();
    if (anyRect) {
      rect = new PixelRect(c.integer(9), c.integer(10), c.integer(11), c.integer(12));
    }
    int outWidth = c.integer(13);
    int outHeight = c.integer(14);
    long ms = c.longValue(15);
    return new ReportRow(
        no, label, status, reason, detail, http, attempts, sw, sh, rect, outWidth, outHeight, ms,
        f[16]);
  }

  /** Parses the fields of one row, naming file, line and column on failure. */
  private static final class Cursor {
    private final String[] f;
    private final Path file;
    private final long line;

    Cursor(String[] f, Path file, long line) {
      this.f = f;
      this.file = file;
      this.line = line;
    }

    int integer(int i) throws IOException {
      long v = longValue(i);
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw bad(i, "integer out of range");
      }
      return (int) v;
    }

    long longValue(int i) throws IOException {
      try {
        return Long.parseLong(f[i]);
      } catch (NumberFormatException e) {
        throw bad(i, "not an integer");
      }
    }

    <E extends Enum<E>> E enumValue(int i, Class<E> type) throws IOException {
      try {
        return Enum.valueOf(type, f[i]);
      } catch (IllegalArgumentException e) {
        throw bad(i, "unknown " + COLUMNS[i]);
      }
    }

    private IOException bad(int i, String message) {
      return new IOException(
          file + ":" + line + ": " + message + " (column " + COLUMNS[i] + ": \"" + f[i] + "\")");
    }
  }
}
