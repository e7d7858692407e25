package io.github.can4000.io.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.can4000.io.dedupe.NearDuplicates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/** Reads and writes CSV files with a fixed header, atomically, naming file and line on errors. */
final class LockCsv {
  /** Quotes only values that need it (Jackson otherwise quotes every long value). */
  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
      .build();

  private LockCsv() {}

  static <T> void write(Path file, String header, List<T> rows, Function<T, String[]> fields) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp");
    boolean moved = false;
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
          SequenceWriter seq = MAPPER.writerFor(String[].class).writeValues(w)) {
        seq.write(header.split(","));
        for (T r : rows) {
          seq.write(fields.apply(r));
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
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
    String[] columns = Lockfiles.HEADER.split(",");
    List<LockEntry> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<String[]> it = MAPPER.readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY)
            .readValues(r)) {
      boolean header = true;
      while (true) {
        long line = it.getParser().currentLocation().getLineNr();
        String[] f;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          f = it.nextValue();
        } catch (JsonProcessingException e) {
          throw new IOException(file + ":" + line + ": malformed CSV: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
          throw new IOException(file + ":" + line + ": malformed CSV: " + e.getMessage(), e);
        }
        if (header) {
          if (!Arrays.equals(f, columns)) {
            throw new IOException(file + ":" + line + ": expected header \"" + Lockfiles.HEADER + "\"");
          }
          header = false;
          continue;
        }
        if (f.length == 1 && f[0].isEmpty()) {
          continue;
        }
        if (f.length != columns.length) {
          throw new IOException(file + ":" + line + ": expected " + columns.length + " columns, found " + f.length);
        }
        try {
          rows.add(new LockEntry(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
              f[4].isEmpty() ? OptionalLong.empty() : OptionalLong.of(NearDuplicates.parseHex(f[4])),
              f[5], f[6], Instant.parse(f[7])));
        } catch (IllegalArgumentException | DateTimeParseException e) {
          throw new IOException(file + ":" + line + ": " + e.getMessage(), e);
        }
      }
      if (header) {
        throw new IOException(file + ":1: empty lockfile, expected header \"" + Lockfiles.HEADER + "\"");
      }
    }
    return rows;
  }
}
