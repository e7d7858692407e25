package io.github.can4000.spi;

import io.github.can4000.PixelRect;

/**
 * The part of a source image a run needs, as a function of the source's size, which only the
 * decoder learns from the header: a decoder may then decode just that region ({@link
 * Decoder#decode(Bytes, RegionHint)}). The engine passes the union of the rectangles of all rows
 * sharing the source.
 */
@FunctionalInterface
public interface RegionHint {
  /** The whole image is needed. */
  RegionHint WHOLE = (width, height) -> null;

  /**
   * Returns the rectangle needed from a {@code width x height} source, in its pixel coordinates (it
   * may extend past the image; decoders clamp it), or {@code null} if the whole image is needed.
   */
  PixelRect region(int width, int height);
}
