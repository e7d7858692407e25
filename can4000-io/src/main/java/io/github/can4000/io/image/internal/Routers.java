package io.github.can4000.io.image.internal;

import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.Decoder;
import java.util.Objects;

/**
 * Makes the standard decoder's format router with a {@link FormatReader} of a sibling module asked
 * first (the OpenCV decoder), so that everything else (format sniffing, failure reasons, pixel
 * budget, region reads, the other formats) stays the standard decoder's. Not API.
 */
public final class Routers {
  /**
   * Makes a router; implemented by the image package, which registers it when it is initialised.
   */
  @FunctionalInterface
  public interface Factory {
    /** Returns a router with {@code first} asked before its own readers. */
    Decoder withFirstReader(long maxPixels, FormatReader first);
  }

  private static volatile Factory factory;

  private Routers() {}

  /** Called once by {@link ImageDecoders} when it is initialised. */
  public static void register(Factory f) {
    factory = Objects.requireNonNull(f, "factory");
  }

  /**
   * Returns a thread-safe decoder that asks {@code first} before its own readers, with the pixel
   * budget {@code maxPixels} (checked as {@link ImageDecoders.Builder#maxPixels(long)} checks it)
   * and the EXIF orientation ignored.
   */
  public static Decoder withFirstReader(long maxPixels, FormatReader first) {
    Objects.requireNonNull(first, "first");
    ImageDecoders.builder()
        .maxPixels(maxPixels); // the builder's argument check, and its class initialised
    return factory.withFirstReader(maxPixels, first);
  }
}
