package io.github.can4000.io.image.internal;

import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RegionHint;

/**
 * One reader of the standard decoder's format router. The router checks the body (empty, text,
 * unknown format) and asks its readers in order: a reader of a sibling module first if one was
 * plugged in ({@link Routers#withFirstReader}, the OpenCV one), then its own (the fast PNG reader,
 * libwebp, ImageIO with TwelveMonkeys). A reader that returns null hands the body on to the next.
 * Not API.
 */
public interface FormatReader {
  /** Whether this reader may decode bodies of {@code format}; the router skips it for others. */
  boolean reads(ImageFormat format);

  /**
   * Decodes the whole of {@code data}, or returns null to hand it to the next reader (a body this
   * reader does not decode exactly or cannot decode).
   *
   * @param maxPixels the router's pixel budget: a body whose header declares more must fail with
   *     {@link io.github.can4000.Reason#TOO_MANY_PIXELS} before pixel memory is allocated
   * @throws DecodeException for a failure no other reader would avoid
   */
  DecodedImage read(Bytes data, ImageFormat format, long maxPixels) throws DecodeException;

  /**
   * Whether this reader can read only a region of {@code format} bodies ({@link #read(Bytes,
   * ImageFormat, RegionHint, long)}). False by default: the reader decodes whole images, and while
   * it may be asked the router sizes decode memory for a whole image.
   */
  default boolean readsRegions(ImageFormat format) {
    return false;
  }

  /**
   * Decodes {@code data}, only the {@code hint}ed region of it if the reader {@linkplain
   * #readsRegions reads regions} of {@code format} ({@link DecodedImage#ofRegion}), or returns null
   * to hand it on. The router passes {@link RegionHint#WHOLE} unless a region read gives the pixels
   * of a full decode there. By default it reads the whole image.
   *
   * @throws DecodeException for a failure no other reader would avoid
   */
  default DecodedImage read(Bytes data, ImageFormat format, RegionHint hint, long maxPixels)
      throws DecodeException {
    return read(data, format, maxPixels);
  }
}
