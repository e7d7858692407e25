package io.github.can4000.io.image;

import io.github.can4000.io.image.internal.FormatReader;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RegionHint;

/**
 * The router's PNG reader: {@link PngFastDecoder} for 8-bit, non-interlaced gray, RGB, gray + alpha
 * and RGBA PNGs, region reads included; it hands every other PNG (palette, 16-bit, interlaced,
 * tRNS, a damaged header) on to ImageIO.
 */
final class PngReader implements FormatReader {
  private final boolean applyExifOrientation;

  /** With {@code applyExifOrientation}, whole images are turned upright after decoding. */
  PngReader(boolean applyExifOrientation) {
    this.applyExifOrientation = applyExifOrientation;
  }

  @Override
  public boolean reads(ImageFormat format) {
    return format == ImageFormat.PNG;
  }

  @Override
  public boolean readsRegions(ImageFormat format) {
    return format == ImageFormat.PNG;
  }

  @Override
  public DecodedImage read(Bytes data, ImageFormat format, long maxPixels) throws DecodeException {
    return read(data, format, RegionHint.WHOLE, maxPixels);
  }

  @Override
  public DecodedImage read(Bytes data, ImageFormat format, RegionHint hint, long maxPixels)
      throws DecodeException {
    return new PngFastDecoder(data, maxPixels).decode(hint, applyExifOrientation);
  }

  @Override
  public String toString() {
    return "PNG";
  }
}
