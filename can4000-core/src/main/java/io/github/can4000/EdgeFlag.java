package io.github.can4000;

/**
 * How a box's pixel rectangle relates to the edges of the actual image, recorded on every {@link
 * Outcome} and {@link Sample}. The names follow the bench's reference log ({@code x1<0} is {@link
 * #X1_NEGATIVE}, {@code x2>W} is {@link #X2_PAST_EDGE}, and so on).
 */
public enum EdgeFlag {
  /** Left edge is negative (the original's numpy slicing wraps it around). */
  X1_NEGATIVE,
  /** Top edge is negative. */
  Y1_NEGATIVE,
  /** Right edge is negative. */
  X2_NEGATIVE,
  /** Bottom edge is negative. */
  Y2_NEGATIVE,
  /** Left edge lies past the image width. */
  X1_PAST_EDGE,
  /** Top edge lies past the image height. */
  Y1_PAST_EDGE,
  /** Right edge lies past the image width (clamped, as numpy does). */
  X2_PAST_EDGE,
  /** Bottom edge lies past the image height. */
  Y2_PAST_EDGE,
  /** The box has zero width or height in pixels. */
  ZERO_BOX,
  /** The rectangle was clamped to the image, which the original does not do for negative starts. */
  CLAMPED;

  /** Returns the reference log's spelling of this flag, e.g. {@code x1<0}. */
  public String referenceName() {
    switch (this) {
      case X1_NEGATIVE:
        return "x1<0";
      case Y1_NEGATIVE:
        return "y1<0";
      case X2_NEGATIVE:
        return "x2<0";
      case Y2_NEGATIVE:
        return "y2<0";
      case X1_PAST_EDGE:
        return "x1>W";
      case Y1_PAST_EDGE:
        return "y1>H";
      case X2_PAST_EDGE:
        return "x2>W";
      case Y2_PAST_EDGE:
        return "y2>H";
      case ZERO_BOX:
        return "zero_box";
      default:
        return "clamped";
    }
  }
}
