package io.github.can4000.io.image;

import io.github.can4000.ImageData;
import io.github.can4000.internal.BytesAccess;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.ImageFormat;
import java.awt.image.BufferedImage;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.png.PngImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.webp.WebPImageMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EXIF orientation (TIFF tag 274): read with Apache Commons Imaging, whose metadata parsers
 * handle the EXIF of JPEG, PNG (eXIf), WebP and TIFF alike without decoding pixels, and applied by
 * rotating or flipping the decoded pixels.
 */
final class Orientation {
  private static final Logger LOG = LoggerFactory.getLogger(Orientation.class);

  private Orientation() {}

  /**
   * Returns the EXIF orientation 1..8 of {@code data}, or 1 if it has none or it cannot be read.
   */
  static int read(Bytes data, ImageFormat format) {
    if (format != ImageFormat.JPEG
        && format != ImageFormat.PNG
        && format != ImageFormat.WEBP
        && format != ImageFormat.TIFF) {
      return 1;
    }
    try {
      ImageMetadata metadata = Imaging.getMetadata(BytesAccess.array(data));
      TiffImageMetadata exif = null;
      if (metadata instanceof JpegImageMetadata) {
        exif = ((JpegImageMetadata) metadata).getExif();
      } else if (metadata instanceof PngImageMetadata) {
        exif = ((PngImageMetadata) metadata).getExif();
      } else if (metadata instanceof WebPImageMetadata) {
        exif = ((WebPImageMetadata) metadata).getExif();
      } else if (metadata instanceof TiffImageMetadata) {
        exif = (TiffImageMetadata) metadata;
      }
      if (exif == null) {
        return 1;
      }
      TiffField field = exif.findField(TiffTagConstants.TIFF_TAG_ORIENTATION);
      int value = field == null ? 1 : field.getIntValue();
      return value >= 1 && value <= 8 ? value : 1;
    } catch (Exception e) {
      // metadata is optional: an unreadable EXIF block leaves the pixels as they are
      LOG.debug("Cannot read the EXIF orientation of {} data: {}", format, e.toString());
      return 1;
    }
  }

  /**
   * Returns {@code image} turned upright for EXIF {@code orientation} (1 = as stored, 2 = mirrored,
   * 3 = rotated 180, 4 = flipped, 5 = transposed, 6 = rotated 90 clockwise, 7 = transversed, 8 =
   * rotated 90 counter-clockwise).
   */
  static BufferedImage apply(BufferedImage image, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return image;
    }
    ImageData src = ImageData.of(image);
    int w = src.width();
    int h = src.height();
    int c = src.channels();
    byte[] in = src.toByteArray();
    boolean swap = orientation >= 5;
    int outW = swap ? h : w;
    byte[] out = new byte[in.length];
    int i = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++, i += c) {
        // index of the upright pixel that stored pixel (x, y) becomes
        int target =
            switch (orientation) {
              case 2 -> y * outW + (w - 1 - x);
              case 3 -> (h - 1 - y) * outW + (w - 1 - x);
              case 4 -> (h - 1 - y) * outW + x;
              case 5 -> x * outW + y;
              case 6 -> x * outW + (h - 1 - y);
              case 7 -> (w - 1 - x) * outW + (h - 1 - y);
              default -> (w - 1 - x) * outW + y;
            };
        System.arraycopy(in, i, out, target * c, c);
      }
    }
    return ImageData.of(outW, swap ? w : h, c, out).toBufferedImage();
  }
}
