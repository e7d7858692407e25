package io.github.can4000;

/** How a manifest row ended. Every row ends in exactly one status. */
public enum Status {
  /** The crop was written to a {@link Sink}. */
  WRITTEN,
  /** The crop was handed to a stream consumer as a {@link Sample}. */
  STREAMED,
  /**
   * The row was not processed, for a reason that is not an error (already present, unusable box).
   */
  SKIPPED,
  /** The row was attempted and failed (network, server, decode, write). */
  FAILED
}
