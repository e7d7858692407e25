package io.github.can4000.io.sheet;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One image to place on a sheet, with the caption drawn below it.
 *
 * @param caption the caption, usually the row id ({@code 00042}); drawn with a small built-in font
 *     (digits, letters and {@code ( ) - _ . / , ?})
 * @param image the image; it is scaled down, never modified
 */
public record Thumbnail(String caption, BufferedImage image) {
  /** Validates. */
  public Thumbnail {
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(image, "image");
  }
}
