package io.github.can4000.io.image;

import io.github.can4000.Bytes;
import io.github.can4000.DecodeException;
import io.github.can4000.DecodedImage;
import io.github.can4000.Decoder;
import io.github.can4000.ImageFormat;
import io.github.can4000.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoder built by {@link ImageDecoders}: ImageIO readers, one new instance per call (ImageReader
 * instances are not thread-safe, their service providers are), with the TwelveMonkeys JPEG, WebP and
 * BMP plug-ins preferred over the JDK's.
 *
 * <p>ImageIO does the decoding because Apache Commons Imaging cannot decode most real JPEGs (no
 * progressive, CMYK or YCCK support) nor WebP pixels; Commons Imaging is used for what it does well,
 * reading the EXIF orientation (see {@link Orientation}).
 */
final class ImageIoDecoder implements Decoder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageIoDecoder.class);
  private static final Map<ImageFormat, ImageReaderSpi> READERS = findReaders();

  private final boolean applyExifOrientation;
  private final long maxPixels;

  ImageIoDecoder(boolean applyExifOrientation, long maxPixels) {
    this.applyExifOrientation = applyExifOrientation;
    this.maxPixels = maxPixels;
  }

  private static Map<ImageFormat, ImageReaderSpi> findReaders() {
    // decode in memory only: no temporary files for ImageInputStreams
    ImageIO.setUseCache(false);
    Map<ImageFormat, ImageReaderSpi> readers = new EnumMap<>(ImageFormat.class);
    put(readers, ImageFormat.JPEG, "jpeg");
    put(readers, ImageFormat.PNG, "png");
    put(readers, ImageFormat.GIF, "gif");
    put(readers, ImageFormat.BMP, "bmp");
    put(readers, ImageFormat.WEBP, "webp");
    put(readers, ImageFormat.TIFF, "tiff");
    return Collections.unmodifiableMap(readers);
  }

  /** Picks the TwelveMonkeys reader for {@code formatName} if there is one, else the first one. */
  private static void put(Map<ImageFormat, ImageReaderSpi> readers, ImageFormat format, String formatName) {
    ImageReaderSpi chosen = null;
    for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(formatName); it.hasNext(); ) {
      ImageReader reader = it.next();
      ImageReaderSpi spi = reader.getOriginatingProvider();
      reader.dispose();
      if (spi == null) {
        continue;
      }
      boolean twelveMonkeys = reader.getClass().getName().startsWith("com.twelvemonkeys");
      if (chosen == null || twelveMonkeys) {
        chosen = spi;
      }
      if (twelveMonkeys) {
        break;
      }
    }
    if (chosen == null) {
      LOG.warn("No ImageIO reader for {}: such images will fail with DECODE_FAILED", formatName);
      return;
    }
    LOG.debug("Decoding {} with {}", format, chosen.getClass().getName());
    readers.put(format, chosen);
  }

  /** Returns the class name of the reader provider used for {@code format}, or null if there is none. */
  static String readerProvider(ImageFormat format) {
    ImageReaderSpi spi = READERS.get(format);
    return spi == null ? null : spi.getClass().getName();
  }

  @Override
  public DecodedImage decode(Bytes data) throws DecodeException {
    Objects.requireNonNull(data, "data");
    if (data.size() == 0) {
      throw new DecodeException(Reason.NOT_AN_IMAGE, "empty body");
    }
    ImageFormat format = ImageFormat.sniff(data);
    if (format == ImageFormat.TEXT) {
      throw new DecodeException(Reason.NOT_AN_IMAGE, "body is text (HTML, XML, JSON or plain text), not an image");
    }
    if (format == ImageFormat.UNKNOWN) {
      throw new DecodeException(Reason.DECODE_FAILED,
          "unrecognised image format, leading bytes " + HexFormat.of().formatHex(data.head(8)));
    }
    ImageReaderSpi spi = READERS.get(format);
    if (spi == null) {
      throw new DecodeException(Reason.DECODE_FAILED, "no image reader for " + format);
    }
    BufferedImage image = read(spi, data, format);
    if (applyExifOrientation) {
      image = Orientation.apply(image, Orientation.read(data, format));
    }
    return DecodedImage.of(image, format);
  }

  private BufferedImage read(ImageReaderSpi spi, Bytes data, ImageFormat format) throws DecodeException {
    ImageReader reader = null;
    // colours as OpenCV decodes them: raw, without colour management
    InputStream source = format == ImageFormat.JPEG || format == ImageFormat.WEBP
        ? new ByteArrayInputStream(IccProfiles.strip(data.toByteArray(), format))
        : data.newInputStream();
    try (ImageInputStream in = new MemoryCacheImageInputStream(source)) {
      reader = spi.createReaderInstance();
      List<String> warnings = new ArrayList<>(1);
      // the JDK and TwelveMonkeys JPEG readers report truncated or corrupt data ("Premature end of JPEG
      // file") as a warning and return a grey-filled image: such warnings are failures
      reader.addIIOReadWarningListener((r, warning) -> {
        if (isHarmless(warning)) {
          LOG.debug("{} reader: {}", format, warning);
        } else {
          warnings.add(warning);
        }
      });
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        throw new DecodeException(Reason.DECODE_FAILED, format + " header declares an empty image " + width + "x" + height);
      }
      long pixels = (long) width * height;
      if (pixels > maxPixels) {
        throw new DecodeException(Reason.TOO_MANY_PIXELS,
            format + " of " + width + "x" + height + " = " + pixels + " pixels exceeds the budget of " + maxPixels);
      }
      BufferedImage image = reader.read(0);
      if (!warnings.isEmpty()) {
        throw new DecodeException(Reason.DECODE_FAILED, format + ": " + String.join("; ", warnings));
      }
      return Pixels.normalize(image);
    } catch (DecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // readers throw IIOException, EOFException, but also IllegalArgumentException,
      // IndexOutOfBoundsException, NegativeArraySizeException... on corrupt data
      throw new DecodeException(Reason.DECODE_FAILED, format + ": " + describe(e), e);
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }

  /**
   * Returns whether a reader warning leaves the pixels intact, so that decoding goes on: notices
   * about metadata and colour management (TwelveMonkeys' "No embedded ICC color profile, will convert
   * using inaccurate CMYK to RGB conversion", "Exif chunk is present, but can't be read", "... segment,
   * ignoring") and libjpeg's unknown JFIF revision notice. Every other warning means the reader
   * skipped or invented pixel data and is a failure: "Premature end of JPEG file", "Truncated File -
   * Missing EOI marker", "bad Huffman code", and also "Corrupt JPEG data: N extraneous bytes before
   * marker 0xd9", which is what damaged entropy-coded data usually looks like.
   */
  static boolean isHarmless(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    return w.contains("icc") || w.contains("color profile") || w.contains("colour profile") || w.contains("exif")
        || w.endsWith("segment, ignoring") || w.contains("unknown jfif revision");
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null && cause != e && cause.getMessage() != null && !sb.toString().contains(cause.getMessage())) {
      sb.append(" (").append(cause.getMessage()).append(')');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "ImageDecoder[applyExifOrientation=" + applyExifOrientation + ", maxPixels=" + maxPixels + "]";
  }
}
