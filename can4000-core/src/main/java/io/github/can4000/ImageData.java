package io.github.can4000;

import io.github.can4000.internal.ImageDataAccess;
import io.github.can4000.internal.PixelConversion;
import io.github.can4000.internal.Resampler;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.Objects;

/**
 * Immutable 8-bit pixels: {@code width x height} pixels of 1 (gray), 3 (RGB) or 4 (RGBA) channels,
 * interleaved row by row. The pixel array is never exposed; read values with {@link #get}, or
 * convert with {@link #toBufferedImage()}, {@link #toPng()} or {@link #toFloatArray(Layout)}.
 */
public final class ImageData {
  /** Order of the values in {@link #toFloatArray(Layout)}. */
  public enum Layout {
    /** Channel, then row, then column (PyTorch, DJL NCHW). */
    CHW,
    /** Row, then column, then channel (TensorFlow, interleaved). */
    HWC
  }

  static {
    ImageDataAccess.install(ImageData::new);
  }

  private final int width;
  private final int height;
  private final int channels;
  private final byte[] pixels;

  ImageData(int width, int height, int channels, byte[] pixels) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
    }
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException("channels must be 1, 3 or 4: " + channels);
    }
    if (pixels.length != width * height * channels) {
      throw new IllegalArgumentException(
          "expected " + width * height * channels + " bytes, got " + pixels.length);
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.pixels = pixels;
  }

  /**
   * Returns pixels copied from interleaved 8-bit values in gray, RGB or RGBA order.
   *
   * @throws IllegalArgumentException if the sizes do not match
   */
  public static ImageData of(int width, int height, int channels, byte[] interleaved) {
    return new ImageData(width, height, channels, interleaved.clone());
  }

  /** Returns the pixels of a whole {@link BufferedImage}, converted to 8-bit gray, RGB or RGBA. */
  public static ImageData of(BufferedImage image) {
    return PixelConversion.region(
        image, 0, 0, image.getWidth(), image.getHeight(), PixelConversion.channelsOf(image));
  }

  /** Returns the width in pixels. */
  public int width() {
    return width;
  }

  /** Returns the height in pixels. */
  public int height() {
    return height;
  }

  /** Returns the number of channels: 1 (gray), 3 (RGB) or 4 (RGBA). */
  public int channels() {
    return channels;
  }

  /**
   * Returns the value 0..255 of channel {@code c} of the pixel at column {@code x}, row {@code y}.
   */
  public int get(int x, int y, int c) {
    Objects.checkIndex(x, width);
    Objects.checkIndex(y, height);
    Objects.checkIndex(c, channels);
    return pixels[(y * width + x) * channels + c] & 0xFF;
  }

  /** The interleaved values themselves, for this package's code that does not modify them. */
  byte[] pixels() {
    return pixels;
  }

  /** Returns the interleaved values as a copy. */
  public byte[] toByteArray() {
    return pixels.clone();
  }

  /** Returns the sub-image {@code rect}, which must lie within this image and not be empty. */
  public ImageData crop(PixelRect rect) {
    if (rect.isEmpty() || !rect.isWithin(width, height)) {
      throw new IllegalArgumentException(
          "crop " + rect + " is empty or outside " + width + "x" + height);
    }
    int w = rect.width();
    int h = rect.height();
    byte[] out = new byte[w * h * channels];
    for (int row = 0; row < h; row++) {
      System.arraycopy(
          pixels,
          ((rect.y1() + row) * width + rect.x1()) * channels,
          out,
          row * w * channels,
          w * channels);
    }
    return new ImageData(w, h, channels, out);
  }

  /**
   * Returns these pixels resampled to {@code newWidth x newHeight}, as OpenCV's {@code cv2.resize}
   * does when called the way a Python training script calls it (within one grey level, checked on
   * the bench corpus):
   *
   * <ul>
   *   <li>shrinking along both axes: <b>area averaging</b> ({@code INTER_AREA}), each output pixel
   *       the mean of the source area it covers, source pixels weighted by how much of them it
   *       covers, so shrinking by large ratios does not alias;
   *   <li>enlarging along both axes: bilinear interpolation between pixel centres, edge pixels
   *       repeated ({@code INTER_LINEAR});
   *   <li>shrinking along one axis and enlarging along the other: OpenCV's {@code INTER_AREA} rule
   *       for that case (two taps per axis, blended only where an output pixel straddles a source
   *       pixel boundary);
   *   <li>an unchanged size returns this image.
   * </ul>
   *
   * <p>Weights are computed once per call and the passes run over whole rows, without an
   * intermediate image. Values are rounded to the nearest integer. With an alpha channel, colours
   * are weighted by alpha, so transparent pixels do not tint their neighbours.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public ImageData resize(int newWidth, int newHeight) {
    if (newWidth <= 0 || newHeight <= 0) {
      throw new IllegalArgumentException("size must be positive: " + newWidth + "x" + newHeight);
    }
    if (newWidth == width && newHeight == height) {
      return this;
    }
    return new ImageData(
        newWidth,
        newHeight,
        channels,
        Resampler.resize(pixels, width, height, channels, newWidth, newHeight));
  }

  /**
   * Returns the values as floats in [0, 1] ({@code value / 255}) in the given layout, one value per
   * channel of this image; RGB order, alpha last.
   */
  public float[] toFloatArray(Layout layout) {
    return toFloatArray(layout, Normalization.NONE);
  }

  /**
   * Returns the values as floats in the given layout, normalised per channel: {@code (value / 255 -
   * mean[c]) / std[c]}. The normalisation decides how many channels come out, whatever the source,
   * so every crop of a dataset gives the same shape and nothing fails mid-epoch:
   *
   * <ul>
   *   <li>one value ({@link Normalization#NONE}): this image's channels;
   *   <li>three values ({@link Normalization#IMAGENET}): RGB, as {@link #toRgb()}: gray repeated,
   *       alpha dropped (the colour values kept as stored, as OpenCV's {@code IMREAD_COLOR} does);
   *   <li>four values: RGBA, gray repeated, an opaque alpha (255) added where there is none.
   * </ul>
   */
  public float[] toFloatArray(Layout layout, Normalization normalization) {
    float[] out = new float[width * height * normalization.outputChannels(channels)];
    toFloatArray(layout, normalization, out, 0);
    return out;
  }

  /**
   * Writes the values of {@link #toFloatArray(Layout, Normalization)} into {@code dst} from {@code
   * offset}, so a batch can be filled without an array per image: {@code width() x height() x
   * normalization.outputChannels(channels())} values.
   *
   * @throws IndexOutOfBoundsException if {@code dst} is too short
   */
  public void toFloatArray(Layout layout, Normalization normalization, float[] dst, int offset) {
    int c = normalization.outputChannels(channels);
    ImageData src = c == channels ? this : c == 3 ? toRgb() : toRgba();
    Objects.checkFromIndexSize(offset, width * height * c, dst.length);
    writeFloats(src.pixels, width * height, c, layout, normalization.table(c), dst, offset);
  }

  /** Converts {@code n} pixels of {@code c} interleaved channels through per-channel tables. */
  static void writeFloats(
      byte[] px, int n, int c, Layout layout, float[][] table, float[] dst, int offset) {
    if (layout == Layout.HWC) {
      for (int i = 0, len = n * c; i < len; i++) {
        dst[offset + i] = table[i % c][px[i] & 0xFF];
      }
    } else if (c == 3) {
      float[] t0 = table[0];
      float[] t1 = table[1];
      float[] t2 = table[2];
      int o1 = offset + n;
      int o2 = offset + 2 * n;
      for (int p = 0, i = 0; p < n; p++, i += 3) {
        dst[offset + p] = t0[px[i] & 0xFF];
        dst[o1 + p] = t1[px[i + 1] & 0xFF];
        dst[o2 + p] = t2[px[i + 2] & 0xFF];
      }
    } else {
      for (int p = 0; p < n; p++) {
        for (int ch = 0; ch < c; ch++) {
          dst[offset + ch * n + p] = table[ch][px[p * c + ch] & 0xFF];
        }
      }
    }
  }

  /** Returns these pixels as RGBA: gray repeated, alpha 255 where there is none. */
  ImageData toRgba() {
    if (channels == 4) {
      return this;
    }
    ImageData rgb = toRgb();
    int n = width * height;
    byte[] out = new byte[n * 4];
    for (int p = 0; p < n; p++) {
      out[p * 4] = rgb.pixels[p * 3];
      out[p * 4 + 1] = rgb.pixels[p * 3 + 1];
      out[p * 4 + 2] = rgb.pixels[p * 3 + 2];
      out[p * 4 + 3] = (byte) 255;
    }
    return new ImageData(width, height, 4, out);
  }

  /**
   * Returns these pixels with exactly 3 channels, as most models expect: RGB is returned as is,
   * gray is repeated in R, G and B, and alpha is dropped (as OpenCV's {@code IMREAD_COLOR} does).
   */
  public ImageData toRgb() {
    if (channels == 3) {
      return this;
    }
    int n = width * height;
    byte[] out = new byte[n * 3];
    for (int p = 0; p < n; p++) {
      if (channels == 1) {
        out[p * 3] = out[p * 3 + 1] = out[p * 3 + 2] = pixels[p];
      } else {
        System.arraycopy(pixels, p * 4, out, p * 3, 3);
      }
    }
    return new ImageData(width, height, 3, out);
  }

  /**
   * Returns a new {@link BufferedImage} holding a copy of the pixels: {@code TYPE_BYTE_GRAY},
   * {@code TYPE_3BYTE_BGR} or {@code TYPE_4BYTE_ABGR}.
   */
  public BufferedImage toBufferedImage() {
    int type =
        channels == 1
            ? BufferedImage.TYPE_BYTE_GRAY
            : channels == 3 ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_4BYTE_ABGR;
    BufferedImage img = new BufferedImage(width, height, type);
    WritableRaster raster = img.getRaster();
    byte[] dst = ((DataBufferByte) raster.getDataBuffer()).getData();
    if (channels == 1) {
      System.arraycopy(pixels, 0, dst, 0, pixels.length);
    } else if (channels == 3) {
      for (int i = 0; i < pixels.length; i += 3) {
        dst[i] = pixels[i + 2];
        dst[i + 1] = pixels[i + 1];
        dst[i + 2] = pixels[i];
      }
    } else {
      for (int i = 0; i < pixels.length; i += 4) {
        dst[i] = pixels[i + 3];
        dst[i + 1] = pixels[i + 2];
        dst[i + 2] = pixels[i + 1];
        dst[i + 3] = pixels[i];
      }
    }
    return img;
  }

  /** Encodes the pixels as a lossless PNG (gray, RGB or RGBA, 8 bits per channel). */
  public byte[] toPng() {
    return PngEncoder.DEFAULT.encode(width, height, channels, pixels);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ImageData)) {
      return false;
    }
    ImageData other = (ImageData) o;
    return width == other.width
        && height == other.height
        && channels == other.channels
        && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(width, height, channels) * 31 + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "ImageData[" + width + "x" + height + "x" + channels + "]";
  }
}
