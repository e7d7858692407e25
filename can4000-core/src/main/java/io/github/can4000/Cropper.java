package io.github.can4000;

/**
 * Cuts a row's crop from its decoded source image. Implementations must be thread-safe.
 *
 * <pre>{@code
 * Cropper exact = Cropper.reference();                  // the original's box, clamped
 * Cropper strict = Cropper.reference(EdgePolicy.SKIP);  // skip rows the original would wrap
 * }</pre>
 */
@FunctionalInterface
public interface Cropper {

  /**
   * Returns the crop of {@code entry}'s box from {@code source}.
   *
   * @throws RowException {@link Reason#EMPTY_CROP}, {@link Reason#BAD_BOX} or
   *     {@link Reason#OUT_OF_BOUNDS} when the row yields no crop
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
}
