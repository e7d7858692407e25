package io.github.can4000;

import java.io.IOException;

/**
 * Receives crops from {@link Dataset#writeTo(Sink)}. Implementations must be thread-safe: {@link
 * #write} is called from several threads. can4000-io provides {@code Sinks.folder(Path)}, which
 * writes the original tool's layout.
 */
public interface Sink extends AutoCloseable {

  /**
   * Returns whether the sink already holds {@code entry}'s crop, so the row is not fetched again
   * ({@link Reason#ALREADY_PRESENT}). The default says no.
   */
  default boolean contains(ManifestEntry entry) {
    return false;
  }

  /**
   * Stores one crop. A failed write must leave nothing partial behind.
   *
   * @throws IOException recorded as {@link Reason#WRITE_FAILED}
   */
  void write(Sample sample) throws IOException;

  /** Flushes and releases resources. The default does nothing. */
  @Override
  default void close() throws IOException {}
}
