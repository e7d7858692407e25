package io.github.can4000;

import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.RegionHint;
import io.github.can4000.spi.RowException;

/**
 * Resamples another cropper's crop to a fixed size ({@link Cropper#resize(int, int)}). Geometric
 * steps added after it apply to the inner cropper, so resizing always comes last.
 */
final class ResizingCropper implements Cropper {
  static final int MAX_SIZE = 16384;

  private final Cropper inner;
  private final int width;
  private final int height;

  ResizingCropper(Cropper inner, int width, int height) {
    if (width < 1 || width > MAX_SIZE || height < 1 || height > MAX_SIZE) {
      throw new IllegalArgumentException(
          "resize must be between 1 and " + MAX_SIZE + " pixels each way: " + width + "x" + height);
    }
    this.inner = inner;
    this.width = width;
    this.height = height;
  }

  @Override
  public Crop crop(ManifestEntry entry, DecodedImage source) throws RowException {
    if (inner instanceof RectCropper) {
      // cut and resample in one pass, without a copy of the source rectangle in between
      RectCropper.Placement p = ((RectCropper) inner).place(entry, source);
      return new Crop(p.rect(), p.flags(), source.crop(p.rect(), width, height));
    }
    Crop c = inner.crop(entry, source);
    return new Crop(c.rect(), c.flags(), c.image().resize(width, height));
  }

  @Override
  public RegionHint region(ManifestEntry entry) {
    return inner.region(entry);
  }

  @Override
  public Cropper square() {
    return new ResizingCropper(inner.square(), width, height);
  }

  @Override
  public Cropper margin(double fraction) {
    return new ResizingCropper(inner.margin(fraction), width, height);
  }

  @Override
  public Cropper resize(int newWidth, int newHeight) {
    return new ResizingCropper(inner, newWidth, newHeight);
  }

  @Override
  public String toString() {
    return inner + ".resize(" + width + ", " + height + ")";
  }
}
