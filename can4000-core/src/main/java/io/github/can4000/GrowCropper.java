package io.github.can4000;

import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.RegionHint;
import io.github.can4000.spi.RowException;

/**
 * Grows the rectangle of another cropper, around its centre, and clamps the result to the image: to
 * a square ({@link Cropper#square()}) or by a margin ({@link Cropper#margin(double)}).
 */
final class GrowCropper extends RectCropper {
  static final double MAX_MARGIN = 10;

  private final Cropper inner;

  /** Negative for a square, otherwise the margin fraction. */
  private final double margin;

  private GrowCropper(Cropper inner, double margin) {
    this.inner = inner;
    this.margin = margin;
  }

  static GrowCropper square(Cropper inner) {
    return new GrowCropper(inner, -1);
  }

  static GrowCropper margin(Cropper inner, double fraction) {
    if (!(fraction >= 0 && fraction <= MAX_MARGIN)) {
      throw new IllegalArgumentException(
          "margin must be between 0 and " + MAX_MARGIN + ": " + fraction);
    }
    return new GrowCropper(inner, fraction);
  }

  @Override
  Placement place(ManifestEntry entry, DecodedImage source) throws RowException {
    Placement p = placementOf(inner, entry, source);
    PixelRect grown = margin < 0 ? square(p.rect()) : margin(p.rect(), margin);
    return new Placement(grown.clampTo(source.width(), source.height()), p.flags());
  }

  /**
   * Returns the inner cropper's region grown as {@link #place} grows its rectangle, so a decoder
   * reads only the grown box: exactly the pixels this cropper cuts.
   */
  @Override
  public RegionHint region(ManifestEntry entry) {
    RegionHint in = inner.region(entry);
    return (w, h) -> {
      PixelRect r = in.region(w, h);
      if (r == null) {
        return null;
      }
      r = r.clampTo(w, h);
      return (margin < 0 ? square(r) : margin(r, margin)).clampTo(w, h);
    };
  }

  /** Grows the shorter side to the longer around the centre; an odd extra pixel goes right/down. */
  static PixelRect square(PixelRect r) {
    int w = r.width();
    int h = r.height();
    if (w < h) {
      int x1 = r.x1() - (h - w) / 2;
      return new PixelRect(x1, r.y1(), x1 + h, r.y2());
    }
    if (h < w) {
      int y1 = r.y1() - (w - h) / 2;
      return new PixelRect(r.x1(), y1, r.x2(), y1 + w);
    }
    return r;
  }

  /** Grows each side by {@code round(fraction * width)} (left, right) or height (top, bottom). */
  static PixelRect margin(PixelRect r, double fraction) {
    int dx = (int) Math.round(fraction * r.width());
    int dy = (int) Math.round(fraction * r.height());
    return new PixelRect(r.x1() - dx, r.y1() - dy, r.x2() + dx, r.y2() + dy);
  }

  @Override
  public String toString() {
    return inner + (margin < 0 ? ".square()" : ".margin(" + margin + ")");
  }
}
