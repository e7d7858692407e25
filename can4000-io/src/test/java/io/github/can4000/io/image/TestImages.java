package io.github.can4000.io.image;

import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Loads the committed test images (classpath resources only, never /work/shared). */
final class TestImages {
  private TestImages() {}

  /** One row of formats/expected.tsv, written by formats/make_formats.py. */
  record Expected(String file, int width, int height, int channels, String check) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Bytes bytes(String resource) {
    return Bytes.copyOf(read(resource));
  }

  static byte[] read(String resource) {
    try (InputStream in = TestImages.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the rows of formats/expected.tsv whose check column is {@code check}. */
  static List<Expected> expected(String check) {
    List<Expected> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        TestImages.class.getResourceAsStream("/formats/expected.tsv"), StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t");
        if (f[4].equals(check)) {
          out.add(new Expected(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Returns the classpath path of an expected.tsv entry (relative to formats/). */
  static String resource(String file) {
    return file.startsWith("../") ? file.substring(3) : "formats/" + file;
  }

  /** Returns the exact source pixels of {@code file} (formats/{file}.raw.gz). */
  static ImageData raw(Expected e) {
    try (InputStream in = new GZIPInputStream(
        TestImages.class.getResourceAsStream("/formats/" + e.file() + ".raw.gz"))) {
      return ImageData.of(e.width(), e.height(), e.channels(), in.readAllBytes());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Returns all pixels of a decoded image. */
  static ImageData pixels(DecodedImage image) {
    return image.crop(new PixelRect(0, 0, image.width(), image.height()));
  }

  /** Returns the mean absolute difference of each channel; the images must have the same shape. */
  static double[] meanAbsDiff(ImageData a, ImageData b) {
    if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
      throw new IllegalArgumentException(a + " vs " + b);
    }
    byte[] x = a.toByteArray();
    byte[] y = b.toByteArray();
    int c = a.channels();
    double[] sum = new double[c];
    for (int i = 0; i < x.length; i++) {
      sum[i % c] += Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
    }
    for (int k = 0; k < c; k++) {
      sum[k] /= (double) x.length / c;
    }
    return sum;
  }
}
