package io.github.can4000.io.lock;

import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.internal.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/** Converts lockfile entries to and from CSV rows (files through {@link CsvFiles}). */
final class LockCsv {
  private LockCsv() {}

  static <T> void write(Path file, String header, List<T> rows, Function<T, String[]> fields) throws IOException {
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
      e.etag(),
      e.lastModified(),
      e.fetchedAt().toString(),
    };
  }

  static List<LockEntry> readLock(Path file) throws IOException {
    List<LockEntry> rows = new ArrayList<>();
    for (CsvFiles.Row row : CsvFiles.read(file, Lockfiles.HEADER.split(","), "lockfile")) {
      String[] f = row.fields();
      try {
        rows.add(new LockEntry(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
            f[4].isEmpty() ? OptionalLong.empty() : OptionalLong.of(NearDuplicates.parseHex(f[4])),
            f[5], f[6], Instant.parse(f[7])));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IOException(file + ":" + row.line() + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }
}
