package io.github.can4000;

import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.RowException;
import java.util.Objects;
import java.util.Set;

/**
 * A cropper that first decides which source rectangle to use and then cuts its pixels once, so
 * geometric steps ({@link Cropper#square()}, {@link Cropper#margin(double)}) compose without
 * copying pixels in between.
 */
abstract class RectCropper implements Cropper {

  /** Where a crop lies: a clamped, non-empty rectangle of the source and the box's edge flags. */
  record Placement(PixelRect rect, Set<EdgeFlag> flags) {
    Placement {
      Objects.requireNonNull(rect, "rect");
      Objects.requireNonNull(flags, "flags");
    }
  }

  /** Returns the rectangle to cut for {@code entry} from {@code source}. */
  abstract Placement place(ManifestEntry entry, DecodedImage source) throws RowException;

  @Override
  public final Crop crop(ManifestEntry entry, DecodedImage source) throws RowException {
    Placement p = place(entry, source);
    return new Crop(p.rect(), p.flags(), source.crop(p.rect()));
  }

  /**
   * Returns where {@code cropper} cuts, without copying pixels when it is a {@code RectCropper}.
   */
  static Placement placementOf(Cropper cropper, ManifestEntry entry, DecodedImage source)
      throws RowException {
    if (cropper instanceof RectCropper) {
      return ((RectCropper) cropper).place(entry, source);
    }
    Crop c = cropper.crop(entry, source);
    return new Placement(c.rect(), c.flags());
  }
}
