package io.github.can4000;

/**
 * What the {@link Cropper#reference reference cropper} does with a box that crosses an image edge.
 */
public enum EdgePolicy {
  /**
   * Intersect the box with the image (default). Where the original's numpy slicing clamps (ends
   * past the edge) the result is identical; where it wraps a negative start around and yields an
   * empty or wrong crop, this yields the visible part of the box, flagged {@link EdgeFlag#CLAMPED}.
   */
  CLAMP,
  /**
   * Skip rows the original would wrap ({@link Reason#OUT_OF_BOUNDS}): any negative coordinate or a
   * start past the edge. Ends past the edge are still clamped, as numpy does.
   */
  SKIP
}
