package io.github.can4000.io.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes embedded ICC profiles (APP2 {@code ICC_PROFILE} segments) from JPEG data before decoding.
 *
 * <p>OpenCV, which the original tool decodes with, ignores ICC profiles, while the TwelveMonkeys
 * reader converts non-sRGB profiles (and CMYK profiles) to sRGB, which moves pixel values by 15 or
 * more on average for, say, an Apple "Generic RGB" profile. Dropping the segments gives the raw
 * colours that the manifest's crops were made from.
 */
final class JpegIcc {
  private static final byte[] ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

  private JpegIcc() {}

  /**
   * Returns {@code jpeg} without its APP2 ICC segments, or {@code jpeg} itself if it has none or its
   * segment structure is broken (the reader then reports the problem).
   */
  static byte[] strip(byte[] jpeg) {
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
      if (marker == 0xE2 && end - pos - 4 >= ICC_ID.length
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
