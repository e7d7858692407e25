package io.github.can4000.io.image;

import java.awt.image.BufferedImage;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.function.Supplier;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libwebp ImageIO reader of the optional dependency {@code com.github.usefulness:webp-imageio}
 * ({@code com.luciad.imageio.webp.WebPImageReaderSpi}, JNI bindings to libwebp, which OpenCV and so
 * the original tool decode WebP with): usable if it is on the class path and its native library
 * loads, checked once, when the first WebP is decoded, by decoding a 1x1 WebP. It is about 15 times
 * faster than TwelveMonkeys' pure-Java WebP reader and decodes lossy WebP to libwebp's pixels.
 *
 * <p>If the reader is missing, or its native library does not load on this platform ({@code
 * UnsatisfiedLinkError} or another {@code LinkageError}), or fails later with a {@code
 * LinkageError}, it is {@linkplain #disable disabled} for good and WebP goes to TwelveMonkeys.
 * (webp-imageio prints the stack trace of a failed native library load to standard error itself.)
 */
final class LibWebp {
  private static final Logger LOG = LoggerFactory.getLogger(LibWebp.class);
  static final String SPI_CLASS = "com.luciad.imageio.webp.WebPImageReaderSpi";

  /** A lossless 1x1 WebP (RGB 10, 20, 30), written by OpenCV 4.6. */
  private static final byte[] PROBE =
      HexFormat.of()
          .parseHex("524946461e000000574542505650384c110000002f0000000007508a2ad4a3ff8188e87f0000");

  private static final LibWebp DEFAULT = new LibWebp(LibWebp::registered);

  private final Supplier<ImageReaderSpi> finder;
  private final boolean probe;
  private ImageReaderSpi spi;

  /** Null until the reader was looked for, then whether it is usable. */
  private volatile Boolean usable;

  /**
   * Finds and probes the reader with {@code finder} (which may return null or throw a LinkageError)
   * on the first call of {@link #spi()}, so that the native library is loaded only once a WebP is
   * decoded.
   */
  LibWebp(Supplier<ImageReaderSpi> finder) {
    this(finder, true);
  }

  /** With {@code probe} false (tests only) a found reader is used without a trial decode. */
  LibWebp(Supplier<ImageReaderSpi> finder, boolean probe) {
    this.finder = finder;
    this.probe = probe;
  }

  /** Returns the shared instance for the ImageIO registry, probed on first use. */
  static LibWebp get() {
    return DEFAULT;
  }

  private synchronized boolean init() {
    if (usable != null) {
      return usable;
    }
    boolean ok = false;
    try {
      spi = finder.get();
      if (spi == null) {
        LOG.debug(
            "No libwebp reader ({} not on the class path): WebP is decoded by TwelveMonkeys",
            SPI_CLASS);
      } else {
        if (probe) {
          probe(spi);
        }
        ok = true;
        LOG.debug("Decoding WEBP with libwebp ({})", spi.getClass().getName());
      }
    } catch (LinkageError | Exception e) {
      LOG.info(
          "libwebp reader unusable, WebP is decoded by TwelveMonkeys instead: {}", e.toString());
    }
    usable = ok;
    return ok;
  }

  /** Returns the registered libwebp reader provider, or null. */
  static ImageReaderSpi registered() {
    for (Iterator<ImageReaderSpi> it =
            IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
        it.hasNext(); ) {
      ImageReaderSpi spi = it.next();
      if (spi.getClass().getName().equals(SPI_CLASS)) {
        return spi;
      }
    }
    return null;
  }

  private static void probe(ImageReaderSpi spi) throws Exception {
    ImageReader reader = spi.createReaderInstance();
    try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(PROBE)) {
      reader.setInput(in, true, true);
      BufferedImage image = reader.read(0, reader.getDefaultReadParam());
      int rgb = image.getRGB(0, 0) & 0xFFFFFF;
      if (image.getWidth() != 1 || image.getHeight() != 1 || rgb != 0x0A141E) {
        throw new IllegalStateException(
            "probe decoded to " + image + " with RGB " + Integer.toHexString(rgb));
      }
    } finally {
      reader.dispose();
    }
  }

  /** Returns the reader provider, or null if it is missing, unusable or was disabled. */
  ImageReaderSpi spi() {
    Boolean ok = usable;
    return (ok != null ? ok : init()) ? spi : null;
  }

  /** Stops using the reader after {@code error} (a LinkageError from the native library). */
  synchronized void disable(Throwable error) {
    if (usable == null || usable) {
      usable = false;
      LOG.info(
          "libwebp reader failed, WebP is decoded by TwelveMonkeys from now on: {}",
          error.toString());
    }
  }
}
