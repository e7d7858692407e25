package io.github.can4000.io.image;

import io.github.can4000.spi.ImageFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes embedded ICC profiles from JPEG data (APP2 {@code ICC_PROFILE} segments) and WebP data
 * ({@code ICCP} chunks) before decoding.
 *
 * <p>OpenCV, which the original tool decodes with, ignores ICC profiles, while the TwelveMonkeys
 * JPEG and WebP readers convert non-sRGB profiles (and CMYK profiles) to sRGB, which moves pixel
 * values by 15 or more on average for, say, an Apple "Generic RGB" profile. Dropping the profiles
 * gives the raw colours that the manifest's crops were made from. (PNG {@code iCCP} chunks are
 * ignored already, by the JDK's PNG reader and by {@link PngFastDecoder}.)
 */
final class IccProfiles {
  private static final byte[] ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
  private static final int VP8X_ICC_FLAG = 0x20;

  private IccProfiles() {}

  /**
   * Returns {@code data} without embedded ICC profiles if it is JPEG or WebP, else {@code data}.
   */
  static byte[] strip(byte[] data, ImageFormat format) {
    switch (format) {
      case JPEG:
        return stripJpeg(data);
      case WEBP:
        return stripWebp(data);
      default:
        return data;
    }
  }

  /**
   * Returns {@code webp} without its ICCP chunk and with the ICC flag of its VP8X chunk cleared, or
   * {@code webp} itself if it has no ICCP chunk or its chunk structure is broken.
   */
  static byte[] stripWebp(byte[] webp) {
    int pos = 12; // after "RIFF" size "WEBP"
    int vp8xFlags = -1;
    while (pos + 8 <= webp.length) {
      long size =
          (webp[pos + 4] & 0xFFL)
              | (webp[pos + 5] & 0xFFL) << 8
              | (webp[pos + 6] & 0xFFL) << 16
              | (webp[pos + 7] & 0xFFL) << 24;
      long end = pos + 8 + size + (size & 1);
      if (end > webp.length) {
        return webp;
      }
      if (webp[pos] == 'V'
          && webp[pos + 1] == 'P'
          && webp[pos + 2] == '8'
          && webp[pos + 3] == 'X'
          && size > 0) {
        vp8xFlags = pos + 8;
      } else if (webp[pos] == 'I'
          && webp[pos + 1] == 'C'
          && webp[pos + 2] == 'C'
          && webp[pos + 3] == 'P') {
        byte[] out = new byte[webp.length - (int) (end - pos)];
        System.arraycopy(webp, 0, out, 0, pos);
        System.arraycopy(webp, (int) end, out, pos, webp.length - (int) end);
        int riffSize = out.length - 8;
        out[4] = (byte) riffSize;
        out[5] = (byte) (riffSize >>> 8);
        out[6] = (byte) (riffSize >>> 16);
        out[7] = (byte) (riffSize >>> 24);
        if (vp8xFlags >= 0) {
          out[vp8xFlags] &= (byte) ~VP8X_ICC_FLAG;
        }
        return out;
      }
      pos = (int) end;
    }
    return webp;
  }

  /**
   * Returns {@code jpeg} without its APP2 ICC segments, or {@code jpeg} itself if it has none or
   * its segment structure is broken (the reader then reports the problem).
   */
  static byte[] stripJpeg(byte[] jpeg) {
    ByteArrayOutputStream out = null;
    int copied = 0;
    int pos = 2; // after SOI
    while (pos + 4 <= jpeg.length) {
      if ((jpeg[pos] & 0xFF) != 0xFF) {
        return jpeg;
      }
      int marker = jpeg[pos + 1] & 0xFF;
      if (marker == 0xFF) {
        pos++; // fill byte
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        break; // start of scan or end of image: no more headers
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
        pos += 2; // stand-alone marker
        continue;
      }
      int end = pos + 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
      if (end > jpeg.length || end < pos + 4) {
        return jpeg;
      }
      if (marker == 0xE2
          && end - pos - 4 >= ICC_ID.length
          && Arrays.equals(jpeg, pos + 4, pos + 4 + ICC_ID.length, ICC_ID, 0, ICC_ID.length)) {
        if (out == null) {
          out = new ByteArrayOutputStream(jpeg.length);
        }
        out.write(jpeg, copied, pos - copied);
        copied = end;
      }
      pos = end;
    }
    if (out == null) {
      return jpeg;
    }
    out.write(jpeg, copied, jpeg.length - copied);
    return out.toByteArray();
  }
}
