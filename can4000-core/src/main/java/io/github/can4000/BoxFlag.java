package io.github.can4000;

/** Something noteworthy about a manifest box, found when the manifest is parsed. */
public enum BoxFlag {
  /** A coordinate is not a number; the row cannot be cropped. */
  NON_NUMERIC,
  /** Width or height is zero or negative; the row cannot be cropped. */
  NON_POSITIVE_SIZE,
  /** The box extends past an image edge ({@code x - w/2 < 0}, {@code x + w/2 > 1}, likewise y). */
  CROSSES_EDGE,
  /** The box lies entirely outside the image. */
  OUTSIDE_IMAGE;

  /** Returns whether a box with this flag can never yield a crop. */
  public boolean isFatal() {
    return this == NON_NUMERIC || this == NON_POSITIVE_SIZE || this == OUTSIDE_IMAGE;
  }
}
