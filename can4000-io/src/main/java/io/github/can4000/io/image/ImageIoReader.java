package io.github.can4000.io.image;

import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.internal.BytesAccess;
import io.github.can4000.internal.PixelConversion;
import io.github.can4000.io.image.internal.FormatReader;
import io.github.can4000.io.image.internal.ImageHeaders;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RegionHint;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's last reader: ImageIO, with the TwelveMonkeys JPEG, WebP and BMP plug-ins preferred
 * over the JDK's, for every format (JPEG, PNG, GIF, BMP, WebP, TIFF). It reads only the hinted
 * region of a JPEG ({@code ImageReadParam.setSourceRegion}); other formats whole (the JDK PNG
 * reader's region reads are slower than its full reads). One new {@link ImageReader} per call:
 * readers are not thread-safe, their service providers are. {@link WebpReader} reads WebP through
 * {@link #read(ImageReaderSpi, Bytes, ImageInputStream, ImageFormat, RegionHint, long)} with the
 * libwebp provider.
 *
 * <p>ImageIO does the decoding because Apache Commons Imaging cannot decode most real JPEGs (no
 * progressive, CMYK or YCCK support) nor WebP pixels; Commons Imaging is used for what it does
 * well, reading the EXIF orientation (see {@link Orientation}).
 */
final class ImageIoReader implements FormatReader {
  private static final Logger LOG = LoggerFactory.getLogger(ImageIoReader.class);
  private static final Map<ImageFormat, ImageReaderSpi> READERS = findReaders();

  private final boolean applyExifOrientation;

  /** With {@code applyExifOrientation}, whole images are turned upright after decoding. */
  ImageIoReader(boolean applyExifOrientation) {
    this.applyExifOrientation = applyExifOrientation;
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
  private static void put(
      Map<ImageFormat, ImageReaderSpi> readers, ImageFormat format, String formatName) {
    ImageReaderSpi chosen = null;
    for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(formatName);
        it.hasNext(); ) {
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

  /** Returns the class name of the reader provider used for {@code format}, or null if none. */
  static String provider(ImageFormat format) {
    ImageReaderSpi spi = READERS.get(format);
    return spi == null ? null : spi.getClass().getName();
  }

  @Override
  public boolean reads(ImageFormat format) {
    return READERS.containsKey(format);
  }

  @Override
  public boolean readsRegions(ImageFormat format) {
    return format == ImageFormat.JPEG;
  }

  @Override
  public DecodedImage read(Bytes data, ImageFormat format, long maxPixels) throws DecodeException {
    return read(data, format, RegionHint.WHOLE, maxPixels);
  }

  @Override
  public DecodedImage read(Bytes data, ImageFormat format, RegionHint hint, long maxPixels)
      throws DecodeException {
    ImageReaderSpi spi = READERS.get(format);
    if (spi == null) {
      return null;
    }
    if (format != ImageFormat.JPEG && format != ImageFormat.WEBP) {
      return read(
          spi,
          data,
          new MemoryCacheImageInputStream(data.newInputStream()),
          format,
          hint,
          maxPixels);
    }
    // colours as OpenCV decodes them: raw, without colour management; straight from the array, as
    // a MemoryCacheImageInputStream would copy every body into its cache
    byte[] bytes = IccProfiles.strip(BytesAccess.array(data), format);
    return read(spi, data, new ByteArrayImageInputStream(bytes), format, hint, maxPixels);
  }

  /**
   * Reads {@code stream} (which it closes) with a new reader of {@code spi}, only the {@code
   * hint}ed region if it gives one. Throws a LinkageError only from the libwebp reader (its native
   * library), which {@link WebpReader} handles.
   */
  DecodedImage read(
      ImageReaderSpi spi,
      Bytes data,
      ImageInputStream stream,
      ImageFormat format,
      RegionHint hint,
      long maxPixels)
      throws DecodeException {
    ImageReader reader = null;
    try (ImageInputStream in = stream) {
      reader = spi.createReaderInstance();
      List<String> warnings = new ArrayList<>(1);
      // the JDK and TwelveMonkeys JPEG readers report truncated or corrupt data ("Premature end of
      // JPEG file") as a warning and return a grey-filled image: such warnings are failures
      reader.addIIOReadWarningListener(
          (r, warning) -> {
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
        throw new DecodeException(
            Reason.DECODE_FAILED,
            format + " header declares an empty image " + width + "x" + height);
      }
      ImageHeaders.checkPixels(format.toString(), width, height, maxPixels);
      PixelRect region = hint.region(width, height);
      region = region == null ? null : region.clampTo(width, height);
      boolean partial =
          region != null
              && !region.isEmpty()
              && (region.width() < width || region.height() < height);
      ImageReadParam param = reader.getDefaultReadParam();
      if (partial) {
        param.setSourceRegion(
            new Rectangle(region.x1(), region.y1(), region.width(), region.height()));
      }
      if (format == ImageFormat.JPEG && defaultsToBgr(reader)) {
        param.setDestination(
            rgbImage(partial ? region.width() : width, partial ? region.height() : height));
      }
      BufferedImage image = reader.read(0, param);
      if (!warnings.isEmpty()) {
        throw new DecodeException(
            Reason.DECODE_FAILED, format + ": " + String.join("; ", warnings));
      }
      image = PixelConversion.normalize(image);
      if (partial) {
        return DecodedImage.ofRegion(image, format, region.x1(), region.y1(), width, height);
      }
      if (applyExifOrientation) {
        image = Orientation.apply(image, Orientation.read(data, format));
      }
      return DecodedImage.of(image, format);
    } catch (DecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // readers throw IIOException, EOFException, but also IllegalArgumentException,
      // IndexOutOfBoundsException, NegativeArraySizeException... on corrupt data
      throw new DecodeException(Reason.DECODE_FAILED, format + ": " + describe(e), e);
    } catch (OutOfMemoryError e) {
      // libwebp's VP8_STATUS_OUT_OF_MEMORY, which webp-imageio throws as an OutOfMemoryError of its
      // own (the pixel budget was checked, so this is a corrupt header, not a full heap)
      StackTraceElement[] where = e.getStackTrace();
      if (where.length > 0 && where[0].getClassName().startsWith("com.luciad.imageio.webp.")) {
        throw new DecodeException(Reason.DECODE_FAILED, format + ": libwebp ran out of memory", e);
      }
      throw e;
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }

  /** Whether the reader decodes to {@code TYPE_3BYTE_BGR} by default (YCbCr and RGB JPEGs). */
  private static boolean defaultsToBgr(ImageReader reader) throws IOException {
    Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
    return types != null
        && types.hasNext()
        && types.next().getBufferedImageType() == BufferedImage.TYPE_3BYTE_BGR;
  }

  /**
   * Returns an 8-bit sRGB image with its bytes in R, G, B order, as decoding destination instead of
   * the reader's {@code TYPE_3BYTE_BGR}. Same pixels, but the JDK JPEG reader, whose scanline
   * buffer is in R, G, B order, then copies each scanline with one arraycopy instead of a per-byte
   * loop ({@code ByteInterleavedRaster.putByteData} for a raster "not in order", the largest Java
   * hot spot of a run), and crops are copied row by row.
   */
  private static BufferedImage rgbImage(int width, int height) {
    return PixelConversion.fromRgb(new byte[width * height * 3], width, height, 3);
  }

  /**
   * Returns whether a reader warning leaves the pixels intact, so that decoding goes on: notices
   * about metadata and colour management (TwelveMonkeys' "No embedded ICC color profile, will
   * convert using inaccurate CMYK to RGB conversion", "Exif chunk is present, but can't be read",
   * "... segment, ignoring") and libjpeg's unknown JFIF revision notice. Every other warning means
   * the reader skipped or invented pixel data and is a failure: "Premature end of JPEG file",
   * "Truncated File - Missing EOI marker", "bad Huffman code", and also "Corrupt JPEG data: N
   * extraneous bytes before marker 0xd9", which is what damaged entropy-coded data usually looks
   * like.
   */
  static boolean isHarmless(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    return w.contains("icc")
        || w.contains("color profile")
        || w.contains("colour profile")
        || w.contains("exif")
        || w.endsWith("segment, ignoring")
        || w.contains("unknown jfif revision");
  }

  private static String describe(Throwable e) {
    StringBuilder sb =
        new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null
        && cause != e
        && cause.getMessage() != null
        && !sb.toString().contains(cause.getMessage())) {
      sb.append(" (").append(cause.getMessage()).append(')');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "ImageIO";
  }
}
