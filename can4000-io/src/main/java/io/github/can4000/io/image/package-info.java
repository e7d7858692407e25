/**
 * Image decoding: {@link io.github.can4000.io.image.ImageDecoders} creates the standard {@link
 * io.github.can4000.spi.Decoder} (ImageIO with the TwelveMonkeys plug-ins, Apache Commons Imaging
 * for EXIF metadata).
 */
package io.github.can4000.io.image;
