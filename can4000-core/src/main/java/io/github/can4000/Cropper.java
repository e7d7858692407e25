package io.github.can4000;

import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.RegionHint;
import io.github.can4000.spi.RowException;

/**
 * Cuts a row's crop from its decoded source image. Implementations must be thread-safe.
 *
 * <p>Croppers compose: start from {@link #reference()} and add steps.
 *
 * <pre>{@code
 * Cropper exact = Cropper.reference();                  // the original's box, clamped
 * Cropper strict = Cropper.reference(EdgePolicy.SKIP);  // skip rows the original would wrap
 * Cropper train = Cropper.reference()                   // for a CNN:
 *     .square()                                         //   grow the shorter side to a square
 *     .margin(0.1)                                      //   plus 10% context on each side
 *     .resize(224, 224);                                //   then resample to 224 x 224
 * }</pre>
 *
 * <p>Geometric steps ({@link #square()}, {@link #margin(double)}) change which source pixels are
 * used: {@link Crop#rect()} is always the source rectangle actually cut, clamped to the image. A
 * {@link #resize(int, int) resize} changes only the pixels and always runs last, whatever the order
 * in which the steps were written. Each step keeps the {@link EdgeFlag}s of the cropper it extends,
 * which describe the annotated box.
 */
@FunctionalInterface
public interface Cropper {

  /**
   * Returns the crop of {@code entry}'s box from {@code source}.
   *
   * @throws RowException {@link Reason#EMPTY_CROP}, {@link Reason#BAD_BOX} or {@link
   *     Reason#OUT_OF_BOUNDS} when the row yields no crop
   */
  Crop crop(ManifestEntry entry, DecodedImage source) throws RowException;

  /**
   * Returns which pixels of a source {@link #crop} will read for {@code entry}, so that the decoder
   * can skip the rest. The default, {@link RegionHint#WHOLE}, is always correct.
   */
  default RegionHint region(ManifestEntry entry) {
    return RegionHint.WHOLE;
  }

  /** Returns the original tool's crop arithmetic with {@link EdgePolicy#CLAMP}. */
  static Cropper reference() {
    return ReferenceCropper.CLAMP;
  }

  /** Returns the original tool's crop arithmetic with the given edge policy. */
  static Cropper reference(EdgePolicy policy) {
    return policy == EdgePolicy.CLAMP ? ReferenceCropper.CLAMP : ReferenceCropper.SKIP;
  }

  /**
   * Returns a cropper that grows this cropper's rectangle to a square around its centre (the
   * shorter side grows to the longer; an odd extra pixel goes to the right or bottom), then clamps
   * it to the image. Near an edge the clamped result may therefore not be square.
   *
   * <p>For example a {@code 20 x 40} rectangle {@code [90,30)-(110,70)} becomes {@code
   * [80,30)-(120,70)}. A cropper of your own is run first and its rectangle then cut again from the
   * source, so only its {@link Crop#rect()} and flags matter.
   */
  default Cropper square() {
    return GrowCropper.square(this);
  }

  /**
   * Returns a cropper that grows this cropper's rectangle by {@code fraction} of its width on the
   * left and on the right, and of its height at the top and at the bottom (each rounded to whole
   * pixels), then clamps it to the image. For example {@code margin(0.1)} turns a {@code 40 x 40}
   * rectangle {@code [80,30)-(120,70)} into {@code [76,26)-(124,74)}.
   *
   * @param fraction 0 (no change) to 10
   * @throws IllegalArgumentException if {@code fraction} is out of range or not a number
   */
  default Cropper margin(double fraction) {
    return GrowCropper.margin(this, fraction);
  }

  /**
   * Returns a cropper that resamples this cropper's crop to {@code width x height} pixels with
   * {@link ImageData#resize(int, int)}: area averaging when shrinking, bilinear when enlarging. The
   * aspect ratio is not kept; combine with {@link #square()} to avoid distortion. {@link
   * Crop#rect()} still names the source pixels used. A later {@code resize} replaces this one.
   *
   * @param width 1 to 16384
   * @param height 1 to 16384
   * @throws IllegalArgumentException if a size is out of range
   */
  default Cropper resize(int width, int height) {
    return new ResizingCropper(this, width, height);
  }

  /**
   * Returns a cropper that skips rows whose source rectangle ({@link Crop#rect()}, after the
   * geometric steps, before any resize) is shorter than {@code pixels} on its shorter side: they
   * end as {@link Reason#TOO_SMALL} instead of being upscaled from a few pixels. Steps added after
   * it apply to the cropper it extends, so the check always runs on the final rectangle.
   *
   * @param pixels 1 to 16384
   * @throws IllegalArgumentException if {@code pixels} is out of range
   */
  default Cropper minSize(int pixels) {
    return new MinSizeCropper(this, pixels);
  }
}
