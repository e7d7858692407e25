package io.github.can4000.internal;

import java.util.Arrays;

/**
 * Separable resampling of 8-bit interleaved pixels with weights computed once per call. Along each
 * axis:
 *
 * <ul>
 *   <li>shrinking: area averaging, each output pixel the mean of the source area it covers, source
 *       pixels weighted by the fraction they overlap (OpenCV's {@code INTER_AREA});
 *   <li>enlarging: bilinear interpolation between pixel centres, edges repeated (OpenCV's {@code
 *       INTER_LINEAR});
 *   <li>same size: a copy;
 *   <li>shrinking along one axis and enlarging along the other: OpenCV's {@code INTER_AREA} rule
 *       for that case along both axes (what {@code cv2.resize(..., interpolation=cv2.INTER_AREA)}
 *       does when a side is larger than the target and the other smaller): two taps, blended only
 *       where an output pixel straddles a source pixel boundary.
 * </ul>
 *
 * <p>The vertical pass runs first, one output row at a time into a single float row buffer, and the
 * horizontal pass turns that row into output bytes: no intermediate image is allocated, and the
 * vertical pass (most of the work when shrinking) is a contiguous multiply-add over whole rows that
 * the JIT vectorises. Values are rounded to the nearest integer; the result is within one grey
 * level of OpenCV's {@code cv2.resize} with the interpolation named above (checked by {@code
 * ResamplerParityTest} against fixtures made by {@code bench/resize_parity.py}).
 *
 * <p>With 4 channels the colour is weighted by alpha (premultiplied), so fully transparent pixels
 * do not bleed their colour into their neighbours.
 */
public final class Resampler {
  private Resampler() {}

  /**
   * For each output index {@code i}: the source indices {@code start[i] .. start[i] + taps[i] - 1}
   * and their weights, {@code weights[offset[i] ..]}, which sum to 1.
   */
  static final class Axis {
    final int[] start;
    final int[] taps;
    final int[] offset;
    final float[] weights;

    private Axis(int[] start, int[] taps, int[] offset, float[] weights) {
      this.start = start;
      this.taps = taps;
      this.offset = offset;
      this.weights = weights;
    }
  }

  /** Returns the weights that take {@code in} source pixels to {@code out} along one axis. */
  static Axis axis(int in, int out) {
    return axis(in, out, false);
  }

  /**
   * Returns the weights that take {@code in} source pixels to {@code out} along one axis; with
   * {@code areaEnlarging}, OpenCV's {@code INTER_AREA} weights for an image that is not shrunk
   * along both axes: two taps, source pixel {@code floor(i * in / out)} and the next, blended only
   * where an output pixel straddles a source pixel boundary.
   */
  static Axis axis(int in, int out, boolean areaEnlarging) {
    if (areaEnlarging) {
      return areaEnlarging(in, out);
    }
    int[] start = new int[out];
    int[] taps = new int[out];
    int[] offset = new int[out];
    if (out < in) {
      double scale = 1.0 / ((double) out / in); // as OpenCV computes it, to floor the same way
      float[] w = new float[out * ((int) Math.ceil(scale) + 2)];
      int n = 0;
      for (int i = 0; i < out; i++) {
        double lo = i * scale;
        double hi = Math.min(in, lo + scale);
        int first = (int) Math.floor(lo);
        int last = Math.min(in - 1, (int) Math.ceil(hi) - 1);
        double cell = hi - lo;
        start[i] = first;
        offset[i] = n;
        for (int j = first; j <= last; j++) {
          double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
          w[n++] = (float) (Math.max(0, overlap) / cell);
        }
        taps[i] = last - first + 1;
      }
      return new Axis(start, taps, offset, w);
    }
    float[] w = new float[2 * out];
    double scale = 1.0 / ((double) out / in); // as OpenCV computes it, to floor the same way
    for (int i = 0; i < out; i++) {
      offset[i] = 2 * i;
      if (out == in) {
        start[i] = i;
        taps[i] = 1;
        w[2 * i] = 1;
        continue;
      }
      double centre = (i + 0.5) * scale - 0.5;
      int j = (int) Math.floor(centre);
      double f = centre - j;
      if (j < 0) {
        j = 0;
        f = 0;
      } else if (j >= in - 1) {
        j = in - 1;
        f = 0;
      }
      start[i] = j;
      if (f == 0) {
        taps[i] = 1;
        w[2 * i] = 1;
      } else {
        taps[i] = 2;
        w[2 * i] = (float) (1 - f);
        w[2 * i + 1] = (float) f;
      }
    }
    return new Axis(start, taps, offset, w);
  }

  private static Axis areaEnlarging(int in, int out) {
    int[] start = new int[out];
    int[] taps = new int[out];
    int[] offset = new int[out];
    float[] w = new float[2 * out];
    double scale = 1.0 / ((double) out / in); // as OpenCV computes it, to floor the same way
    double inverse = (double) out / in;
    for (int i = 0; i < out; i++) {
      int j = (int) Math.floor(i * scale);
      float f = (float) ((i + 1) - (j + 1) * inverse);
      f = f <= 0 ? 0f : f - (float) Math.floor(f);
      if (j >= in - 1) {
        j = in - 1;
        f = 0;
      }
      start[i] = j;
      offset[i] = 2 * i;
      taps[i] = f == 0 ? 1 : 2;
      w[2 * i] = 1 - f;
      w[2 * i + 1] = f;
    }
    return new Axis(start, taps, offset, w);
  }

