package io.github.can4000;

import java.util.Arrays;

/**
 * Per-channel normalisation of pixel values for a model's input: channel {@code c} of a pixel with
 * value {@code v} (0..255) becomes {@code (v / 255 - mean[c]) / std[c]}. A normalisation with one
 * value applies it to every channel of any image; one with three values always gives RGB (gray
 * repeated, alpha dropped) and one with four values RGBA, whatever the source ({@link
 * ImageData#toFloatArray(ImageData.Layout, Normalization)}).
 *
 * <pre>{@code
 * float[] x = sample.image().toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET);   // 3 x h x w
 * }</pre>
 */
public final class Normalization {
  /** No normalisation: values {@code v / 255} in [0, 1], for any number of channels. */
  public static final Normalization NONE = new Normalization(new float[] {0f}, new float[] {1f});

  /**
   * The ImageNet RGB statistics most pretrained vision models expect: mean {@code (0.485, 0.456,
   * 0.406)}, standard deviation {@code (0.229, 0.224, 0.225)}.
   */
  public static final Normalization IMAGENET =
      new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

  private final float[] mean;
  private final float[] std;

  /**
   * {@link #table} by channel count, 1 to 4, null where the normalisation does not fit; computed
   * here, so the final field publishes them safely to every thread.
   */
  private final float[][][] tables;

  private Normalization(float[] mean, float[] std) {
    this.mean = mean;
    this.std = std;
    float[][][] t = new float[5][][];
    for (int c = 1; c < t.length; c++) {
      if (fits(c)) {
        t[c] = computeTable(c);
      }
    }
    this.tables = t;
  }

  /**
   * Returns a normalisation with the given per-channel mean and standard deviation, on the [0, 1]
   * scale. The arrays are copied.
   *
   * @throws IllegalArgumentException if the lengths differ or are not 1, 3 or 4, a value is not
   *     finite, or a standard deviation is not positive
   */
  public static Normalization of(float[] mean, float[] std) {
    if (mean.length != std.length || mean.length == 2 || mean.length < 1 || mean.length > 4) {
      throw new IllegalArgumentException(
          "mean and std must have the same length, 1, 3 or 4: "
              + Arrays.toString(mean)
              + ", "
              + Arrays.toString(std));
    }
    for (int c = 0; c < mean.length; c++) {
      if (!Float.isFinite(mean[c])) {
        throw new IllegalArgumentException("mean must be finite: " + Arrays.toString(mean));
      }
      if (!(std[c] > 0) || !Float.isFinite(std[c])) {
        throw new IllegalArgumentException(
            "std must be positive and finite: " + Arrays.toString(std));
      }
    }
    return new Normalization(mean.clone(), std.clone());
  }

  /** Returns the per-channel means, a copy. */
  public float[] mean() {
    return mean.clone();
  }

  /** Returns the per-channel standard deviations, a copy. */
  public float[] std() {
    return std.clone();
  }

  /** Returns whether this normalisation has one value or one per channel of {@code channels}. */
  public boolean fits(int channels) {
    return mean.length == 1 || mean.length == channels;
  }

  /**
   * Returns how many channels {@link ImageData#toFloatArray(ImageData.Layout, Normalization)} gives
   * for an image of {@code imageChannels}: that number for a single-value normalisation, otherwise
   * the normalisation's own number of values.
   */
  public int outputChannels(int imageChannels) {
    return mean.length == 1 ? imageChannels : mean.length;
  }

  /**
   * For each channel and value, the normalised float, computed once per channel count up to 4.
   * Callers must not change it.
   */
  float[][] table(int channels) {
    if (!fits(channels)) {
      throw new IllegalArgumentException(
          "normalisation " + this + " does not fit " + channels + " channels");
    }
    return channels < tables.length ? tables[channels] : computeTable(channels);
  }

  private float[][] computeTable(int channels) {
    float[][] t = new float[channels][256];
    for (int c = 0; c < channels; c++) {
      float m = mean[mean.length == 1 ? 0 : c];
      float s = std[std.length == 1 ? 0 : c];
      for (int v = 0; v < 256; v++) {
        t[c][v] = (v / 255f - m) / s;
      }
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization
        && Arrays.equals(mean, ((Normalization) o).mean)
        && Arrays.equals(std, ((Normalization) o).std);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
