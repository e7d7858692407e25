package io.github.can4000;

/**
 * A bounding box in YOLO convention: centre and size as fractions of the image's width and height.
 *
 * <p>Values are kept exactly as parsed, including values that make no sense (a negative width, a
 * centre outside the image, {@code NaN} for a token that was not a number); what is wrong with a
 * box is recorded as {@link BoxFlag}s on its {@link ManifestEntry}, so a malformed row is reported
 * rather than silently corrected.
 *
 * @param x centre, as a fraction of the image width
 * @param y centre, as a fraction of the image height
 * @param width width, as a fraction of the image width
 * @param height height, as a fraction of the image height
 */
public record Box(double x, double y, double width, double height) {

  /**
   * Converts this box to pixel coordinates of a {@code imageWidth} x {@code imageHeight} image with
   * exactly the original tool's arithmetic: {@code x1 = (int) ((x - width / 2) * imageWidth)},
   * {@code x2 = (int) ((x + width / 2) * imageWidth)} and the same for y, in double precision and
   * truncating toward zero. The result is not clamped and may lie partly or wholly outside the
   * image.
   *
   * @param imageWidth image width in pixels
   * @param imageHeight image height in pixels
   * @return the unclamped pixel rectangle
   * @throws IllegalStateException if any coordinate is not a finite number
   */
  public PixelRect toPixels(int imageWidth, int imageHeight) {
    if (!isFinite()) {
      throw new IllegalStateException("box has a non-finite value: " + this);
    }
    int x1 = (int) ((x - width / 2) * imageWidth);
    int x2 = (int) ((x + width / 2) * imageWidth);
    int y1 = (int) ((y - height / 2) * imageHeight);
    int y2 = (int) ((y + height / 2) * imageHeight);
    return new PixelRect(x1, y1, x2, y2);
  }

  /** Returns whether all four values are finite numbers. */
  public boolean isFinite() {
    return Double.isFinite(x)
        && Double.isFinite(y)
        && Double.isFinite(width)
        && Double.isFinite(height);
  }
}
