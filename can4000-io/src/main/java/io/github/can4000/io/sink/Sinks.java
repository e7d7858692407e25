package io.github.can4000.io.sink;

import io.github.can4000.Sink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Factory for {@link Sink}s.
 *
 * <pre>{@code
 * try (Sink sink = Sinks.folder(Path.of("dataset"))) {
 *   RunReport report = dataset.writeTo(sink);
 * }
 * }</pre>
 */
public final class Sinks {
  private Sinks() {}

  /**
   * Returns a sink that writes the original tool's layout, {@code outDir/<label>/<id as 5
   * digits>_<label>.png}, each file written atomically (temporary file, then atomic move). A row whose
   * final file exists is {@linkplain Sink#contains contained}, so an interrupted run resumes without
   * fetching again. Leftover temporary files of a killed run ({@code .*.tmp} in the label
   * directories) are removed now.
   *
   * @param outDir the output directory; created if missing
   * @throws UncheckedIOException if {@code outDir} cannot be created or is not a directory
   */
  public static Sink folder(Path outDir) {
    Objects.requireNonNull(outDir, "outDir");
    try {
      FolderSink sink = new FolderSink(outDir);
      sink.cleanStaleTemps();
      return sink;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output folder " + outDir, e);
    }
  }
}
