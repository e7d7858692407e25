package io.github.can4000.spi;

import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.internal.PixelConversion;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A decoded source image, as returned by a {@link Decoder}. It owns the decoded pixels and hands
 * out copies only, as {@link ImageData}, so one source can be cropped several times safely from
 * several threads.
 *
 * <p>A decoder that reads only part of a large image (a region read) creates it with {@link
 * #ofRegion}: {@link #width()} and {@link #height()} then still give the full source size, which is
 * what box arithmetic needs, and only the decoded region can be cropped.
 */
public final class DecodedImage {
  private final BufferedImage image;
  private final ImageFormat format;
  private final int originX;
  private final int originY;
  private final int width;
  private final int height;
  private final int channels;

  private DecodedImage(
      BufferedImage image, ImageFormat format, int originX, int originY, int width, int height) {
    this.image = Objects.requireNonNull(image, "image");
    this.format = Objects.requireNonNull(format, "format");
    this.originX = originX;
    this.originY = originY;
    this.width = width;
    this.height = height;
    this.channels = PixelConversion.channelsOf(image);
  }

  /**
   * Wraps a whole decoded image. The caller gives up the image: it must not be modified afterwards.
   */
  public static DecodedImage of(BufferedImage image, ImageFormat format) {
    return new DecodedImage(image, format, 0, 0, image.getWidth(), image.getHeight());
  }

  /**
   * Wraps the decoded region of a {@code fullWidth x fullHeight} source whose top-left corner is at
   * {@code (originX, originY)}. The caller gives up the image.
   */
  public static DecodedImage ofRegion(
      BufferedImage region,
      ImageFormat format,
      int originX,
      int originY,
      int fullWidth,
      int fullHeight) {
    if (originX < 0
        || originY < 0
        || originX + region.getWidth() > fullWidth
        || originY + region.getHeight() > fullHeight) {
      throw new IllegalArgumentException(
          "region "
              + region.getWidth()
              + "x"
              + region.getHeight()
              + " at ("
              + originX
              + ","
              + originY
              + ") does not fit in "
              + fullWidth
              + "x"
              + fullHeight);
    }
    return new DecodedImage(region, format, originX, originY, fullWidth, fullHeight);
  }

  /** Returns the full source width in pixels. */
  public int width() {
    return width;
  }

  /** Returns the full source height in pixels. */
  public int height() {
    return height;
  }

  /** Returns the number of channels a crop will have: 1 (gray), 3 (RGB) or 4 (RGBA). */
  public int channels() {
    return channels;
  }

  /** Returns the container format the pixels were decoded from. */
  public ImageFormat format() {
    return format;
  }

  /** Returns the approximate memory held by the decoded pixels, in bytes, for cache weighing. */
  public long retainedBytes() {
    return (long) image.getWidth() * image.getHeight() * image.getColorModel().getPixelSize() / 8;
  }

  /**
   * Returns the part of the source that was decoded, in full-source coordinates: the whole image,
   * or the region of a region read.
   */
  public PixelRect decodedRegion() {
    return new PixelRect(originX, originY, originX + image.getWidth(), originY + image.getHeight());
  }

  /** Returns whether {@code rect} (in full-source coordinates) was decoded and can be cropped. */
  public boolean covers(PixelRect rect) {
    return rect.x1() >= originX
        && rect.y1() >= originY
        && rect.x2() <= originX + image.getWidth()
        && rect.y2() <= originY + image.getHeight();
  }

  /**
   * Returns a copy of the pixels in {@code rect}, given in full-source coordinates.
   *
   * @throws IllegalArgumentException if {@code rect} is empty or was not decoded
   */
  public ImageData crop(PixelRect rect) {
    if (rect.isEmpty() || !covers(rect)) {
      throw new IllegalArgumentException("cannot crop " + rect + " from " + this);
    }
    return PixelConversion.region(
        image, rect.x1() - originX, rect.y1() - originY, rect.width(), rect.height(), channels);
  }

  /**
   * Returns the pixels in {@code rect} (full-source coordinates) resampled to {@code outWidth x
   * outHeight}: the same pixels as {@code crop(rect).resize(outWidth, outHeight)}, read straight
   * from the decoded image without copying {@code rect} first.
   *
   * @throws IllegalArgumentException if {@code rect} is empty or was not decoded, or a size is not
   *     positive
   */
  public ImageData crop(PixelRect rect, int outWidth, int outHeight) {
    if (rect.isEmpty() || !covers(rect)) {
      throw new IllegalArgumentException("cannot crop " + rect + " from " + this);
    }
    if (outWidth <= 0 || outHeight <= 0) {
      throw new IllegalArgumentException("size must be positive: " + outWidth + "x" + outHeight);
    }
    return PixelConversion.regionResized(
        image,
        rect.x1() - originX,
        rect.y1() - originY,
        rect.width(),
        rect.height(),
        channels,
        outWidth,
        outHeight);
  }

  @Override
  public String toString() {
    return "DecodedImage["
        + format
        + " "
        + width
        + "x"
        + height
        + "x"
        + channels
        + (originX != 0 || originY != 0 || image.getWidth() != width || image.getHeight() != height
            ? ", region "
                + image.getWidth()
                + "x"
                + image.getHeight()
                + " at ("
                + originX
                + ","
                + originY
                + ")"
            : "")
        + "]";
  }
}
