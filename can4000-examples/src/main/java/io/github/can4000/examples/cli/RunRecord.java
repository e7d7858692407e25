package io.github.can4000.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.can4000.Manifest;
import io.github.can4000.Reason;
import io.github.can4000.RunReport;
import io.github.can4000.internal.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What made an output folder: {@code <out>/_run.json} with the tool version, the command line, the
 * manifest's SHA-256, start and end time, the counts per status and per reason, and the command's
 * own settings. The same object is what {@code --json} prints. The file is written under a
 * temporary name and moved into place, so it is complete or absent.
 */
final class RunRecord {
  /** The file name inside an output folder. */
  static final String FILE_NAME = "_run.json";

  /** Exit code of a run that wrote no row although rows were attempted. */
  static final int NOTHING_WRITTEN = 3;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> fields = new LinkedHashMap<>();

  private RunRecord() {}

  /** Starts a record of {@code command} run with {@code args}, now. */
  static RunRecord start(String command, List<String> args) {
    RunRecord r = new RunRecord();
    r.fields.put("tool", "can4000");
    r.fields.put("version", version());
    r.fields.put("command", command);
    r.fields.put("args", List.copyOf(args));
    r.fields.put("started", Instant.now().toString());
    return r;
  }

  /**
   * Adds the manifest: its source and the SHA-256 of its bytes ({@code file} null: the bundled
   * one).
   */
  RunRecord manifest(Manifest manifest, Path file) {
    fields.put("manifest", manifest.source());
    fields.put("manifest_sha256", sha256(file));
    fields.put("manifest_rows", manifest.entries().size());
    return this;
  }

  /** Adds a setting of the command. */
  RunRecord put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  /** Ends the record with {@code report}'s counts and the exit code, now. */
  RunRecord finish(RunReport report, int exitCode) {
    fields.put("finished", Instant.now().toString());
    fields.put("elapsed_ms", report.elapsed().toMillis());
    fields.put("rows", report.total());
    fields.put("written", report.written());
    fields.put("skipped", report.skipped());
    fields.put("failed", report.failed());
    Map<String, Integer> reasons = new LinkedHashMap<>();
    report.reasons().forEach((reason, n) -> reasons.put(reason.name(), n));
    fields.put("reasons", reasons);
    fields.put("exit_code", exitCode);
    return this;
  }

  /**
   * Ends a record of a command that writes no rows (e.g. {@code thumbnails}) with its exit code,
   * now.
   */
  RunRecord finish(int exitCode) {
    fields.put("finished", Instant.now().toString());
    fields.put("exit_code", exitCode);
    return this;
  }

  /**
   * Returns the exit code of a completed run: {@link #NOTHING_WRITTEN} when rows were attempted and
   * the output holds no crop of the manifest afterwards (none written now, none present from an
   * earlier run), else 0. A resumed run whose remaining rows fail again exits 0.
   */
  static int exitCode(RunReport report) {
    int alreadyPresent = report.reasons().getOrDefault(Reason.ALREADY_PRESENT, 0);
    return report.total() > 0 && report.written() == 0 && alreadyPresent == 0 ? NOTHING_WRITTEN : 0;
  }

  /** Returns the record as one JSON object on one line. */
  String toJsonLine() {
    try {
      return JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code <dir>/_run.json} atomically (even when the thread has a pending interrupt). */
  void writeTo(Path dir) throws IOException {
    AtomicFile.write(
        dir.toAbsolutePath().resolve(FILE_NAME),
        out -> JSON.writeValue(out, fields),
        AtomicFile.Sync.FORCE);
  }

  /**
   * Returns the SHA-256 of a manifest file, or of the bundled manifest when {@code file} is null.
   */
  static String sha256(Path file) {
    try (InputStream in =
        file == null
            ? Manifest.class.getResourceAsStream("can4000.csv")
            : Files.newInputStream(file)) {
      if (in == null) {
        return "";
      }
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String version() {
    Properties p = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
