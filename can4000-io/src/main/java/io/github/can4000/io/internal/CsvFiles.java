package io.github.can4000.io.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.can4000.internal.AtomicFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes the library's CSV files (report, lockfile, ...): RFC 4180 with a fixed header,
 * written atomically, read with errors that name file and line. Not part of the API: it may change
 * without notice.
 */
public final class CsvFiles {
  /** Quotes only values that need it (Jackson otherwise quotes every long value). */
  private static final CsvMapper MAPPER =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  /**
   * One data row and its line number.
   *
   * @param line the 1-based line the row starts on
   * @param fields the row's values, as many as the header has
   */
  public record Row(long line, String[] fields) {}

  private CsvFiles() {}

  /** Writes text to a {@link Writer}; see {@link #writeAtomically(Path, TextWriter)}. */
  @FunctionalInterface
  public interface TextWriter {
    /** Writes the file's content to {@code out}. */
    void writeTo(Writer out) throws IOException;
  }

  /**
   * Writes {@code header} and {@code rows} to {@code file} atomically, with minimal quoting; see
   * {@link #writeAtomically(Path, TextWriter)}.
   */
  public static void writeAtomically(Path file, String[] header, Iterable<String[]> rows)
      throws IOException {
    writeAtomically(
        file,
        w -> {
          try (SequenceWriter seq = MAPPER.writerFor(String[].class).writeValues(w)) {
            seq.write(header);
            for (String[] r : rows) {
              seq.write(r);
            }
          }
        });
  }

  /**
   * Writes {@code file} atomically ({@link AtomicFile}, forced to disk), in UTF-8. The file is
   * written even when the calling thread has a pending interrupt (the report of an interrupted run
   * must land).
   */
  public static void writeAtomically(Path file, TextWriter content) throws IOException {
    AtomicFile.write(
        file,
        out -> {
          try (Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            content.writeTo(w);
          }
        },
        AtomicFile.Sync.FORCE);
  }

  /**
   * Reads the data rows of {@code file}, checking that it starts with exactly {@code header} and
   * that every row has as many fields; blank lines are skipped.
   *
   * @param what what the file is, for messages ("report", "lockfile")
   * @throws IOException naming file and line, e.g. {@code out/_report.csv:7: expected 15 columns,
   *     found 3}
   */
  public static List<Row> read(Path file, String[] header, String what) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<String[]> it =
            MAPPER.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(r)) {
      boolean seenHeader = false;
      while (true) {
        long line = it.getParser().currentLocation().getLineNr();
        String[] f;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          f = it.nextValue();
        } catch (JsonProcessingException e) {
          throw new IOException(
              file + ":" + line + ": malformed CSV: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
          throw new IOException(file + ":" + line + ": malformed CSV: " + e.getMessage(), e);
        }
        if (!seenHeader) {
          if (!Arrays.equals(f, header)) {
            throw new IOException(
                file + ":" + line + ": expected header \"" + String.join(",", header) + "\"");
          }
          seenHeader = true;
          continue;
        }
        if (f.length == 1 && f[0].isEmpty()) {
          continue;
        }
        if (f.length != header.length) {
          throw new IOException(
              file + ":" + line + ": expected " + header.length + " columns, found " + f.length);
        }
        rows.add(new Row(line, f));
      }
      if (!seenHeader) {
        throw new IOException(
            file + ":1: empty " + what + ", expected header \"" + String.join(",", header) + "\"");
      }
    }
    return rows;
  }
}
