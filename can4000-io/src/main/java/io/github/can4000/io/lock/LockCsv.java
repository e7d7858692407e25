package io.github.can4000.io.lock;

import io.github.can4000.PixelRect;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.internal.CsvFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/** Converts lockfile entries to and from CSV rows (files through {@link CsvFiles}). */
final class LockCsv {
  /**
   * The header of lockfiles written before the hashed region was recorded (always the whole image).
   */
  static final String V1_HEADER = "url,sha256,width,height,phash,etag,last_modified,fetched_at";

  private LockCsv() {}

  private static String firstLine(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      return line == null ? "" : line.strip();
    }
  }

  static <T> void write(Path file, String header, List<T> rows, Function<T, String[]> fields)
      throws IOException {
    List<String[]> out = new ArrayList<>(rows.size());
    for (T r : rows) {
      out.add(fields.apply(r));
    }
    CsvFiles.writeAtomically(file, header.split(","), out);
  }

  static String[] fields(LockEntry e) {
    return new String[] {
      e.url(),
      e.sha256(),
      Integer.toString(e.width()),
      Integer.toString(e.height()),
      e.phash().isPresent() ? NearDuplicates.toHex(e.phash().getAsLong()) : "",
      e.phash().isEmpty() || e.hashesWholeImage() ? "" : region(e.hashed()),
      e.etag(),
      e.lastModified(),
      e.fetchedAt().toString(),
    };
  }

  /** A hashed region as {@code "x1 y1 x2 y2"}. */
  static String region(PixelRect r) {
    return r.x1() + " " + r.y1() + " " + r.x2() + " " + r.y2();
  }

  private static PixelRect parseRegion(String s) {
    String[] p = s.trim().split(" +");
    if (p.length != 4) {
      throw new IllegalArgumentException(
          "phash_region must be four numbers \"x1 y1 x2 y2\": \"" + s + "\"");
    }
    return new PixelRect(
        Integer.parseInt(p[0]),
        Integer.parseInt(p[1]),
        Integer.parseInt(p[2]),
        Integer.parseInt(p[3]));
  }

  static List<LockEntry> readLock(Path file) throws IOException {
    List<LockEntry> rows = new ArrayList<>();
    boolean v1 = firstLine(file).equals(V1_HEADER);
    for (CsvFiles.Row row :
        CsvFiles.read(file, (v1 ? V1_HEADER : Lockfiles.HEADER).split(","), "lockfile")) {
      String[] f = row.fields();
      if (v1) {
        f = new String[] {f[0], f[1], f[2], f[3], f[4], "", f[5], f[6], f[7]};
      }
      try {
        int w = Integer.parseInt(f[2]);
        int h = Integer.parseInt(f[3]);
        OptionalLong phash =
            f[4].isEmpty() ? OptionalLong.empty() : OptionalLong.of(NearDuplicates.parseHex(f[4]));
        PixelRect hashed =
            !f[5].isEmpty()
                ? parseRegion(f[5])
                : phash.isPresent() ? new PixelRect(0, 0, w, h) : new PixelRect(0, 0, 0, 0);
        rows.add(new LockEntry(f[0], f[1], w, h, phash, hashed, f[6], f[7], Instant.parse(f[8])));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IOException(file + ":" + row.line() + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }
}
