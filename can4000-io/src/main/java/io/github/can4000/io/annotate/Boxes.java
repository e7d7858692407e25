package io.github.can4000.io.annotate;

import io.github.can4000.Box;
import io.github.can4000.PixelRect;

/** Conversions between pixel rectangles and manifest boxes. */
final class Boxes {
  private static final int NUDGES = 4;

  private Boxes() {}

  /**
   * Returns the manifest box of the pixel rectangle {@code [x0,x1) x [y0,y1)} of a {@code w x h}
   * image, chosen so that {@link Box#toPixels} gives back exactly that rectangle: the centre and
   * size are computed, then nudged by a few units in the last place if rounding would move an edge.
   */
  static Box fromPixels(int x0, int y0, int x1, int y1, int w, int h) {
    double[] xs = exact(x0, x1, w);
    double[] ys = exact(y0, y1, h);
    return new Box(xs[0], ys[0], xs[1], ys[1]);
  }

  /** Returns the box of a rectangle given in fractional pixels (a detector's output), unrounded. */
  static Box fromPixels(double x0, double y0, double x1, double y1, int w, int h) {
    return new Box((x0 + x1) / 2 / w, (y0 + y1) / 2 / h, (x1 - x0) / w, (y1 - y0) / h);
  }

  private static double[] exact(int lo, int hi, int size) {
    double c = (lo + hi) / 2.0 / size;
    double s = (hi - lo) / (double) size;
    for (int i = 0; i <= NUDGES; i++) {
      for (int j = 0; j <= NUDGES; j++) {
        for (int sc = -1; sc <= 1; sc += 2) {
          for (int ss = -1; ss <= 1; ss += 2) {
            double cc = nudge(c, sc * i);
            double s2 = nudge(s, ss * j);
            if ((int) ((cc - s2 / 2) * size) == lo && (int) ((cc + s2 / 2) * size) == hi) {
              return new double[] {cc, s2};
            }
          }
        }
      }
    }
    return new double[] {c, s};
  }

  private static double nudge(double v, int ulps) {
    double r = v;
    for (int k = 0; k < Math.abs(ulps); k++) {
      r = ulps > 0 ? Math.nextUp(r) : Math.nextDown(r);
    }
    return r;
  }

  /** Returns the rectangle {@link Box#toPixels} gives, for messages and tests. */
  static PixelRect pixels(Box b, int w, int h) {
    return b.toPixels(w, h);
  }
}
