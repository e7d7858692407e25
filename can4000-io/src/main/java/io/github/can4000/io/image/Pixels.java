package io.github.can4000.io.image;

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

/** Brings decoded pixels to 8-bit gray, RGB or RGBA. */
final class Pixels {
  private Pixels() {}

  /**
   * Returns {@code image} if it is already 8-bit interleaved sRGB(A) or gray, else an 8-bit copy:
   * {@code TYPE_BYTE_GRAY}, {@code TYPE_3BYTE_BGR} or {@code TYPE_4BYTE_ABGR}. Gray samples are
   * copied as they are (no gamma conversion), 16-bit samples are reduced to their high byte.
   */
  static BufferedImage normalize(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    boolean gray = !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    if (gray && raster.getNumBands() == 2) {
      return grayAlphaToRgba(raster);
    }
    if (gray && raster.getNumBands() == 1) {
      return is8BitInterleaved(image) ? image : ImageData.of(image).toBufferedImage();
    }
    if (cm instanceof ComponentColorModel && cm.getColorSpace().isCS_sRGB() && !cm.isAlphaPremultiplied()
        && raster.getNumBands() == (cm.hasAlpha() ? 4 : 3) && is8BitInterleaved(image)) {
      return image;
    }
    if (cm instanceof DirectColorModel && isPackedIntRgb((DirectColorModel) cm, raster)) {
      return unpackIntRgb(raster, cm.hasAlpha());
    }
    // palettes, other packed RGB, 16-bit and premultiplied images: core converts through getRGB
    return ImageData.of(image).toBufferedImage();
  }

  /** Whether the image is {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB} (the libwebp reader's result). */
  private static boolean isPackedIntRgb(DirectColorModel cm, Raster raster) {
    return cm.getColorSpace().isCS_sRGB() && !cm.isAlphaPremultiplied() && cm.getRedMask() == 0xFF0000
        && cm.getGreenMask() == 0xFF00 && cm.getBlueMask() == 0xFF
        && cm.getAlphaMask() == (cm.hasAlpha() ? 0xFF000000 : 0)
        && raster.getSampleModel() instanceof SinglePixelPackedSampleModel
        && raster.getDataBuffer() instanceof DataBufferInt && raster.getDataBuffer().getNumBanks() == 1
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
    int base = raster.getDataBuffer().getOffset() - raster.getSampleModelTranslateY() * stride
        - raster.getSampleModelTranslateX();
    int channels = alpha ? 4 : 3;
    WritableRaster out = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, w * channels, channels,
        alpha ? new int[] {0, 1, 2, 3} : new int[] {0, 1, 2}, null);
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
    ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), alpha, false,
        alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    return new BufferedImage(cm, out, false, null);
  }

  private static boolean is8BitInterleaved(BufferedImage image) {
    Raster raster = image.getRaster();
    SampleModel sm = raster.getSampleModel();
    if (!(sm instanceof PixelInterleavedSampleModel) || raster.getDataBuffer().getDataType() != DataBuffer.TYPE_BYTE
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

  static int to8(int value, int bits) {
    if (bits == 8) {
      return value;
    }
    return bits > 8 ? value >>> (bits - 8) : value * 255 / ((1 << bits) - 1);
  }
}
