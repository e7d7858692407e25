package io.github.can4000;

import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.RegionHint;
import io.github.can4000.spi.RowException;

/**
 * Skips rows whose source rectangle is smaller than a minimum on its shorter side ({@link
 * Cropper#minSize(int)}), with {@link Reason#TOO_SMALL}. The check reads {@link Crop#rect()}, the
 * source pixels used, so it means the same before and after a resize.
 */
final class MinSizeCropper implements Cropper {
  private final Cropper inner;
  private final int minSide;

  MinSizeCropper(Cropper inner, int minSide) {
    if (minSide < 1 || minSide > ResizingCropper.MAX_SIZE) {
      throw new IllegalArgumentException(
          "minSize must be between 1 and " + ResizingCropper.MAX_SIZE + ": " + minSide);
    }
    this.inner = inner;
    this.minSide = minSide;
  }

  @Override
  public Crop crop(ManifestEntry entry, DecodedImage source) throws RowException {
    Crop c = inner.crop(entry, source);
    PixelRect r = c.rect();
    int shorter = Math.min(r.width(), r.height());
    if (shorter < minSide) {
      throw new RowException(
          Reason.TOO_SMALL,
          "crop "
              + r.width()
              + "x"
              + r.height()
              + " is smaller than "
              + minSide
              + " pixels on its shorter side");
    }
    return c;
  }

  @Override
  public RegionHint region(ManifestEntry entry) {
    return inner.region(entry);
  }

  @Override
  public Cropper square() {
    return new MinSizeCropper(inner.square(), minSide);
  }

  @Override
  public Cropper margin(double fraction) {
    return new MinSizeCropper(inner.margin(fraction), minSide);
  }

  @Override
  public Cropper resize(int width, int height) {
    return new MinSizeCropper(inner.resize(width, height), minSide);
  }

  @Override
  public String toString() {
    return inner + ".minSize(" + minSide + ")";
  }
}
