package io.github.can4000.io.image;

import io.github.can4000.ImageData;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;

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
    // palettes, packed RGB, 16-bit and premultiplied images: core converts through getRGB
    return ImageData.of(image).toBufferedImage();
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
