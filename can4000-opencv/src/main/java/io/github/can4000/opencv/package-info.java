/**
 * Optional native decoding: {@link io.github.can4000.opencv.OpenCvDecoders} creates a {@link
 * io.github.can4000.spi.Decoder} backed by OpenCV's libjpeg-turbo and libpng.
 */
package io.github.can4000.opencv;
