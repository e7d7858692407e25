package io.github.can4000.io.sink;

import io.github.can4000.ImageData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * How a sink stores a crop's pixels: lossless {@link #png()} (the original tool's format, the
 * default) or {@link #jpeg(int)} at a given quality, about ten times smaller for photographs.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Sink sink = Sinks.folder(Path.of("dataset"), CropEncoding.jpeg(90));   // <label>/<no>_<label>.jpg
 * }</pre>
 */
public final class CropEncoding {
  private static final CropEncoding PNG = new CropEncoding("png", 0);

  private final String extension;
  private final int quality;

  private CropEncoding(String extension, int quality) {
    this.extension = extension;
    this.quality = quality;
  }

  /** Returns lossless PNG (gray, RGB or RGBA as decoded), file extension {@code png}. */
  public static CropEncoding png() {
    return PNG;
  }

  /**
   * Returns baseline JPEG at {@code quality} (1-100, as libjpeg's scale; 90 keeps skin texture),
   * encoded by the JDK's ImageIO writer, file extension {@code jpg}. Gray crops stay gray; an alpha
   * channel is dropped.
   *
   * @throws IllegalArgumentException if {@code quality} is not between 1 and 100
   */
  public static CropEncoding jpeg(int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("quality must be between 1 and 100: " + quality);
    }
    return new CropEncoding("jpg", quality);
  }

  /** Returns the file extension without the dot: {@code png} or {@code jpg}. */
  public String extension() {
    return extension;
  }

  /**
   * Encodes {@code image}.
   *
   * @throws IOException if the encoder fails
   */
  public byte[] encode(ImageData image) throws IOException {
    if (this == PNG) {
      return image.toPng();
    }
    ImageData pixels = image.channels() == 4 || image.channels() == 2 ? image.toRgb() : image;
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IOException("no JPEG writer available");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(pixels.width() * pixels.height() / 4 + 1024);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      writer.write(null, new IIOImage(pixels.toBufferedImage(), null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  @Override
  public String toString() {
    return this == PNG ? "png" : String.format(Locale.ROOT, "jpeg(%d)", quality);
  }
}
