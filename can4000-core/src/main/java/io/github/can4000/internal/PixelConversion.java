package io.github.can4000.internal;

import io.github.can4000.ImageData;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * The one place where can4000 converts pixels: decoded images of any layout to 8-bit gray, RGB or
 * RGBA ({@link #normalize}), native BGR(A) buffers to images ({@link #fromBgr}), and image regions
 * to bytes ({@link #region}). Used by core, the standard decoder (can4000-io) and the OpenCV
 * decoder.
 */
public final class PixelConversion {
  private static final ColorModel RGB =
      new ComponentColorModel(
          ColorSpace.getInstance(ColorSpace.CS_sRGB),
          false,
          false,
          Transparency.OPAQUE,
          DataBuffer.TYPE_BYTE);
  private static final ColorModel RGBA =
      new ComponentColorModel(
          ColorSpace.getInstance(ColorSpace.CS_sRGB),
          true,
          false,
          Transparency.TRANSLUCENT,
          DataBuffer.TYPE_BYTE);

  private static final ColorModel GRAY =
      new ComponentColorModel(
          ColorSpace.getInstance(ColorSpace.CS_GRAY),
          false,
          false,
          Transparency.OPAQUE,
          DataBuffer.TYPE_BYTE);

  private PixelConversion() {}

  /**
   * Wraps interleaved 8-bit pixels in B, G, R (A) order (OpenCV's layout), or gray, as an image
   * without copying them: the raster's band offsets put them in RGB(A) order.
   *
   * @param channels 1 (gray), 3 (BGR) or 4 (BGRA)
   * @throws IllegalArgumentException for another channel count or a buffer of the wrong size
   */
  public static BufferedImage fromBgr(byte[] pixels, int width, int height, int channels) {
    return wrap(pixels, width, height, channels, true);
  }

  /**
   * Wraps interleaved 8-bit pixels in R, G, B (A) order, or gray, as an image without copying them.
   *
   * @param channels 1 (gray), 3 (RGB) or 4 (RGBA)
   * @throws IllegalArgumentException for another channel count or a buffer of the wrong size
   */
  public static BufferedImage fromRgb(byte[] pixels, int width, int height, int channels) {
    return wrap(pixels, width, height, channels, false);
  }

  private static BufferedImage wrap(
      byte[] pixels, int width, int height, int channels, boolean bgr) {
    if ((long) width * height * channels != pixels.length) {
      throw new IllegalArgumentException(
          "expected " + width + "x" + height + "x" + channels + " bytes, got " + pixels.length);
    }
    DataBufferByte buffer = new DataBufferByte(pixels, pixels.length);
    switch (channels) {
      case 1:
        {
          WritableRaster raster =
              Raster.createInterleavedRaster(buffer, width, height, width, 1, new int[] {0}, null);
          return new BufferedImage(GRAY, raster, false, null);
        }
      case 3:
      case 4:
        {
          int[] offsets =
              bgr
                  ? (channels == 3 ? new int[] {2, 1, 0} : new int[] {2, 1, 0, 3})
                  : (channels == 3 ? new int[] {0, 1, 2} : new int[] {0, 1, 2, 3});
          WritableRaster raster =
              Raster.createInterleavedRaster(
                  buffer, width, height, width * channels, channels, offsets, null);
          return new BufferedImage(channels == 3 ? RGB : RGBA, raster, false, null);
        }
      default:
        throw new IllegalArgumentException("channels must be 1, 3 or 4: " + channels);
    }
  }

  /**
   * Returns {@code image} if it is already 8-bit interleaved sRGB(A) or gray, else an 8-bit copy:
   * {@code TYPE_BYTE_GRAY}, {@code TYPE_3BYTE_BGR} or {@code TYPE_4BYTE_ABGR}. Gray samples are
   * copied as they are (no gamma conversion), 16-bit samples are reduced to their high byte.
   */
  public static BufferedImage normalize(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    boolean gray =
        !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    if (gray && raster.getNumBands() == 2) {
      return grayAlphaToRgba(raster);
    }
    if (gray && raster.getNumBands() == 1) {
      return is8BitInterleaved(image) ? image : ImageData.of(image).toBufferedImage();
    }
    if (cm instanceof ComponentColorModel
        && cm.getColorSpace().isCS_sRGB()
        && !cm.isAlphaPremultiplied()
        && raster.getNumBands() == (cm.hasAlpha() ? 4 : 3)
        && is8BitInterleaved(image)) {
      return image;
    }
    if (cm instanceof DirectColorModel && isPackedIntRgb((DirectColorModel) cm, raster)) {
      return unpackIntRgb(raster, cm.hasAlpha());
    }
    // palettes, other packed RGB, 16-bit and premultiplied images: core converts through getRGB
    return ImageData.of(image).toBufferedImage();
  }

  /**
   * Whether the image is {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB} (the libwebp reader's
   * result).
   */
  private static boolean isPackedIntRgb(DirectColorModel cm, Raster raster) {
    return cm.getColorSpace().isCS_sRGB()
        && !cm.isAlphaPremultiplied()
        && cm.getRedMask() == 0xFF0000
        && cm.getGreenMask() == 0xFF00
        && cm.getBlueMask() == 0xFF
        && cm.getAlphaMask() == (cm.hasAlpha() ? 0xFF000000 : 0)
        && raster.getSampleModel() instanceof SinglePixelPackedSampleModel
        && raster.getDataBuffer() instanceof DataBufferInt
        && raster.getDataBuffer().getNumBanks() == 1
        && raster.getNumBands() == (cm.hasAlpha() ? 4 : 3);
  }

  /**
   * Unpacks 0xAARRGGBB ints into a new 8-bit sRGB image with its bytes in R, G, B (A) order, which
   * core copies row by row (no per-pixel {@code getRGB}).
   */
  private static BufferedImage unpackIntRgb(Raster raster, boolean alpha) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    SinglePixelPackedSampleModel sm = (SinglePixelPackedSampleModel) raster.getSampleModel();
    int stride = sm.getScanlineStride();
    int[] src = ((DataBufferInt) raster.getDataBuffer()).getData();
    int base =
        raster.getDataBuffer().getOffset()
            - raster.getSampleModelTranslateY() * stride
            - raster.getSampleModelTranslateX();
    int channels = alpha ? 4 : 3;
    WritableRaster out =
        Raster.createInterleavedRaster(
            DataBuffer.TYPE_BYTE,
            w,
            h,
            w * channels,
            channels,
            alpha ? new int[] {0, 1, 2, 3} : new int[] {0, 1, 2},
            null);
    byte[] dst = ((DataBufferByte) out.getDataBuffer()).getData();
    int o = 0;
    for (int y = 0; y < h; y++) {
      for (int p = base + y * stride, end = p + w; p < end; p++) {
        int v = src[p];
        dst[o] = (byte) (v >>> 16);
        dst[o + 1] = (byte) (v >>> 8);
        dst[o + 2] = (byte) v;
        if (alpha) {
          dst[o + 3] = (byte) (v >>> 24);
        }
        o += channels;
      }
    }
    ColorModel cm =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            alpha,
            false,
            alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
            DataBuffer.TYPE_BYTE);
    return new BufferedImage(cm, out, false, null);
  }

  private static boolean is8BitInterleaved(BufferedImage image) {
    Raster raster = image.getRaster();
    SampleModel sm = raster.getSampleModel();
    if (!(sm instanceof PixelInterleavedSampleModel)
        || raster.getDataBuffer().getDataType() != DataBuffer.TYPE_BYTE
        || raster.getDataBuffer().getNumBanks() != 1) {
      return false;
    }
    for (int b = 0; b < raster.getNumBands(); b++) {
      if (sm.getSampleSize(b) != 8) {
        return false;
      }
    }
    return true;
  }

  /** Gray + alpha becomes RGBA with R = G = B = gray, as OpenCV's IMREAD_UNCHANGED. */
  private static BufferedImage grayAlphaToRgba(Raster raster) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int grayBits = raster.getSampleModel().getSampleSize(0);
    int alphaBits = raster.getSampleModel().getSampleSize(1);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_4BYTE_ABGR);
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    int[] g = new int[w];
    int[] a = new int[w];
    int o = 0;
    for (int y = 0; y < h; y++) {
      raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, g);
      raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 1, a);
      for (int x = 0; x < w; x++) {
        byte v = (byte) to8(g[x], grayBits);
        dst[o++] = (byte) to8(a[x], alphaBits);
        dst[o++] = v;
        dst[o++] = v;
        dst[o++] = v;
      }
    }
    return out;
  }

  /** Scales a sample of {@code bits} bits to 8 bits (high byte of 16-bit, stretched below 8). */
  public static int to8(int value, int bits) {
    if (bits == 8) {
      return value;
    }
    return bits > 8 ? value >>> (bits - 8) : value * 255 / ((1 << bits) - 1);
  }

  /**
   * Returns how many channels the image keeps: 4 if it has alpha (as OpenCV's IMREAD_UNCHANGED), 1
   * if it is single-band gray, 3 otherwise (palettes, CMYK converted by the decoder, RGB).
   */
  public static int channelsOf(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    if (cm.hasAlpha()) {
      return 4;
    }
    if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && cm.getNumComponents() == 1
        && image.getRaster().getNumBands() == 1) {
      return 1;
    }
    return 3;
  }

  /**
   * Returns the {@code w x h} pixels at {@code (x, y)} resampled to {@code outW x outH}, exactly as
   * {@code region(...).resize(outW, outH)}, but read straight from the raster when it is 8-bit
   * interleaved in gray, RGB, RGBA or BGR order (the usual JPEG, PNG and WebP result): the region
   * is not copied first.
   */
  public static ImageData regionResized(
      BufferedImage image, int x, int y, int w, int h, int channels, int outW, int outH) {
    if (outW == w && outH == h) {
      return region(image, x, y, w, h, channels);
    }
    Raster raster = image.getRaster();
    int order = interleavedOrder(image, channels);
    if (order == OTHER) {
      return region(image, x, y, w, h, channels).resize(outW, outH);
    }
    PixelInterleavedSampleModel sm = (PixelInterleavedSampleModel) raster.getSampleModel();
    int scanline = sm.getScanlineStride();
    byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
    int base =
        raster.getDataBuffer().getOffset()
            - raster.getSampleModelTranslateY() * scanline
            - raster.getSampleModelTranslateX() * channels
            + y * scanline
            + x * channels;
    byte[] out = Resampler.resize(data, base, scanline, w, h, channels, outW, outH);
    if (order == BGR) {
      // resampling treats channels alike, so swapping after it gives the same bytes as before it
      for (int p = 0; p < out.length; p += 3) {
        byte b = out[p];
        out[p] = out[p + 2];
        out[p + 2] = b;
      }
    }
    return ImageDataAccess.wrap(outW, outH, channels, out);
  }

  private static final int OTHER = 0;
  private static final int SAME = 1;
  private static final int BGR = 2;

  /**
   * Whether the raster is 8-bit pixel-interleaved with one byte per channel and no padding between
   * pixels, in the output's channel order (gray, RGB, RGBA) or in BGR order.
   */
  private static int interleavedOrder(BufferedImage image, int channels) {
    Raster raster = image.getRaster();
    if (!(raster.getSampleModel() instanceof PixelInterleavedSampleModel)
        || raster.getDataBuffer().getDataType() != DataBuffer.TYPE_BYTE
        || raster.getDataBuffer().getNumBanks() != 1
        || raster.getNumBands() != channels) {
      return OTHER;
    }
    PixelInterleavedSampleModel sm = (PixelInterleavedSampleModel) raster.getSampleModel();
    ColorModel cm = image.getColorModel();
    ColorSpace cs = cm.getColorSpace();
    boolean gray = channels == 1 && cs.getType() == ColorSpace.TYPE_GRAY;
    boolean rgb =
        (channels == 3 || channels == 4)
            && cs.isCS_sRGB()
            && cm.hasAlpha() == (channels == 4)
            && !cm.isAlphaPremultiplied();
    if ((!gray && !rgb) || sm.getPixelStride() != channels) {
      return OTHER;
    }
    for (int b = 0; b < channels; b++) {
      if (sm.getSampleSize(b) != 8) {
        return OTHER;
      }
    }
    int[] offsets = sm.getBandOffsets();
    boolean same = true;
    for (int c = 0; c < channels; c++) {
      same &= offsets[c] == c;
    }
    if (same) {
      return SAME;
    }
    return channels == 3 && offsets[0] == 2 && offsets[1] == 1 && offsets[2] == 0 ? BGR : OTHER;
  }

  public static ImageData region(BufferedImage image, int x, int y, int w, int h, int channels) {
    byte[] out = new byte[w * h * channels];
    if (!fastInterleaved(image, x, y, w, h, channels, out)) {
      slow(image, x, y, w, h, channels, out);
    }
    return ImageDataAccess.wrap(w, h, channels, out);
  }

  /** Copies straight from an 8-bit interleaved raster (the usual JPEG, PNG and WebP result). */
  private static boolean fastInterleaved(
      BufferedImage image, int x, int y, int w, int h, int channels, byte[] out) {
    Raster raster = image.getRaster();
    SampleModel sm = raster.getSampleModel();
    if (!(sm instanceof PixelInterleavedSampleModel)
        || raster.getDataBuffer().getDataType() != DataBuffer.TYPE_BYTE
        || raster.getDataBuffer().getNumBanks() != 1) {
      return false;
    }
    ColorModel cm = image.getColorModel();
    ColorSpace cs = cm.getColorSpace();
    boolean gray =
        channels == 1 && raster.getNumBands() == 1 && cs.getType() == ColorSpace.TYPE_GRAY;
    boolean rgb =
        (channels == 3 || channels == 4)
            && cs.isCS_sRGB()
            && raster.getNumBands() == channels
            && cm.hasAlpha() == (channels == 4)
            && !cm.isAlphaPremultiplied();
    if (!gray && !rgb) {
      return false;
    }
    for (int b = 0; b < raster.getNumBands(); b++) {
      if (sm.getSampleSize(b) != 8) {
        return false;
      }
    }
    PixelInterleavedSampleModel pism = (PixelInterleavedSampleModel) sm;
    int[] bandOffsets = pism.getBandOffsets();
    int pixelStride = pism.getPixelStride();
    int scanline = pism.getScanlineStride();
    byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
    int base =
        raster.getDataBuffer().getOffset()
            - raster.getSampleModelTranslateY() * scanline
            - raster.getSampleModelTranslateX() * pixelStride;
    int o = 0;
    boolean same = pixelStride == channels;
    for (int c = 0; c < channels; c++) {
      same &= bandOffsets[c] == c;
    }
    boolean bgr =
        channels == 3
            && pixelStride == 3
            && bandOffsets[0] == 2
            && bandOffsets[1] == 1
            && bandOffsets[2] == 0;
    boolean abgr =
        channels == 4
            && pixelStride == 4
            && bandOffsets[0] == 3
            && bandOffsets[1] == 2
            && bandOffsets[2] == 1
            && bandOffsets[3] == 0;
    for (int row = 0; row < h; row++) {
      int p = base + (y + row) * scanline + x * pixelStride;
      if (same) {
        // already in gray / RGB / RGBA order: one copy per row
        System.arraycopy(data, p, out, o, w * channels);
        o += w * channels;
        continue;
      }
      if (bgr) {
        // TYPE_3BYTE_BGR, the usual JPEG result: swap B and R
        for (int end = p + 3 * w; p < end; p += 3, o += 3) {
          out[o] = data[p + 2];
          out[o + 1] = data[p + 1];
          out[o + 2] = data[p];
        }
        continue;
      }
      if (abgr) {
        for (int end = p + 4 * w; p < end; p += 4, o += 4) {
          out[o] = data[p + 3];
          out[o + 1] = data[p + 2];
          out[o + 2] = data[p + 1];
          out[o + 3] = data[p];
        }
        continue;
      }
      for (int col = 0; col < w; col++, p += pixelStride) {
        for (int c = 0; c < channels; c++) {
          out[o++] = data[p + bandOffsets[c]];
        }
      }
    }
    return true;
  }

  private static void slow(
      BufferedImage image, int x, int y, int w, int h, int channels, byte[] out) {
    if (channels == 1) {
      Raster raster = image.getRaster();
      int bits = raster.getSampleModel().getSampleSize(0);
      int o = 0;
      int[] row = new int[w];
      for (int r = 0; r < h; r++) {
        raster.getSamples(x, y + r, w, 1, 0, row);
        for (int v : row) {
          out[o++] =
              (byte) (bits > 8 ? v >>> (bits - 8) : bits < 8 ? v * 255 / ((1 << bits) - 1) : v);
        }
      }
      return;
    }
    int[] argb = new int[w];
    int o = 0;
    for (int r = 0; r < h; r++) {
      image.getRGB(x, y + r, w, 1, argb, 0, w);
      for (int v : argb) {
        out[o++] = (byte) (v >>> 16);
        out[o++] = (byte) (v >>> 8);
        out[o++] = (byte) v;
        if (channels == 4) {
          out[o++] = (byte) (v >>> 24);
        }
      }
    }
  }
}
