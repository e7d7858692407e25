package io.github.can4000;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How one manifest row ended. Every row of a run gets exactly one outcome.
 *
 * @param entry the manifest row
 * @param reason why it ended so; {@link #status()} follows from it
 * @param detail a human-readable explanation (the exception message), empty on success
 * @param httpStatus the last HTTP status received, or 0
 * @param attempts fetch attempts made, 0 if the row was not fetched
 * @param sourceWidth decoded source width, or 0 if not decoded
 * @param sourceHeight decoded source height, or 0 if not decoded
 * @param rect the pixel rectangle cropped, or {@code null} if there was no crop
 * @param outputWidth width of the crop as written or streamed (after square, margin and resize), or
 *     0 if there was no crop
 * @param outputHeight height of the crop as written or streamed, or 0 if there was no crop
 * @param edgeFlags how the box related to the image edges; unmodifiable
 * @param millis wall time spent on the row, in milliseconds
 */
public record Outcome(
    ManifestEntry entry,
    Reason reason,
    String detail,
    int httpStatus,
    int attempts,
    int sourceWidth,
    int sourceHeight,
    PixelRect rect,
    int outputWidth,
    int outputHeight,
    Set<EdgeFlag> edgeFlags,
    long millis) {

  /** Validates and copies. */
  public Outcome {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
    edgeFlags =
        edgeFlags.isEmpty()
            ? Collections.emptySet()
            : Collections.unmodifiableSet(EnumSet.copyOf(edgeFlags));
  }

  /** Returns an outcome for a row that ended before anything was fetched. */
  public static Outcome skipped(ManifestEntry entry, Reason reason, String detail) {
    return new Outcome(entry, reason, detail, 0, 0, 0, 0, null, 0, 0, Set.of(), 0);
  }

  /** Returns the status, which follows from the reason. */
  public Status status() {
    return reason.status();
  }

  /** Returns whether the row produced a crop (written or streamed). */
  public boolean isSuccess() {
    return status() == Status.WRITTEN || status() == Status.STREAMED;
  }
}
