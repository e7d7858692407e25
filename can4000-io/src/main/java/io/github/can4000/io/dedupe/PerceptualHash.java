package io.github.can4000.io.dedupe;

import io.github.can4000.ImageData;
import java.util.Arrays;

/**
 * The 64-bit DCT perceptual hash (pHash). Steps:
 *
 * <ol>
 *   <li>luminance {@code 0.299 R + 0.587 G + 0.114 B} (alpha ignored);
 *   <li>shrink to 32 x 32 by area averaging (each output cell is the mean of the source pixels it
 *       covers), which also low-pass filters;
 *   <li>2-D DCT-II; keep the 8 x 8 lowest frequencies without the DC row and column ({@code u, v =
 *       1..8}), which carry the picture's coarse structure but not its mean brightness;
 *   <li>bit {@code 63 - (8 (u - 1) + (v - 1))} is 1 when that coefficient is above the median of the
 *       64.
 * </ol>
 */
final class PerceptualHash {
  static final int SIZE = 32;
  private static final int BITS = 8;
  /** COS[u][x] = cos((2x + 1) u pi / 64). */
  private static final double[][] COS = new double[BITS + 1][SIZE];

  static {
    for (int u = 0; u <= BITS; u++) {
      for (int x = 0; x < SIZE; x++) {
        COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * SIZE));
      }
    }
  }

  private PerceptualHash() {}

  static long of(ImageData image) {
    return ofGray(shrink(image));
  }

  /** Shrinks the luminance of {@code image} to 32 x 32 by area averaging. */
  static double[] shrink(ImageData image) {
    int w = image.width();
    int h = image.height();
    int ch = image.channels();
    byte[] px = image.toByteArray();
    // separable area averaging: columns first, then rows, with fractional pixel coverage; the
    // luminance of each row is computed into a one-row buffer (the same values, in the same order,
    // as a whole-image luminance array, without its 8 bytes per pixel)
    double[] lum = new double[w];
    double[] cols = new double[SIZE * h];
    for (int y = 0, p = 0; y < h; y++) {
      for (int x = 0; x < w; x++, p += ch) {
        if (ch == 1) {
          lum[x] = px[p] & 0xFF;
        } else {
          lum[x] = 0.299 * (px[p] & 0xFF) + 0.587 * (px[p + 1] & 0xFF) + 0.114 * (px[p + 2] & 0xFF);
        }
      }
      resample(lum, 0, 1, w, cols, y * SIZE, 1);
    }
    double[] out = new double[SIZE * SIZE];
    for (int x = 0; x < SIZE; x++) {
      resample(cols, x, SIZE, h, out, x, SIZE);
    }
    return out;
  }

  /** Resamples {@code n} values (start, stride) to {@link #SIZE} values by area averaging. */
  private static void resample(double[] src, int start, int stride, int n, double[] dst, int dstStart, int dstStride) {
    double scale = (double) n / SIZE;
    for (int i = 0; i < SIZE; i++) {
      double a = i * scale;
      double b = (i + 1) * scale;
      double sum = 0;
      int k = (int) Math.floor(a);
      // pixels partly covered (at most the first and the last), pixels wholly covered, then the last
      // one if partly covered: the same terms in the same order as one loop over all of them, since
      // a wholly covered pixel's cover is exactly 1
      while (k < b && k < n && (k < a || k + 1 > b)) {
        double cover = Math.min(b, k + 1) - Math.max(a, k);
        sum += cover * src[start + k * stride];
        k++;
      }
      while (k + 1 <= b && k < n) {
        sum += src[start + k * stride];
        k++;
      }
      while (k < b && k < n) {
        double cover = Math.min(b, k + 1) - Math.max(a, k);
        sum += cover * src[start + k * stride];
        k++;
      }
      dst[dstStart + i * dstStride] = sum / (b - a);
    }
  }

  static long ofGray(double[] gray) {
    // T = COS[1..8] x P  (8 x 32), then F = T x COS[1..8]^T (8 x 8)
    double[][] t = new double[BITS][SIZE];
    for (int u = 0; u < BITS; u++) {
      double[] c = COS[u + 1];
      for (int x = 0; x < SIZE; x++) {
        double s = 0;
        for (int y = 0; y < SIZE; y++) {
          s += c[y] * gray[y * SIZE + x];
        }
        t[u][x] = s;
      }
    }
    double[] f = new double[BITS * BITS];
    for (int u = 0; u < BITS; u++) {
      for (int v = 0; v < BITS; v++) {
        double[] c = COS[v + 1];
        double s = 0;
        for (int x = 0; x < SIZE; x++) {
          s += t[u][x] * c[x];
        }
        f[u * BITS + v] = s;
      }
    }
    double[] sorted = f.clone();
    Arrays.sort(sorted);
    double median = (sorted[31] + sorted[32]) / 2;
    long hash = 0;
    for (int i = 0; i < f.length; i++) {
      if (f[i] > median) {
        hash |= 1L << (63 - i);
      }
    }
    return hash;
  }
}
