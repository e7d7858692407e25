package io.github.can4000;

import java.util.EnumSet;
import java.util.Set;

/** Computes the {@link BoxFlag}s of a box. */
final class BoxChecks {
  private BoxChecks() {}

  static Set<BoxFlag> flags(Box b) {
    EnumSet<BoxFlag> flags = EnumSet.noneOf(BoxFlag.class);
    if (!b.isFinite()) {
      flags.add(BoxFlag.NON_NUMERIC);
      return flags;
    }
    if (b.width() <= 0 || b.height() <= 0) {
      flags.add(BoxFlag.NON_POSITIVE_SIZE);
    }
    double left = b.x() - b.width() / 2;
    double right = b.x() + b.width() / 2;
    double top = b.y() - b.height() / 2;
    double bottom = b.y() + b.height() / 2;
    if (right <= 0 || left >= 1 || bottom <= 0 || top >= 1) {
      flags.add(BoxFlag.OUTSIDE_IMAGE);
    } else if (left < 0 || right > 1 || top < 0 || bottom > 1) {
      flags.add(BoxFlag.CROSSES_EDGE);
    }
    return flags;
  }
}
