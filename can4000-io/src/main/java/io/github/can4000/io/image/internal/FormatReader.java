package io.github.can4000.io.image.internal;

import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.ImageFormat;

/**
 * A reader that plugs into the standard decoder's format router ahead of its own readers (the fast
 * PNG reader, libwebp, ImageIO with TwelveMonkeys): the router checks the body (empty, text,
 * unknown format) and asks this reader first; a reader that returns null hands the body on. Not
 * API: obtain a router with {@link Routers#withFirstReader}.
 */
public interface FormatReader {
  /**
   * Whether this reader may decode bodies of {@code format}; for those, the router sizes decode
   * memory for a whole image, as the reader decodes whole images.
   */
  boolean reads(ImageFormat format);

  /**
   * Decodes the whole of {@code data}, or returns null to hand it to the router's own readers (a
   * body this reader does not decode exactly or cannot decode).
   *
   * @param maxPixels the router's pixel budget: a body whose header declares more must fail with
   *     {@link io.github.can4000.Reason#TOO_MANY_PIXELS} before pixel memory is allocated
   * @throws DecodeException for a failure no other reader would avoid
   */
  DecodedImage read(Bytes data, ImageFormat format, long maxPixels) throws DecodeException;
}
