package io.github.can4000.io.dedupe;

import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.spi.DecodedImage;
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
 *   <li>bit {@code 63 - (8 (u - 1) + (v - 1))} is 1 when that coefficient is above the median of
 *       the 64.
 * </ol>
 */
final class PerceptualHash {
  static final int SIZE = 32;
  private static final int BITS = 8;

  /** Pixels per strip when hashing a region of a decoded source. */
  private static final int STRIP_PIXELS = 1 << 16;

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
    Shrinker s = new Shrinker(image.width(), image.height());
    s.addRows(image.toByteArray(), image.channels(), image.height());
    return ofGray(s.result());
  }

  /**
   * Returns the hash of {@code rect} of a decoded source, read in strips of rows so that the region
   * is never copied whole.
   */
  static long of(DecodedImage image, PixelRect rect) {
    int w = rect.width();
    Shrinker s = new Shrinker(w, rect.height());
    int strip = Math.max(1, STRIP_PIXELS / w);
    for (int y = rect.y1(); y < rect.y2(); y += strip) {
      int rows = Math.min(strip, rect.y2() - y);
      ImageData part = image.crop(new PixelRect(rect.x1(), y, rect.x2(), y + rows));
      s.addRows(part.toByteArray(), part.channels(), rows);
    }
    return ofGray(s.result());
  }

  /** Shrinks the luminance of {@code image} to 32 x 32 by area averaging (for tests). */
  static double[] shrink(ImageData image) {
    Shrinker s = new Shrinker(image.width(), image.height());
    s.addRows(image.toByteArray(), image.channels(), image.height());
    return s.result();
  }

  /**
   * Area averaging to 32 x 32 in exact integer arithmetic, row by row. Coordinates are scaled by 32
   * along each axis, so that pixel {@code k} spans {@code [32k, 32k + 32)} and cell {@code i} spans
   * {@code [i n, (i + 1) n)}: every overlap is a whole number from 0 to 32, and the luminance
   * {@code 299 R + 587 G + 114 B} is an integer too. Each cell's sum is therefore exact, and the
   * result, divided by the cell area, equals the real-valued area average; no pixel is converted to
   * floating point.
   */
  static final class Shrinker {
    private final int width;
    private final int height;

    /** For each cell column: first and last source column it touches, and their overlaps. */
    private final int[] firstX = new int[SIZE];

    private final int[] lastX = new int[SIZE];
    private final int[] firstCoverX = new int[SIZE];
    private final int[] lastCoverX = new int[SIZE];
    private final long[] row = new long[SIZE];
    private final long[] cells = new long[SIZE * SIZE];
    private int y;

    Shrinker(int width, int height) {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
      }
      this.width = width;
      this.height = height;
      for (int i = 0; i < SIZE; i++) {
        long a = (long) i * width;
        long b = (long) (i + 1) * width;
        firstX[i] = (int) (a / SIZE);
        lastX[i] = (int) ((b - 1) / SIZE);
        firstCoverX[i] = cover(firstX[i], a, b);
        lastCoverX[i] = cover(lastX[i], a, b);
      }
    }

    /** The overlap of pixel {@code k}, {@code [32k, 32k + 32)}, with {@code [a, b)}. */
    private static int cover(int k, long a, long b) {
      return (int) Math.max(0, Math.min(b, (long) SIZE * k + SIZE) - Math.max(a, (long) SIZE * k));
    }

    /**
     * Adds {@code rows} rows of interleaved pixels ({@code channels} of 1, 3 or 4; alpha ignored).
     */
    void addRows(byte[] px, int channels, int rows) {
      for (int r = 0; r < rows; r++) {
        addRow(px, r * width * channels, channels);
      }
    }

    private void addRow(byte[] px, int off, int ch) {
      if (y >= height) {
        throw new IllegalStateException("more than " + height + " rows");
      }
      for (int i = 0; i < SIZE; i++) {
        int k0 = firstX[i];
        int k1 = lastX[i];
        long sum;
        if (k0 == k1) {
          sum = lum(px, off + k0 * ch, ch) * firstCoverX[i];
        } else {
          sum =
              lum(px, off + k0 * ch, ch) * firstCoverX[i]
                  + lum(px, off + k1 * ch, ch) * lastCoverX[i]
                  + SIZE * lumSum(px, off, ch, k0 + 1, k1);
        }
        row[i] = sum;
      }
      // the row's vertical span [32y, 32y + 32) against cell rows [j h, (j + 1) h)
      long top = (long) SIZE * y;
      int j0 = (int) (top / height);
      int j1 = (int) Math.min(SIZE - 1, (top + SIZE - 1) / height);
      for (int j = j0; j <= j1; j++) {
        long cover =
            Math.min((long) (j + 1) * height, top + SIZE) - Math.max((long) j * height, top);
        if (cover <= 0) {
          continue;
        }
        int base = j * SIZE;
        for (int i = 0; i < SIZE; i++) {
          cells[base + i] += row[i] * cover;
        }
      }
      y++;
    }

    /** Luminance times 1000 of the pixel at {@code p}. */
    private static long lum(byte[] px, int p, int ch) {
      if (ch == 1) {
        return 1000L * (px[p] & 0xFF);
      }
      return 299L * (px[p] & 0xFF) + 587L * (px[p + 1] & 0xFF) + 114L * (px[p + 2] & 0xFF);
    }

    /**
     * Sum of the luminance times 1000 of pixels {@code from} (inclusive) to {@code to} (exclusive).
     */
    private static long lumSum(byte[] px, int off, int ch, int from, int to) {
      int end = off + to * ch;
      if (ch == 1) {
        long s = 0;
        for (int p = off + from; p < end; p++) {
          s += px[p] & 0xFF;
        }
        return 1000L * s;
      }
      long r = 0;
      long g = 0;
      long b = 0;
      for (int p = off + from * ch; p < end; p += ch) {
        r += px[p] & 0xFF;
        g += px[p + 1] & 0xFF;
        b += px[p + 2] & 0xFF;
      }
      return 299L * r + 587L * g + 114L * b;
    }

    /** Returns the 32 x 32 cell means (luminance 0 to 255), row by row. */
    double[] result() {
      if (y != height) {
        throw new IllegalStateException("got " + y + " of " + height + " rows");
      }
      // each cell sums luminance x 1000 x overlap (up to 32 x 32 per pixel) over an area of
      // (width / 32) x (height / 32) pixels
      double area = 1000.0 * width * height;
      double[] out = new double[SIZE * SIZE];
      for (int k = 0; k < out.length; k++) {
        out[k] = cells[k] / area;
      }
      return out;
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
