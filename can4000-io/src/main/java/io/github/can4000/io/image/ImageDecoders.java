package io.github.can4000.io.image;

import io.github.can4000.Reason;
import io.github.can4000.internal.Args;
import io.github.can4000.io.image.internal.Routers;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.Decoder;

/**
 * Creates the standard {@link Decoder}: JPEG (baseline, progressive, grayscale, CMYK and YCCK), PNG
 * (all colour types, 16-bit reduced to 8-bit), GIF (first frame), BMP, WebP (lossy, lossless,
 * alpha) and TIFF, recognised from the leading bytes only.
 *
 * <p>Decoded images keep their alpha channel (4 channels) and single-band gray (1 channel), as
 * OpenCV's {@code IMREAD_UNCHANGED}; everything else becomes RGB (3 channels). The decoders are
 * thread-safe. Failures are reported as {@link DecodeException} with {@link Reason#NOT_AN_IMAGE}
 * (empty body, HTML, JSON or text), {@link Reason#TOO_MANY_PIXELS} (refused after reading only the
 * header) or {@link Reason#DECODE_FAILED} (unknown format, corrupt or truncated data, with the
 * reader's message).
 *
 * <p>Colours are decoded as OpenCV (the original Python tool) decodes them: embedded ICC profiles
 * are ignored and CMYK/YCCK JPEGs are converted without a colour profile, so pixel values match the
 * original's. Baseline JPEG photographs decode to exactly OpenCV's pixels.
 *
 * <p>WebP is decoded by libwebp, as in OpenCV, through {@code com.github.usefulness:webp-imageio}
 * (a dependency of can4000-io) when its native library loads on this platform (15 times faster, and
 * lossy WebP gets exactly OpenCV's pixels); otherwise by TwelveMonkeys' pure-Java reader, whose
 * lossy pixels differ from libwebp's by a few levels.
 */
public final class ImageDecoders {
  /** The default pixel budget of {@link Builder#maxPixels(long)}: 25 million pixels. */
  public static final long DEFAULT_MAX_PIXELS = 25_000_000L;

  /**
   * The largest accepted pixel budget, 536870909: a 4-channel 8-bit raster of this many pixels
   * still fits in one Java array.
   */
  static final long PIXEL_LIMIT = (Integer.MAX_VALUE - 8) / 4;

  static {
    Routers.register(
        (maxPixels, first) -> new ImageIoDecoder(false, maxPixels, true, LibWebp.get(), first));
  }

  private static final Decoder STANDARD = builder().build();

  private ImageDecoders() {}

  /**
   * Returns the decoder with the default options: EXIF orientation ignored and at most {@value
   * #DEFAULT_MAX_PIXELS} pixels per image.
   */
  public static Decoder standard() {
    return STANDARD;
  }

  /** Returns a builder for a decoder with non-default options. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a decoder. Options and defaults:
   *
   * <ul>
   *   <li>{@link #applyExifOrientation(boolean) applyExifOrientation}: false
   *   <li>{@link #maxPixels(long) maxPixels}: {@value ImageDecoders#DEFAULT_MAX_PIXELS}
   * </ul>
   *
   * <p>Each option may be set once and its argument is checked at once. A builder can build several
   * decoders.
   */
  public static final class Builder {
    private Boolean applyExifOrientation;
    private long maxPixels = -1;

    private Builder() {}

    /**
     * Sets whether the EXIF orientation tag (JPEG, PNG, WebP, TIFF) is applied by rotating or
     * flipping the pixels. Default false: the orientation is ignored, as in the original tool,
     * because the manifest's boxes were computed on the raw pixel grid.
     *
     * @throws IllegalStateException if already set
     */
    public Builder applyExifOrientation(boolean apply) {
      Args.requireUnset(applyExifOrientation, "applyExifOrientation");
      applyExifOrientation = apply;
      return this;
    }

    /**
     * Sets the pixel budget: images whose header declares more than {@code maxPixels} pixels (width
     * times height) are refused with {@link Reason#TOO_MANY_PIXELS} after reading only the header,
     * before any pixel memory is allocated. This protects against decompression bombs (a 100-byte
     * PNG may declare 60000x60000 pixels). Default {@value ImageDecoders#DEFAULT_MAX_PIXELS}, which
     * admits every CAN4000 source; a decoded image takes up to 4 bytes per pixel.
     *
     * @throws IllegalArgumentException if not between 1 and 536870909 (a 4-channel raster of that
     *     many pixels is the largest that fits in one Java array)
     * @throws IllegalStateException if already set
     */
    public Builder maxPixels(long maxPixels) {
      Args.requireUnset(this.maxPixels, "maxPixels");
      this.maxPixels = Args.checkRange(maxPixels, 1, PIXEL_LIMIT, "maxPixels");
      return this;
    }

    /** Returns a new thread-safe decoder with the options set so far. */
    public Decoder build() {
      return new ImageIoDecoder(
          applyExifOrientation != null && applyExifOrientation,
          maxPixels < 0 ? DEFAULT_MAX_PIXELS : maxPixels);
    }
  }
}
