package io.github.can4000.opencv;

/** Reads image sizes and properties from JPEG and PNG headers without decoding. */
final class Headers {
  private Headers() {}

  /**
   * Returns {@code {width, height}} from a JPEG's start-of-frame segment, or null if there is none
   * before the entropy-coded data or the data ends first.
   */
  static int[] jpegSize(byte[] b) {
    int i = 2;
    while (i + 3 < b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        return null;
      }
      int m = b[i + 1] & 0xFF;
      if (m == 0xFF) {
        i++;
        continue;
      }
      if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
        i += 2;
        continue;
      }
      if (m == 0xDA || m == 0xD9) {
        return null;
      }
      int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      boolean sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
      if (sof) {
        if (i + 8 >= b.length) {
          return null;
        }
        int h = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
        int w = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
        return new int[] {w, h};
      }
      i += 2 + len;
    }
    return null;
  }

  /** Returns whether a JPEG's last bytes (trailing padding allowed) hold the end-of-image marker. */
  static boolean jpegHasEnd(byte[] b) {
    for (int i = b.length - 2, stop = Math.max(1, b.length - 1024); i >= stop; i--) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns {@code {width, height}} of a PNG that OpenCV decodes exactly as the pure-Java decoder:
   * 8-bit gray, RGB or RGBA without a tRNS chunk; null for any other PNG.
   */
  static int[] simplePngSize(byte[] b) {
    if (b.length < 33 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
      return null;
    }
    int w = readInt(b, 16);
    int h = readInt(b, 20);
    int depth = b[24] & 0xFF;
    int colorType = b[25] & 0xFF;
    if (depth != 8 || (colorType != 0 && colorType != 2 && colorType != 6)) {
      return null;
    }
    int i = 8;
    while (i + 8 <= b.length) {
      int len = readInt(b, i);
      if (len < 0) {
        return null;
      }
      if (b[i + 4] == 'I' && b[i + 5] == 'D' && b[i + 6] == 'A' && b[i + 7] == 'T') {
        return new int[] {w, h};
      }
      if (b[i + 4] == 't' && b[i + 5] == 'R' && b[i + 6] == 'N' && b[i + 7] == 'S') {
        return null;
      }
      i += 12 + len;
    }
    return null;
  }

  private static int readInt(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
  }
}
