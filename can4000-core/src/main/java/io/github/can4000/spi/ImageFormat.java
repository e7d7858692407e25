package io.github.can4000.spi;

/**
 * An image container format, recognised from the leading bytes of the data, never from a URL or a
 * Content-Type header.
 */
public enum ImageFormat {
  /** JPEG/JFIF/EXIF ({@code FF D8 FF}). */
  JPEG,
  /** PNG ({@code 89 'PNG' 0D 0A 1A 0A}). */
  PNG,
  /** GIF87a or GIF89a. */
  GIF,
  /** Windows bitmap ({@code 'BM'}). */
  BMP,
  /** WebP ({@code 'RIFF' .... 'WEBP'}). */
  WEBP,
  /** TIFF, either byte order. */
  TIFF,
  /** Text that looks like HTML, XML, JSON or plain text: an error page rather than an image. */
  TEXT,
  /** Anything else. */
  UNKNOWN;

  /** Recognises the format of {@code data} from its first bytes. */
  public static ImageFormat sniff(Bytes data) {
    int n = data.size();
    if (n >= 3 && data.get(0) == 0xFF && data.get(1) == 0xD8 && data.get(2) == 0xFF) {
      return JPEG;
    }
    if (n >= 8
        && data.get(0) == 0x89
        && data.get(1) == 'P'
        && data.get(2) == 'N'
        && data.get(3) == 'G'
        && data.get(4) == 0x0D
        && data.get(5) == 0x0A
        && data.get(6) == 0x1A
        && data.get(7) == 0x0A) {
      return PNG;
    }
    if (n >= 6
        && data.get(0) == 'G'
        && data.get(1) == 'I'
        && data.get(2) == 'F'
        && data.get(3) == '8'
        && (data.get(4) == '7' || data.get(4) == '9')
        && data.get(5) == 'a') {
      return GIF;
    }
    if (n >= 12
        && data.get(0) == 'R'
        && data.get(1) == 'I'
        && data.get(2) == 'F'
        && data.get(3) == 'F'
        && data.get(8) == 'W'
        && data.get(9) == 'E'
        && data.get(10) == 'B'
        && data.get(11) == 'P') {
      return WEBP;
    }
    if (n >= 14 && data.get(0) == 'B' && data.get(1) == 'M') {
      return BMP;
    }
    if (n >= 4
        && ((data.get(0) == 'I' && data.get(1) == 'I' && data.get(2) == 42 && data.get(3) == 0)
            || (data.get(0) == 'M'
                && data.get(1) == 'M'
                && data.get(2) == 0
                && data.get(3) == 42))) {
      return TIFF;
    }
    return looksLikeText(data) ? TEXT : UNKNOWN;
  }

  /** Returns whether this is a raster image format (not {@link #TEXT} or {@link #UNKNOWN}). */
  public boolean isImage() {
    return this != TEXT && this != UNKNOWN;
  }

  private static boolean looksLikeText(Bytes data) {
    int n = Math.min(data.size(), 512);
    if (n == 0) {
      return false;
    }
    int i = 0;
    if (n >= 3 && data.get(0) == 0xEF && data.get(1) == 0xBB && data.get(2) == 0xBF) {
      i = 3;
    }
    int printable = 0;
    for (int k = i; k < n; k++) {
      int b = data.get(k);
      if (b == 0) {
        return false;
      }
      if (b >= 0x20 || b == '\n' || b == '\r' || b == '\t') {
        printable++;
      }
    }
    return printable >= (n - i) * 0.95;
  }
}
