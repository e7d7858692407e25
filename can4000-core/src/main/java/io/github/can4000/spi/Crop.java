package io.github.can4000.spi;

import io.github.can4000.EdgeFlag;
import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link io.github.can4000.Cropper} cut from a source image.
 *
 * @param rect the pixel rectangle used, in source coordinates, after clamping
 * @param flags how the box related to the image edges; unmodifiable
 * @param image the cropped (and possibly transformed) pixels
 */
public record Crop(PixelRect rect, Set<EdgeFlag> flags, ImageData image) {
  /** Validates and copies. */
  public Crop {
    Objects.requireNonNull(rect, "rect");
    Objects.requireNonNull(image, "image");
    flags =
        flags.isEmpty()
            ? Collections.emptySet()
            : Collections.unmodifiableSet(EnumSet.copyOf(flags));
  }
}
