package io.github.can4000.opencv;

import io.github.can4000.Reason;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.image.internal.Routers;
import io.github.can4000.spi.Decoder;

/**
 * Creates a {@link Decoder} that decodes JPEG and 8-bit PNG with OpenCV's native codecs
 * (libjpeg-turbo with SIMD, libpng), the decoders the original Python tool used, through the {@code
 * org.openpnp:opencv} bindings, which bundle the native libraries for the usual platforms.
 *
 * <pre>{@code
 * Dataset.builder().fetcher(HttpFetchers.create()).decoder(OpenCvDecoders.create()).build();
 * }</pre>
 *
 * <p>The result is the same as {@link ImageDecoders#standard()}'s: gray stays 1 channel, alpha
 * gives 4 channels (RGBA), everything else 3 channels (RGB), the EXIF orientation is ignored, and
 * failures are reported with the same reasons ({@link Reason#NOT_AN_IMAGE}, {@link
 * Reason#TOO_MANY_PIXELS} after reading only the header, {@link Reason#DECODE_FAILED}). Everything
 * OpenCV is not used for (GIF, WebP, BMP, TIFF, 16-bit or transparent-colour PNG, JPEG without an
 * end marker, anything OpenCV refuses) is handed to the standard pure-Java decoder, so the failure
 * semantics and the format coverage stay those of can4000-io; OpenCV 4.9's own GIF decoder is never
 * used. The OpenCV reader is plugged into the standard decoder's format router as its first reader.
 *
 * <p>The native library is loaded on first use ({@code nu.pattern.OpenCV.loadLocally()}, which
 * extracts it to a temporary directory); if that fails, {@link #create()} throws.
 */
public final class OpenCvDecoders {
  private OpenCvDecoders() {}

  /**
   * Returns a thread-safe OpenCV decoder with the default pixel budget ({@value
   * ImageDecoders#DEFAULT_MAX_PIXELS} pixels).
   *
   * @throws IllegalStateException if the native library cannot be loaded on this platform
   */
  public static Decoder create() {
    return create(ImageDecoders.DEFAULT_MAX_PIXELS);
  }

  /**
   * Returns a thread-safe OpenCV decoder that refuses images whose header declares more than {@code
   * maxPixels} pixels, as {@link ImageDecoders.Builder#maxPixels(long)}.
   *
   * @throws IllegalArgumentException if {@code maxPixels} is out of the range that {@link
   *     ImageDecoders.Builder#maxPixels(long)} accepts
   * @throws IllegalStateException if the native library cannot be loaded on this platform
   */
  public static Decoder create(long maxPixels) {
    ImageDecoders.builder()
        .maxPixels(maxPixels); // checks the budget before the native library loads
    NativeLibrary.load();
    return Routers.withFirstReader(maxPixels, new OpenCvReader());
  }

  /** Returns whether the native library can be loaded on this platform (loading it if needed). */
  public static boolean isAvailable() {
    try {
      NativeLibrary.load();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
