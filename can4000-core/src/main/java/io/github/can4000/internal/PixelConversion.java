package io.github.can4000.internal;

import io.github.can4000.ImageData;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;

/** Converts any {@link BufferedImage} region to 8-bit gray, RGB or RGBA bytes. */
public final class PixelConversion {
  private PixelConversion() {}

  /**
   * Returns how many channels the image keeps: 4 if it has alpha (as OpenCV's IMREAD_UNCHANGED),
   * 1 if it is single-band gray, 3 otherwise (palettes, CMYK converted by the decoder, RGB).
   */
  public static int channelsOf(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    if (cm.hasAlpha()) {
      return 4;
    }
    if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumComponents() == 1
        && image.getRaster().getNumBands() == 1) {
      return 1;
    }
    return 3;
  }

  public static ImageData region(BufferedImage image, int x, int y, int w, int h, int channels) {
    byte[] out = new byte[w * h * channels];
    if (!fastInterleaved(image, x, y, w, h, channels, out)) {
      slow(image, x, y, w, h, channels, out);
    }
    return ImageDataAccess.wrap(w, h, channels, out);
  }

  /** Copies straight from an 8-bit interleaved raster (the usual JPEG, PNG and WebP result). */
  private static boolean fastInterleaved(BufferedImage image, int x, int y, int w, int h, int channels, byte[] out) {
    Raster raster = image.getRaster();
    SampleModel sm = raster.getSampleModel();
    if (!(sm instanceof PixelInterleavedSampleModel) || raster.getDataBuffer().getDataType() != DataBuffer.TYPE_BYTE
        || raster.getDataBuffer().getNumBanks() != 1) {
      return false;
    }
    ColorModel cm = image.getColorModel();
    ColorSpace cs = cm.getColorSpace();
    boolean gray = channels == 1 && raster.getNumBands() == 1 && cs.getType() == ColorSpace.TYPE_GRAY;
    boolean rgb = (channels == 3 || channels == 4) && cs.isCS_sRGB() && raster.getNumBands() == channels
        && cm.hasAlpha() == (channels == 4) && !cm.isAlphaPremultiplied();
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
    int base = raster.getDataBuffer().getOffset()
        - raster.getSampleModelTranslateY() * scanline - raster.getSampleModelTranslateX() * pixelStride;
    int o = 0;
    boolean same = pixelStride == channels;
    for (int c = 0; c < channels; c++) {
      same &= bandOffsets[c] == c;
    }
    boolean bgr = channels == 3 && pixelStride == 3 && bandOffsets[0] == 2 && bandOffsets[1] == 1 && bandOffsets[2] == 0;
    boolean abgr = channels == 4 && pixelStride == 4 && bandOffsets[0] == 3 && bandOffsets[1] == 2
        && bandOffsets[2] == 1 && bandOffsets[3] == 0;
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

  private static void slow(BufferedImage image, int x, int y, int w, int h, int channels, byte[] out) {
    if (channels == 1) {
      Raster raster = image.getRaster();
      int bits = raster.getSampleModel().getSampleSize(0);
      int o = 0;
      int[] row = new int[w];
      for (int r = 0; r < h; r++) {
        raster.getSamples(x, y + r, w, 1, 0, row);
        for (int v : row) {
          out[o++] = (byte) (bits > 8 ? v >>> (bits - 8) : bits < 8 ? v * 255 / ((1 << bits) - 1) : v);
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
