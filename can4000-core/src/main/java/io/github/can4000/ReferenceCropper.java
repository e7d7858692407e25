package io.github.can4000;

import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.RegionHint;
import io.github.can4000.spi.RowException;
import java.util.EnumSet;

/** The original's box arithmetic ({@link Box#toPixels}) with a policy for edges. */
final class ReferenceCropper extends RectCropper {
  static final ReferenceCropper CLAMP = new ReferenceCropper(EdgePolicy.CLAMP);
  static final ReferenceCropper SKIP = new ReferenceCropper(EdgePolicy.SKIP);

  private final EdgePolicy policy;

  private ReferenceCropper(EdgePolicy policy) {
    this.policy = policy;
  }

  @Override
  Placement place(ManifestEntry entry, DecodedImage source) throws RowException {
    if (!entry.box().isFinite() || entry.box().width() <= 0 || entry.box().height() <= 0) {
      throw new RowException(Reason.BAD_BOX, "box " + entry.box() + " cannot be cropped");
    }
    int w = source.width();
    int h = source.height();
    PixelRect raw = entry.box().toPixels(w, h);
    EnumSet<EdgeFlag> flags = edgeFlags(raw, w, h);
    boolean wraps =
        flags.contains(EdgeFlag.X1_NEGATIVE)
            || flags.contains(EdgeFlag.Y1_NEGATIVE)
            || flags.contains(EdgeFlag.X2_NEGATIVE)
            || flags.contains(EdgeFlag.Y2_NEGATIVE)
            || flags.contains(EdgeFlag.X1_PAST_EDGE)
            || flags.contains(EdgeFlag.Y1_PAST_EDGE);
    if (wraps && policy == EdgePolicy.SKIP) {
      throw new RowException(
          Reason.OUT_OF_BOUNDS, "box " + raw + " crosses the edge of " + w + "x" + h);
    }
    PixelRect rect = raw.clampTo(w, h);
    if (wraps) {
      flags.add(EdgeFlag.CLAMPED);
    }
    if (rect.isEmpty()) {
      throw new RowException(
          Reason.EMPTY_CROP, "box " + raw + " covers no pixel of " + w + "x" + h);
    }
    return new Placement(rect, flags);
  }

  @Override
  public RegionHint region(ManifestEntry entry) {
    Box box = entry.box();
    if (!box.isFinite() || box.width() <= 0 || box.height() <= 0) {
      return RegionHint.WHOLE;
    }
    return (w, h) -> box.toPixels(w, h).clampTo(w, h);
  }

  /** The reference log's edge flags for an unclamped rectangle of a W x H image. */
  static EnumSet<EdgeFlag> edgeFlags(PixelRect r, int w, int h) {
    EnumSet<EdgeFlag> f = EnumSet.noneOf(EdgeFlag.class);
    if (r.x1() < 0) f.add(EdgeFlag.X1_NEGATIVE);
    if (r.y1() < 0) f.add(EdgeFlag.Y1_NEGATIVE);
    if (r.x2() < 0) f.add(EdgeFlag.X2_NEGATIVE);
    if (r.y2() < 0) f.add(EdgeFlag.Y2_NEGATIVE);
    if (r.x1() > w) f.add(EdgeFlag.X1_PAST_EDGE);
    if (r.y1() > h) f.add(EdgeFlag.Y1_PAST_EDGE);
    if (r.x2() > w) f.add(EdgeFlag.X2_PAST_EDGE);
    if (r.y2() > h) f.add(EdgeFlag.Y2_PAST_EDGE);
    if (r.x1() == r.x2() || r.y1() == r.y2()) f.add(EdgeFlag.ZERO_BOX);
    return f;
  }

  @Override
  public String toString() {
    return "Cropper.reference(" + policy + ")";
  }
}
