package io.github.can4000.examples.cli;

import io.github.can4000.Cropper;
import io.github.can4000.EdgePolicy;
import io.github.can4000.io.sink.CropEncoding;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code download}'s options for training-sized crops: they build the library's cropper ({@code
 * Cropper.reference().square().margin(f).resize(w, h).minSize(n)}) and its encoder ({@link
 * CropEncoding}). Without any of them the crops are the original tool's: the box as is, PNG.
 */
final class CropOptions {
  @Option(
      names = "--square",
      description =
          "Grow each box to a square around its centre (the shorter side grows to the longer).")
  boolean square;

  @Option(
      names = "--margin",
      paramLabel = "F",
      description = "Add F of the box's width and height on each side as context, e.g. 0.1 (0-10).")
  Double margin;

  @Option(
      names = "--resize",
      paramLabel = "W[xH]",
      description =
          "Resample every crop to W x H pixels (H defaults to W), e.g. 224 or 256x192; "
              + "use --square to keep the aspect ratio.")
  String resize;

  @Option(
      names = "--image-format",
      paramLabel = "png|jpg",
      defaultValue = "png",
      description =
          "File format of the crops: png (lossless, default) or jpg (about ten times smaller).")
  Format imageFormat;

  @Option(
      names = "--quality",
      paramLabel = "Q",
      description = "JPEG quality 1-100 with --image-format jpg (default: 90).")
  Integer quality;

  @Option(
      names = "--min-size",
      paramLabel = "N",
      description =
          "Skip crops whose source rectangle is smaller than N pixels on its shorter side "
              + "(reason TOO_SMALL) instead of upscaling them.")
  Integer minSize;

  /** The crop file formats. */
  enum Format {
    /** Lossless PNG. */
    PNG,
    /** JPEG. */
    JPG
  }

  /**
   * Returns the cropper the options ask for, starting from the original's box with {@code edge}.
   *
   * @throws UsageException if a value is unusable (the library's message, with the option's name)
   */
  Cropper cropper(EdgePolicy edge) {
    if (quality != null && imageFormat != Format.JPG) {
      throw new UsageException("--quality applies to --image-format jpg only");
    }
    encoding();
    int[] size = resize == null ? null : parseSize(resize);
    return LibraryErrors.translated(
        () -> {
          Cropper c = Cropper.reference(edge);
          if (square) {
            c = c.square();
          }
          if (margin != null) {
            c = c.margin(margin);
          }
          if (size != null) {
            c = c.resize(size[0], size[1]);
          }
          if (minSize != null) {
            c = c.minSize(minSize);
          }
          return c;
        });
  }

  /** Returns the encoding of {@code --image-format} and {@code --quality}. */
  CropEncoding encoding() {
    return imageFormat == Format.PNG
        ? CropEncoding.png()
        : LibraryErrors.translated(() -> CropEncoding.jpeg(quality == null ? 90 : quality));
  }

  /** Returns the settings for {@code _run.json}. */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("square", square);
    m.put("margin", margin == null ? 0.0 : margin);
    if (resize != null) {
      int[] size = parseSize(resize);
      m.put("width", size[0]);
      m.put("height", size[1]);
    }
    m.put("format", imageFormat.name().toLowerCase(Locale.ROOT));
    if (imageFormat == Format.JPG) {
      m.put("quality", quality == null ? 90 : quality);
    }
    if (minSize != null) {
      m.put("min_size", minSize);
    }
    return m;
  }

  /** Parses {@code 224} or {@code 256x192}. */
  static int[] parseSize(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x", -1);
    try {
      if (parts.length == 1) {
        int w = Integer.parseInt(parts[0]);
        return new int[] {w, w};
      }
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--resize must be W or WxH in pixels, e.g. 224 or 256x192: " + text);
  }
}
