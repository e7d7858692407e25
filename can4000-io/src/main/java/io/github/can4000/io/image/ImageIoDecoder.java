package io.github.can4000.io.image;

import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.io.image.internal.FormatReader;
import io.github.can4000.io.image.internal.ImageHeaders;
import io.github.can4000.io.image.internal.Routers;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RegionHint;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The decoder built by {@link ImageDecoders}, a format router: it checks the body (empty, text,
 * unknown format), decides whether a region read is safe, and asks its {@link FormatReader}s in
 * order, each reader that {@linkplain FormatReader#reads reads} the format until one returns an
 * image:
 *
 * <ol>
 *   <li>the reader of a sibling module if one was plugged in ({@link Routers}, the OpenCV one);
 *   <li>{@link PngReader} ({@link PngFastDecoder}) for plain 8-bit PNGs;
 *   <li>{@link WebpReader} ({@link LibWebp}) for WebP while libwebp is usable;
 *   <li>{@link ImageIoReader}, ImageIO with the TwelveMonkeys plug-ins, for everything.
 * </ol>
 *
 * <p>The router owns the options: the pixel budget, which every reader checks against the header
 * before allocating pixels; the EXIF orientation, which its own readers apply to whole images; and
 * region reads, which it allows only where they give the pixels of a full decode.
 */
final class ImageIoDecoder implements Decoder {
  private final boolean applyExifOrientation;
  private final long maxPixels;

  /** The readers in the order they are asked. */
  private final List<FormatReader> readers;

  /** The plugged-in first reader, or null. */
  private final FormatReader first;

  /** The libwebp reader, or null if there is none. */
  private final WebpReader webp;

  ImageIoDecoder(boolean applyExifOrientation, long maxPixels) {
    this(applyExifOrientation, maxPixels, true);
  }

  /**
   * With {@code fastPng} false every PNG is read by ImageIO, which tests compare {@link
   * PngFastDecoder} with.
   */
  ImageIoDecoder(boolean applyExifOrientation, long maxPixels, boolean fastPng) {
    this(applyExifOrientation, maxPixels, fastPng, LibWebp.get());
  }

  /**
   * For tests, which compare the paths: {@code libWebp} null reads every WebP with TwelveMonkeys
   * (else with libwebp while {@code libWebp} is usable).
   */
  ImageIoDecoder(boolean applyExifOrientation, long maxPixels, boolean fastPng, LibWebp libWebp) {
    this(applyExifOrientation, maxPixels, fastPng, libWebp, null);
  }

  /** With {@code first} (may be null) asked before the router's own readers. */
  ImageIoDecoder(
      boolean applyExifOrientation,
      long maxPixels,
      boolean fastPng,
      LibWebp libWebp,
      FormatReader first) {
    this.applyExifOrientation = applyExifOrientation;
    this.maxPixels = maxPixels;
    this.first = first;
    ImageIoReader imageIo = new ImageIoReader(applyExifOrientation);
    this.webp = libWebp == null ? null : new WebpReader(libWebp, imageIo);
    List<FormatReader> list = new ArrayList<>(4);
    if (first != null) {
      list.add(first);
    }
    if (fastPng) {
      list.add(new PngReader(applyExifOrientation));
    }
    if (webp != null) {
      list.add(webp);
    }
    list.add(imageIo);
    this.readers = List.copyOf(list);
  }

  /**
   * Returns the class name of the ImageIO reader provider for {@code format} (TwelveMonkeys for
   * WebP), or null if there is none.
   */
  static String readerProvider(ImageFormat format) {
    return ImageIoReader.provider(format);
  }

  /** Whether an ImageIO reader warning leaves the pixels intact; see {@link ImageIoReader}. */
  static boolean isHarmless(String warning) {
    return ImageIoReader.isHarmless(warning);
  }

  /**
   * Returns the class name of the ImageIO reader provider that reads {@code data} first: libwebp's
   * for WebP while it is usable, else {@link #readerProvider}; null for an unknown format.
   */
  String firstReader(Bytes data) {
    ImageFormat format = ImageFormat.sniff(data);
    String libwebp = format == ImageFormat.WEBP && webp != null ? webp.provider() : null;
    return libwebp != null ? libwebp : readerProvider(format);
  }

  /** Returns the readers in the order they are asked, for tests. */
  List<FormatReader> readers() {
    return readers;
  }

  @Override
  public DecodedImage decode(Bytes data) throws DecodeException {
    return decode(data, RegionHint.WHOLE);
  }

  /**
   * Returns the bytes the decoded pixels will take, from the header: width x height (of the region
   * for a JPEG that will be read by region; PNG counts whole, as some PNGs fall back to a whole
   * read) x 4, an upper bound for 8-bit gray, RGB and RGBA rasters; -1 for a format or header it
   * cannot read (TIFF, damaged headers), whose decode then reports any failure.
   */
  @Override
  public long decodedBytes(Bytes data, RegionHint hint) {
    ImageFormat format = ImageFormat.sniff(data);
    int[] size = ImageHeaders.size(data, format);
    if (size == null) {
      return -1;
    }
    long pixels = (long) size[0] * size[1];
    if (regionReadable(data, format, hint) && onlyRegionReaders(format)) {
      PixelRect r = hint.region(size[0], size[1]);
      if (r != null) {
        r = r.clampTo(size[0], size[1]);
        pixels = r.isEmpty() ? pixels : (long) r.width() * r.height();
      }
    }
    return Math.min(pixels, maxPixels) * 4;
  }

  /**
   * Whether {@code data} may be read by region for {@code hint}: a JPEG with its end marker or a
   * PNG with IEND (a region read stops early and would miss damage past the region, which a full
   * decode reports as DECODE_FAILED), and not with EXIF orientation applied (it moves the pixels).
   */
  private boolean regionReadable(Bytes data, ImageFormat format, RegionHint hint) {
    return hint != RegionHint.WHOLE
        && !applyExifOrientation
        && (format == ImageFormat.JPEG && ImageHeaders.endsWithJpegEoi(data)
            || format == ImageFormat.PNG && ImageHeaders.endsWithPngIend(data));
  }

  /** Whether every reader that may be asked for {@code format} reads regions of it. */
  private boolean onlyRegionReaders(ImageFormat format) {
    for (FormatReader reader : readers) {
      if (reader.reads(format) && !reader.readsRegions(format)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads only the hinted region where the reader reads regions and it is safe ({@link
   * #decodedBytes}): JPEGs read by ImageIO ({@code ImageReadParam.setSourceRegion}) and the PNGs
   * that {@link PngFastDecoder} decodes, whose pixels there are those of a full decode. Other PNGs
   * are read whole: the JDK PNG reader's region reads are slower than its full reads.
   */
  @Override
  public DecodedImage decode(Bytes data, RegionHint hint) throws DecodeException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(hint, "hint");
    if (data.size() == 0) {
      throw new DecodeException(Reason.NOT_AN_IMAGE, "empty body");
    }
    ImageFormat format = ImageFormat.sniff(data);
    if (format == ImageFormat.TEXT) {
      throw new DecodeException(
          Reason.NOT_AN_IMAGE, "body is text (HTML, XML, JSON or plain text), not an image");
    }
    if (format == ImageFormat.UNKNOWN) {
      throw new DecodeException(
          Reason.DECODE_FAILED,
          "unrecognised image format, leading bytes " + HexFormat.of().formatHex(data.head(8)));
    }
    RegionHint allowed = regionReadable(data, format, hint) ? hint : RegionHint.WHOLE;
    for (FormatReader reader : readers) {
      if (!reader.reads(format)) {
        continue;
      }
      DecodedImage image =
          reader.readsRegions(format)
              ? reader.read(data, format, allowed, maxPixels)
              : reader.read(data, format, maxPixels);
      if (image != null) {
        return image;
      }
    }
    throw new DecodeException(Reason.DECODE_FAILED, "no image reader for " + format);
  }

  @Override
  public long maxDecodedBytes() {
    return maxPixels * 4;
  }

  @Override
  public String toString() {
    return "ImageDecoder[applyExifOrientation="
        + applyExifOrientation
        + ", maxPixels="
        + maxPixels
        + (first == null ? "" : ", first=" + first)
        + "]";
  }
}
