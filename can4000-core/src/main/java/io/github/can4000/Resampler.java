package io.github.can4000;

/**
 * Separable resampling of 8-bit interleaved pixels, horizontal pass first. Along each axis:
 *
 * <ul>
 *   <li>shrinking: area averaging, each output pixel the mean of the source area it covers, source
 *       pixels weighted by the fraction they overlap (as AWT's {@code AreaAveragingScaleFilter});
 *   <li>enlarging: bilinear interpolation between pixel centres, edges repeated;
 *   <li>same size: a copy.
 * </ul>
 *
 * <p>With 4 channels the colour is weighted by alpha (premultiplied), so fully transparent pixels
 * do not bleed their colour into their neighbours.
 */
final class Resampler {
  private Resampler() {}

  /** For each output index: the first source index and the weights of consecutive source pixels. */
  private static final class Weights {
    final int[] start;
    final double[][] w;

    Weights(int out) {
      start = new int[out];
      w = new double[out][];
    }
  }

  static Weights weights(int in, int out) {
    Weights t = new Weights(out);
    if (out < in) {
      double scale = (double) in / out;
      for (int i = 0; i < out; i++) {
        double lo = i * scale;
        double hi = Math.min(in, (i + 1) * scale);
        int first = (int) Math.floor(lo);
        int last = Math.min(in - 1, (int) Math.ceil(hi) - 1);
        double[] w = new double[last - first + 1];
        double sum = 0;
        for (int j = first; j <= last; j++) {
          double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
          w[j - first] = Math.max(0, overlap);
          sum += w[j - first];
        }
        for (int k = 0; k < w.length; k++) {
          w[k] /= sum;
        }
        t.start[i] = first;
        t.w[i] = w;
      }
    } else if (out > in) {
      double scale = (double) in / out;
      for (int i = 0; i < out; i++) {
        double centre = (i + 0.5) * scale - 0.5;
        if (centre <= 0) {
          t.start[i] = 0;
          t.w[i] = new double[] {1};
        } else if (centre >= in - 1) {
          t.start[i] = in - 1;
          t.w[i] = new double[] {1};
        } else {
          int j = (int) Math.floor(centre);
          double f = centre - j;
          t.start[i] = j;
          t.w[i] = new double[] {1 - f, f};
        }
      }
    } else {
      for (int i = 0; i < out; i++) {
        t.start[i] = i;
        t.w[i] = new double[] {1};
      }
    }
    return t;
  }

  static byte[] resize(byte[] src, int width, int height, int channels, int outW, int outH) {
    boolean alpha = channels == 4;
    // horizontal pass: bytes -> doubles (premultiplied when there is alpha), outW x height
    Weights wx = weights(width, outW);
    double[] mid = new double[outW * height * channels];
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < outW; x++) {
        int o = (y * outW + x) * channels;
        double[] w = wx.w[x];
        int s0 = wx.start[x];
        for (int k = 0; k < w.length; k++) {
          int p = (row + s0 + k) * channels;
          double a = alpha ? (src[p + 3] & 0xFF) / 255.0 : 1;
          for (int c = 0; c < channels; c++) {
            double v = src[p + c] & 0xFF;
            mid[o + c] += w[k] * (alpha && c < 3 ? v * a : v);
          }
        }
      }
    }
    // vertical pass: doubles -> bytes, outW x outH
    Weights wy = weights(height, outH);
    byte[] out = new byte[outW * outH * channels];
    double[] acc = new double[channels];
    for (int y = 0; y < outH; y++) {
      double[] w = wy.w[y];
      int s0 = wy.start[y];
      for (int x = 0; x < outW; x++) {
        java.util.Arrays.fill(acc, 0);
        for (int k = 0; k < w.length; k++) {
          int p = ((s0 + k) * outW + x) * channels;
          for (int c = 0; c < channels; c++) {
            acc[c] += w[k] * mid[p + c];
          }
        }
        int o = (y * outW + x) * channels;
        if (alpha) {
          double a = acc[3] / 255.0;
          for (int c = 0; c < 3; c++) {
            out[o + c] = toByte(a > 0 ? acc[c] / a : 0);
          }
          out[o + 3] = toByte(acc[3]);
        } else {
          for (int c = 0; c < channels; c++) {
            out[o + c] = toByte(acc[c]);
          }
        }
      }
    }
    return out;
  }

  private static byte toByte(double v) {
    long r = Math.round(v);
    return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
  }
}
