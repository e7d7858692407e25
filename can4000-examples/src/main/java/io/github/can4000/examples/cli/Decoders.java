package io.github.can4000.examples.cli;

import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.Decoder;

/**
 * Picks the decoder named by {@code --decoder}; OpenCV is looked up reflectively, as an optional
 * jar.
 */
final class Decoders {
  private static final String OPENCV = "io.github.can4000.opencv.OpenCvDecoders";

  private Decoders() {}

  /**
   * Returns the decoder for {@code name}: {@code imageio} ({@code settings}), {@code opencv} (with
   * the given pixel budget, or the default) or {@code auto} (OpenCV if its jar is on the class path
   * and its native library loads, else ImageIO).
   *
   * @throws UsageException for an unknown name, or {@code opencv} when it is not available
   */
  static Decoder choose(String name, ImageDecoders.Builder settings, Long maxPixels) {
    switch (name) {
      case "imageio":
        return settings.build();
      case "opencv":
        Decoder cv = openCv(maxPixels);
        if (cv == null) {
          throw new UsageException(
              "--decoder opencv needs can4000-opencv and org.openpnp:opencv on the class path"
                  + " (and a platform its native library supports)");
        }
        return cv;
      case "auto":
        Decoder auto = openCv(maxPixels);
        return auto != null ? auto : settings.build();
      default:
        throw new UsageException("--decoder must be auto, imageio or opencv: " + name);
    }
  }

  private static Decoder openCv(Long maxPixels) {
    try {
      Class<?> factory = Class.forName(OPENCV);
      if (!(Boolean) factory.getMethod("isAvailable").invoke(null)) {
        return null;
      }
      return (Decoder)
          factory
              .getMethod("create", long.class)
              .invoke(null, maxPixels != null ? maxPixels : ImageDecoders.DEFAULT_MAX_PIXELS);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create the OpenCV decoder", e);
    }
  }
}
