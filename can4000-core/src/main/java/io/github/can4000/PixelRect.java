package io.github.can4000;

/**
 * A rectangle of pixels, {@code [x1, x2) x [y1, y2)}, in the coordinates of a source image.
 *
 * <p>A rectangle may be empty ({@code x2 <= x1} or {@code y2 <= y1}) and, before clamping, may lie
 * partly outside the image; {@link #clampTo(int, int)} intersects it with an image.
 *
 * @param x1 left edge, inclusive
 * @param y1 top edge, inclusive
 * @param x2 right edge, exclusive
 * @param y2 bottom edge, exclusive
 */
public record PixelRect(int x1, int y1, int x2, int y2) {

  /** Returns the width, or 0 for an empty rectangle. */
  public int width() {
    return Math.max(0, x2 - x1);
  }

  /** Returns the height, or 0 for an empty rectangle. */
  public int height() {
    return Math.max(0, y2 - y1);
  }

  /** Returns whether this rectangle contains no pixel. */
  public boolean isEmpty() {
    return x2 <= x1 || y2 <= y1;
  }

  /** Returns whether this rectangle lies within a {@code width} x {@code height} image. */
  public boolean isWithin(int width, int height) {
    return x1 >= 0 && y1 >= 0 && x2 <= width && y2 <= height;
  }

  /**
   * Returns the intersection of this rectangle with a {@code width} x {@code height} image; the
   * result may be empty.
   */
  public PixelRect clampTo(int width, int height) {
    return new PixelRect(clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height));
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(v, max));
  }

  @Override
  public String toString() {
    return "[" + x1 + "," + y1 + ")-(" + x2 + "," + y2 + ")";
  }
}
