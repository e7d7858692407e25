package io.github.can4000.opencv;

import io.github.can4000.internal.BytesAccess;
import io.github.can4000.internal.PixelConversion;
import io.github.can4000.io.image.internal.FormatReader;
import io.github.can4000.io.image.internal.ImageHeaders;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.ImageFormat;
import java.awt.image.BufferedImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenCV reader of the standard decoder's format router: JPEG with its end marker and plain
 * 8-bit PNG through {@code Imgcodecs.imdecode(IMREAD_UNCHANGED)}; it hands everything else, and
 * whatever OpenCV refuses, back to the router's own readers. The BGR(A) bytes OpenCV produces are
 * wrapped without conversion ({@link PixelConversion#fromBgr}).
 */
final class OpenCvReader implements FormatReader {
  private static final Logger LOG = LoggerFactory.getLogger(OpenCvReader.class);

  @Override
  public boolean reads(ImageFormat format) {
    return format == ImageFormat.JPEG || format == ImageFormat.PNG;
  }

  @Override
  public DecodedImage read(Bytes data, ImageFormat format, long maxPixels) throws DecodeException {
    boolean plain =
        format == ImageFormat.JPEG
            ? ImageHeaders.endsWithJpegEoi(data)
            : format == ImageFormat.PNG && ImageHeaders.isPlain8BitPng(data);
    int[] size = plain ? ImageHeaders.size(data, format) : null;
    if (size == null) {
      return null;
    }
    ImageHeaders.checkPixels(format.toString(), size[0], size[1], maxPixels);
    byte[] bytes = BytesAccess.array(data); // only read (copied into a native Mat)
    BufferedImage image = imdecode(bytes, size);
    if (image == null) {
      LOG.debug(
          "OpenCV could not decode a {} of {} bytes; trying the Java readers",
          format,
          bytes.length);
      return null;
    }
    return DecodedImage.of(image, format);
  }

  /** Returns the decoded image, or null if OpenCV failed or gave an unexpected layout. */
  private static BufferedImage imdecode(byte[] bytes, int[] size) {
    MatOfByte buf = new MatOfByte(bytes);
    Mat mat = null;
    try {
      mat = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_UNCHANGED);
      int channels = mat.channels();
      if (mat.empty()
          || mat.depth() != CvType.CV_8U
          || mat.cols() != size[0]
          || mat.rows() != size[1]
          || !mat.isContinuous()
          || (channels != 1 && channels != 3 && channels != 4)) {
        return null;
      }
      byte[] pixels = new byte[mat.cols() * mat.rows() * channels];
      mat.get(0, 0, pixels);
      return PixelConversion.fromBgr(pixels, mat.cols(), mat.rows(), channels);
    } catch (RuntimeException e) {
      LOG.debug("OpenCV failed: {}", e.toString());
      return null;
    } finally {
      buf.release();
      if (mat != null) {
        mat.release();
      }
    }
  }

  @Override
  public String toString() {
    return "OpenCV";
  }
}
