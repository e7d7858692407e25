package io.github.can4000;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the manifest line format.
 *
 * <p>Written by hand rather than with Jackson CSV: the URL is "the rest of the line" after a fixed
 * number of single-space separators and may itself contain unquoted spaces (70 rows of the real
 * CAN4000 manifest do). A CSV parser splits on every separator and offers no "remaining text"
 * column, and quoting is not part of this format, so it cannot read these lines.
 */
final class ManifestParser {
  private final String source;
  private final ParseMode mode;
  private final List<ManifestEntry> entries = new ArrayList<>();
  private final List<ManifestProblem> problems = new ArrayList<>();
  private final Map<String, String> labels = new HashMap<>();

  /** 7 or 6 once the first data line fixed it; 0 before. */
  private int columns;

  ManifestParser(String source, ParseMode mode) {
    this.source = source;
    this.mode = mode;
  }

  Manifest parse(Reader reader) throws IOException {
    BufferedReader in =
        reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (line.startsWith("##") || line.isBlank()) {
        continue;
      }
      parseLine(line, lineNo);
    }
    return new Manifest(source, entries, problems);
  }

  private void parseLine(String line, int lineNo) throws ManifestException {
    if (columns == 0) {
      columns = looksLikeSevenColumns(line) ? 7 : 6;
    }
    String[] f = split(line, columns);
    if (f == null) {
      problem(
          lineNo,
          0,
          line,
          "expected " + columns + " space-separated fields, the last being the URL");
      return;
    }
    int col = 0;
    int id;
    if (columns == 7) {
      id = parseId(f[0], lineNo);
      if (id < 0) {
        return;
      }
      col = 1;
    } else {
      id = entries.size();
    }
    String label = intern(f[col]);
    EnumSet<BoxFlag> badNumbers = EnumSet.noneOf(BoxFlag.class);
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      v[i] = parseNumber(f[col + 1 + i], lineNo, col + 2 + i, badNumbers);
    }
    String url = f[col + 5];
    if (url.isBlank()) {
      problem(lineNo, col + 6, url, "empty URL");
      return;
    }
    Box box = new Box(v[0], v[1], v[2], v[3]);
    Set<BoxFlag> flags = BoxChecks.flags(box);
    entries.add(new ManifestEntry(id, label, box, url, lineNo, flags));
  }

  private static boolean looksLikeSevenColumns(String line) {
    int sp = line.indexOf(' ');
    if (sp <= 0) {
      return true;
    }
    for (int i = 0; i < sp; i++) {
      if (line.charAt(i) < '0' || line.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Splits off {@code n - 1} single-space separated fields; the rest of the line is the last. */
  private static String[] split(String line, int n) {
    String[] out = new String[n];
    int start = 0;
    for (int i = 0; i < n - 1; i++) {
      int sp = line.indexOf(' ', start);
      if (sp < 0 || sp == start) {
        return null;
      }
      out[i] = line.substring(start, sp);
      start = sp + 1;
    }
    if (start >= line.length()) {
      return null;
    }
    out[n - 1] = line.substring(start).strip();
    return out;
  }

  private int parseId(String token, int lineNo) throws ManifestException {
    try {
      int id = Integer.parseInt(token);
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(lineNo, 1, token, "row number must be a non-negative integer");
    return -1;
  }

  private double parseNumber(String token, int lineNo, int column, Set<BoxFlag> bad)
      throws ManifestException {
    try {
      double d = Double.parseDouble(token);
      if (Double.isFinite(d)
          && !token.endsWith("d")
          && !token.endsWith("D")
          && !token.endsWith("f")
          && !token.endsWith("F")) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    bad.add(BoxFlag.NON_NUMERIC);
    problem(lineNo, column, token, "not a number");
    return Double.NaN;
  }

  private void problem(int lineNo, int column, String text, String message)
      throws ManifestException {
    String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    ManifestProblem p = new ManifestProblem(source, lineNo, column, shown, message);
    if (mode == ParseMode.STRICT) {
      throw new ManifestException(p);
    }
    problems.add(p);
  }

  private String intern(String label) {
    return labels.computeIfAbsent(label, l -> l);
  }
}
