package io.github.can4000.io.image.internal;

import io.github.can4000.Reason;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.ImageFormat;

/**
 * The one header parser of can4000: reads an image's width and height and a few properties from its
 * header without decoding it, for the decode memory budget and for choosing a reader (the standard
 * decoder's and the OpenCV decoder's). Only the fixed header fields are read: PNG's IHDR, JPEG's
 * frame header (SOFn), GIF's logical screen, BMP's info header and WebP's VP8, VP8L or VP8X header.
 * Anything else, or a header too short or odd to read, gives null. Not API: exported only to
 * sibling modules.
 */
public final class ImageHeaders {
  private ImageHeaders() {}

  /**
   * Fails with {@link Reason#TOO_MANY_PIXELS} when a {@code width x height} image (of {@code what},
   * e.g. "PNG" or "JPEG") exceeds {@code maxPixels}: checked before any pixel memory is allocated.
   */
  public static void checkPixels(String what, long width, long height, long maxPixels)
      throws DecodeException {
    long pixels = width * height;
    if (pixels > maxPixels) {
      throw new DecodeException(
          Reason.TOO_MANY_PIXELS,
          what
              + " of "
              + width
              + "x"
              + height
              + " = "
              + pixels
              + " pixels exceeds the budget of "
              + maxPixels);
    }
  }

  /** Returns {width, height}, both positive, or null if unknown. */
  public static int[] size(Bytes data, ImageFormat format) {
    try {
      int[] size =
          switch (format) {
            case PNG -> png(data);
            case JPEG -> jpeg(data);
            case GIF -> new int[] {le16(data, 6), le16(data, 8)};
            case BMP -> new int[] {le32(data, 18), Math.abs(le32(data, 22))};
            case WEBP -> webp(data);
            default -> null;
          };
      return size == null || size[0] <= 0 || size[1] <= 0 ? null : size;
    } catch (IndexOutOfBoundsException e) {
      return null;
    }
  }

  /** Whether the last bytes (up to 1 KiB of trailing padding allowed) hold the JPEG end marker. */
  public static boolean endsWithJpegEoi(Bytes data) {
    for (int i = data.size() - 2, stop = Math.max(2, data.size() - 1024); i >= stop; i--) {
      if (data.get(i) == 0xFF && data.get(i + 1) == 0xD9) {
        return true;
      }
    }
    return false;
  }

  /** Whether the data ends with a PNG IEND chunk. */
  public static boolean endsWithPngIend(Bytes data) {
    int n = data.size();
    return n >= 20
        && data.get(n - 8) == 'I'
        && data.get(n - 7) == 'E'
        && data.get(n - 6) == 'N'
        && data.get(n - 5) == 'D';
  }

  /**
   * Whether a PNG is 8-bit gray, RGB or RGBA without a {@code tRNS} chunk before its first {@code
   * IDAT}: the PNGs every decoder reads to the same pixels.
   */
  public static boolean isPlain8BitPng(Bytes d) {
    try {
      if (d.size() < 33
          || d.get(12) != 'I'
          || d.get(13) != 'H'
          || d.get(14) != 'D'
          || d.get(15) != 'R') {
        return false;
      }
      int depth = d.get(24);
      int colorType = d.get(25);
      if (depth != 8 || (colorType != 0 && colorType != 2 && colorType != 6)) {
        return false;
      }
      long i = 8;
      while (i + 8 <= d.size()) {
        int at = (int) i;
        int len = be32(d, at);
        if (len < 0) {
          return false;
        }
        if (d.get(at + 4) == 'I'
            && d.get(at + 5) == 'D'
            && d.get(at + 6) == 'A'
            && d.get(at + 7) == 'T') {
          return true;
        }
        if (d.get(at + 4) == 't'
            && d.get(at + 5) == 'R'
            && d.get(at + 6) == 'N'
            && d.get(at + 7) == 'S') {
          return false;
        }
        i += 12L + len;
      }
      return false;
    } catch (IndexOutOfBoundsException e) {
      return false;
    }
  }

  private static int[] png(Bytes d) {
    // signature (8), IHDR length (4) and type (4), then width and height
    return new int[] {be32(d, 16), be32(d, 20)};
  }

  private static int[] jpeg(Bytes d) {
    int i = 2;
    while (i + 9 < d.size()) {
      if (d.get(i) != 0xFF) {
        return null;
      }
      int marker = d.get(i + 1);
      if (marker == 0xFF) {
        i++; // fill byte
        continue;
      }
      if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
        i += 2; // markers without a length
        continue;
      }
      boolean frame =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (frame) {
        // length (2), precision (1), height (2), width (2)
        return new int[] {be16(d, i + 7), be16(d, i + 5)};
      }
      if (marker == 0xDA || marker == 0xD9) {
        return null; // scan data before any frame header
      }
      i += 2 + be16(d, i + 2);
    }
    return null;
  }

  private static int[] webp(Bytes d) {
    // RIFF (4) size (4) WEBP (4), then the first chunk's FourCC at 12 and its data at 20
    int c0 = d.get(12);
    int c1 = d.get(13);
    int c2 = d.get(14);
    int c3 = d.get(15);
    if (c0 != 'V' || c1 != 'P' || c2 != '8') {
      return null;
    }
    if (c3 == ' ') {
      // lossy: frame tag (3), start code (3), then 14-bit width and height
      return new int[] {le16(d, 26) & 0x3FFF, le16(d, 28) & 0x3FFF};
    }
    if (c3 == 'L') {
      // lossless: signature 0x2F, then 14 bits width - 1 and 14 bits height - 1
      int bits = le32(d, 21);
      return new int[] {(bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1};
    }
    if (c3 == 'X') {
      // extended: flags (4), then 24-bit canvas width - 1 and height - 1
      return new int[] {le24(d, 24) + 1, le24(d, 27) + 1};
    }
    return null;
  }

  private static int be16(Bytes d, int i) {
    return d.get(i) << 8 | d.get(i + 1);
  }

  private static int be32(Bytes d, int i) {
    return d.get(i) << 24 | d.get(i + 1) << 16 | d.get(i + 2) << 8 | d.get(i + 3);
  }

  private static int le16(Bytes d, int i) {
    return d.get(i) | d.get(i + 1) << 8;
  }

  private static int le24(Bytes d, int i) {
    return d.get(i) | d.get(i + 1) << 8 | d.get(i + 2) << 16;
  }

  private static int le32(Bytes d, int i) {
    return d.get(i) | d.get(i + 1) << 8 | d.get(i + 2) << 16 | d.get(i + 3) << 24;
  }
}
