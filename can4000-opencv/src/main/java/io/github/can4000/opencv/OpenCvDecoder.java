package io.github.can4000.opencv;

import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.Reason;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Objects;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JPEG and simple PNG through {@code Imgcodecs.imdecode(IMREAD_UNCHANGED)}; everything else, and
 * whatever OpenCV refuses, through the pure-Java fallback. The BGR(A) bytes OpenCV produces are
 * wrapped without conversion: the raster's band offsets put them in RGB(A) order.
 */
final class OpenCvDecoder implements Decoder {
  private static final Logger LOG = LoggerFactory.getLogger(OpenCvDecoder.class);
  private static final ColorModel RGB = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
      false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
  private static final ColorModel RGBA = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true,
      false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);

  private final Decoder fallback;
  private final long maxPixels;

  OpenCvDecoder(Decoder fallback, long maxPixels) {
    this.fallback = fallback;
    this.maxPixels = maxPixels;
  }

  @Override
  public DecodedImage decode(Bytes data) throws DecodeException {
    Objects.requireNonNull(data, "data");
    ImageFormat format = ImageFormat.sniff(data);
    if (format != ImageFormat.JPEG && format != ImageFormat.PNG) {
      return fallback.decode(data);
    }
    byte[] bytes = data.toByteArray();
    int[] size;
    if (format == ImageFormat.JPEG) {
      size = Headers.jpegHasEnd(bytes) ? Headers.jpegSize(bytes) : null;
    } else {
      size = Headers.simplePngSize(bytes);
    }
    if (size == null || size[0] <= 0 || size[1] <= 0) {
      return fallback.decode(data);
    }
    long pixels = (long) size[0] * size[1];
    if (pixels > maxPixels) {
      throw new DecodeException(Reason.TOO_MANY_PIXELS, format + " of " + size[0] + "x" + size[1] + " = " + pixels
          + " pixels exceeds the budget of " + maxPixels);
    }
    BufferedImage image = imdecode(bytes, size);
    if (image == null) {
      LOG.debug("OpenCV could not decode a {} of {} bytes; trying the Java decoder", format, bytes.length);
      return fallback.decode(data);
    }
    return DecodedImage.of(image, format);
  }

  /** Returns the decoded image, or null if OpenCV failed or gave an unexpected layout. */
  private static BufferedImage imdecode(byte[] bytes, int[] size) {
    MatOfByte buf = new MatOfByte(bytes);
    Mat mat = null;
    try {
      mat = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_UNCHANGED);
      if (mat.empty() || mat.depth() != CvType.CV_8U || mat.cols() != size[0] || mat.rows() != size[1]
          || !mat.isContinuous()) {
        return null;
      }
      int w = mat.cols();
      int h = mat.rows();
      int channels = mat.channels();
      BufferedImage image;
      if (channels == 1) {
        image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        mat.get(0, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
      } else if (channels == 3 || channels == 4) {
        byte[] pixels = new byte[w * h * channels];
        mat.get(0, 0, pixels);
        int[] bgr = channels == 3 ? new int[] {2, 1, 0} : new int[] {2, 1, 0, 3};
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(pixels, pixels.length), w, h,
            w * channels, channels, bgr, null);
        image = new BufferedImage(channels == 3 ? RGB : RGBA, raster, false, null);
      } else {
        return null;
      }
      return image;
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
  public long maxDecodedBytes() {
    return maxPixels * 4;
  }

  @Override
  public String toString() {
    return "OpenCvDecoder[maxPixels=" + maxPixels + ", fallback=" + fallback + "]";
  }
}