  /**
   * Returns the weights of both axes: area averaging along both when the image shrinks along both,
   * bilinear along both when it shrinks along neither, and OpenCV's {@code INTER_AREA} rule for the
   * rest (a Python user's {@code cv2.resize(img, size, interpolation=INTER_AREA)} whenever a side
   * is larger than the target).
   */
  private static Axis[] axes(int width, int height, int outW, int outH) {
    boolean mixed = (outW < width || outH < height) && (outW > width || outH > height);
    return new Axis[] {axis(width, outW, mixed), axis(height, outH, mixed)};
  }

  /** Resamples a whole {@code width x height} image. */
  public static byte[] resize(byte[] src, int width, int height, int channels, int outW, int outH) {
    return resize(src, 0, width * channels, width, height, channels, outW, outH);
  }

  /**
   * Resamples the {@code width x height} pixels of {@code src} whose first row starts at {@code
   * offset}, rows {@code stride} bytes apart, to a new {@code outW x outH} array.
   */
  public static byte[] resize(
      byte[] src, int offset, int stride, int width, int height, int channels, int outW, int outH) {
    byte[] out = new byte[outW * outH * channels];
    if (channels == 4) {
      resizeRgba(src, offset, stride, width, height, outW, outH, out);
      return out;
    }
    Axis[] axes = axes(width, height, outW, outH);
    Axis ax = axes[0];
    Axis ay = axes[1];
    int rowLen = width * channels;
    float[] row = new float[rowLen];
    for (int y = 0; y < outH; y++) {
      Arrays.fill(row, 0f);
      int first = ay.start[y];
      int o = ay.offset[y];
      for (int k = 0; k < ay.taps[y]; k++) {
        float wk = ay.weights[o + k];
        int base = offset + (first + k) * stride;
        for (int i = 0; i < rowLen; i++) {
          row[i] += wk * (src[base + i] & 0xFF);
        }
      }
      horizontal(row, channels, ax, out, y * outW * channels, outW);
    }
    return out;
  }

  private static void horizontal(float[] row, int channels, Axis ax, byte[] out, int at, int outW) {
    if (channels == 3) {
      for (int x = 0; x < outW; x++, at += 3) {
        float r = 0;
        float g = 0;
        float b = 0;
        int p = ax.start[x] * 3;
        int o = ax.offset[x];
        for (int k = 0, n = ax.taps[x]; k < n; k++, p += 3) {
          float wk = ax.weights[o + k];
          r += wk * row[p];
          g += wk * row[p + 1];
          b += wk * row[p + 2];
        }
        out[at] = toByte(r);
        out[at + 1] = toByte(g);
        out[at + 2] = toByte(b);
      }
      return;
    }
    for (int x = 0; x < outW; x++) {
      int o = ax.offset[x];
      for (int c = 0; c < channels; c++) {
        float v = 0;
        int p = ax.start[x] * channels + c;
        for (int k = 0, n = ax.taps[x]; k < n; k++, p += channels) {
          v += ax.weights[o + k] * row[p];
        }
        out[at++] = toByte(v);
      }
    }
  }

  /**
   * Premultiplies one source row of RGBA bytes into {@code pre}: colour times alpha / 255, alpha
   * kept. One row at a time, so no premultiplied copy of the whole image is made.
   */
  private static void premultiplyRow(byte[] src, int p, int width, float[] pre) {
    for (int x = 0, o = 0; x < width; x++, p += 4, o += 4) {
      float a = (src[p + 3] & 0xFF) / 255f;
      pre[o] = (src[p] & 0xFF) * a;
      pre[o + 1] = (src[p + 1] & 0xFF) * a;
      pre[o + 2] = (src[p + 2] & 0xFF) * a;
      pre[o + 3] = src[p + 3] & 0xFF;
    }
  }

  /** RGBA: resampled in premultiplied floats, straight bytes out. */
  private static void resizeRgba(
      byte[] src, int offset, int stride, int width, int height, int outW, int outH, byte[] out) {
    Axis[] axes = axes(width, height, outW, outH);
    Axis ax = axes[0];
    Axis ay = axes[1];
    int rowLen = width * 4;
    float[] row = new float[rowLen];
    float[] pre = new float[rowLen];
    float[] acc = new float[4];
    for (int y = 0; y < outH; y++) {
      Arrays.fill(row, 0f);
      for (int k = 0; k < ay.taps[y]; k++) {
        float wk = ay.weights[ay.offset[y] + k];
        premultiplyRow(src, offset + (ay.start[y] + k) * stride, width, pre);
        for (int i = 0; i < rowLen; i++) {
          row[i] += wk * pre[i];
        }
      }
      for (int x = 0; x < outW; x++) {
        Arrays.fill(acc, 0f);
        int p = ax.start[x] * 4;
        for (int k = 0; k < ax.taps[x]; k++, p += 4) {
          float wk = ax.weights[ax.offset[x] + k];
          for (int c = 0; c < 4; c++) {
            acc[c] += wk * row[p + c];
          }
        }
        int o = (y * outW + x) * 4;
        float a = acc[3] / 255f;
        for (int c = 0; c < 3; c++) {
          out[o + c] = toByte(a > 0 ? acc[c] / a : 0);
        }
        out[o + 3] = toByte(acc[3]);
      }
    }
  }

  private static byte toByte(float v) {
    int r = (int) (v + 0.5f);
    return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
  }
}
