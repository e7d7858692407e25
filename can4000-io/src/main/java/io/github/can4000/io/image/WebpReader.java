package io.github.can4000.io.image;

import io.github.can4000.internal.BytesAccess;
import io.github.can4000.io.image.internal.FormatReader;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RegionHint;
import javax.imageio.spi.ImageReaderSpi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's WebP reader: libwebp through {@link LibWebp}, whole images only (the libwebp reader
 * ignores source regions). It hands the body on to ImageIO (TwelveMonkeys) while libwebp is missing
 * or unusable, after a {@code LinkageError} of its native library (which disables it for good), and
 * for the animated WebPs that libwebp's simple decoding API refuses.
 */
final class WebpReader implements FormatReader {
  private static final Logger LOG = LoggerFactory.getLogger(WebpReader.class);

  private final LibWebp libWebp;
  private final ImageIoReader imageIo;

  /** Reads with the provider of {@code libWebp} through {@code imageIo}'s ImageIO read. */
  WebpReader(LibWebp libWebp, ImageIoReader imageIo) {
    this.libWebp = libWebp;
    this.imageIo = imageIo;
  }

  /** Returns the class name of the libwebp reader provider, or null while it is unusable. */
  String provider() {
    ImageReaderSpi spi = libWebp.spi();
    return spi == null ? null : spi.getClass().getName();
  }

  @Override
  public boolean reads(ImageFormat format) {
    return format == ImageFormat.WEBP;
  }

  @Override
  public DecodedImage read(Bytes data, ImageFormat format, long maxPixels) throws DecodeException {
    ImageReaderSpi spi = libWebp.spi();
    if (spi == null) {
      return null;
    }
    // colours as OpenCV decodes them: raw, without colour management
    byte[] bytes = IccProfiles.strip(BytesAccess.array(data), format);
    try {
      return imageIo.read(
          spi, data, new ByteArrayImageInputStream(bytes), format, RegionHint.WHOLE, maxPixels);
    } catch (LinkageError e) {
      libWebp.disable(e);
      return null;
    } catch (DecodeException e) {
      if (e.getMessage() == null || !e.getMessage().contains("UnsupportedFeature")) {
        throw e;
      }
      // VP8_STATUS_UNSUPPORTED_FEATURE ("Decode returned code UnsupportedFeature"): animated WebP,
      // which libwebp's simple decoding API refuses; TwelveMonkeys reads the first frame
      LOG.debug(
          "libwebp cannot decode this WebP, reading it with TwelveMonkeys: {}", e.getMessage());
      return null;
    }
  }

  @Override
  public String toString() {
    return "libwebp";
  }
}
