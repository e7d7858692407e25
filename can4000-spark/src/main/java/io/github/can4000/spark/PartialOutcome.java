package io.github.can4000.spark;

import io.github.can4000.EdgeFlag;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

/** One row's outcome as sent from an executor back to the driver. */
record PartialOutcome(
    int index,
    Reason reason,
    String detail,
    int httpStatus,
    int attempts,
    int sourceWidth,
    int sourceHeight,
    int[] rect,
    int outputWidth,
    int outputHeight,
    EnumSet<EdgeFlag> edgeFlags,
    long millis)
    implements Serializable {

  static PartialOutcome of(int index, Outcome o) {
    PixelRect r = o.rect();
    EnumSet<EdgeFlag> flags = EnumSet.noneOf(EdgeFlag.class);
    flags.addAll(o.edgeFlags());
    return new PartialOutcome(
        index,
        o.reason(),
        o.detail(),
        o.httpStatus(),
        o.attempts(),
        o.sourceWidth(),
        o.sourceHeight(),
        r == null ? null : new int[] {r.x1(), r.y1(), r.x2(), r.y2()},
        o.outputWidth(),
        o.outputHeight(),
        flags,
        o.millis());
  }

  Outcome toOutcome(ManifestEntry entry) {
    PixelRect r = rect == null ? null : new PixelRect(rect[0], rect[1], rect[2], rect[3]);
    Set<EdgeFlag> flags = edgeFlags;
    return new Outcome(
        entry,
        reason,
        detail,
        httpStatus,
        attempts,
        sourceWidth,
        sourceHeight,
        r,
        outputWidth,
        outputHeight,
        flags,
        millis);
  }
}
