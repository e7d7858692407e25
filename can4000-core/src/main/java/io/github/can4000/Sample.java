package io.github.can4000;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One crop, ready for training: the manifest entry it came from, the source image's size, the pixel
 * rectangle used and the cropped pixels.
 *
 * @param entry the manifest row (id, label, box, URL)
 * @param sourceWidth width of the decoded source image in pixels
 * @param sourceHeight height of the decoded source image in pixels
 * @param rect the pixel rectangle cut from the source, after clamping
 * @param edgeFlags how the box related to the image edges; unmodifiable
 * @param image the crop's pixels
 */
public record Sample(
    ManifestEntry entry,
    int sourceWidth,
    int sourceHeight,
    PixelRect rect,
    Set<EdgeFlag> edgeFlags,
    ImageData image) {

  /** Validates and copies. */
  public Sample {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(rect, "rect");
    Objects.requireNonNull(image, "image");
    if (sourceWidth <= 0 || sourceHeight <= 0) {
      throw new IllegalArgumentException(
          "source size must be positive: " + sourceWidth + "x" + sourceHeight);
    }
    edgeFlags =
        edgeFlags.isEmpty()
            ? Collections.emptySet()
            : Collections.unmodifiableSet(EnumSet.copyOf(edgeFlags));
  }

  /** Returns the label. */
  public String label() {
    return entry.label();
  }

  /** Returns the crop as a lossless PNG, encoded on each call. */
  public byte[] toPng() {
    return image.toPng();
  }

  /** Returns the crop as floats in [0, 1] in channel-first (CHW) order. */
  public float[] toFloatChw() {
    return image.toFloatArray(ImageData.Layout.CHW);
  }

  /** Returns the crop as a new {@link BufferedImage}. */
  public BufferedImage toBufferedImage() {
    return image.toBufferedImage();
  }
}
