package io.github.can4000.io.image;

import io.github.can4000.ImageData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds PNGs by hand (8-bit samples, chosen filter per row, IDAT split into several chunks), since
 * ImageIO's writer picks the filters itself; and damages them on purpose.
 */
final class TestPngs {
  static final int GRAY = 0;
  static final int RGB = 2;
  static final int GRAY_ALPHA = 4;
  static final int RGBA = 6;

  private final int width;
  private final int height;
  private final int colorType;
  private final byte[] samples;
  private IntUnaryOperator filterOfRow = y -> y % 5;
  private int idatSize = 1000;
  private final List<byte[]> chunksBeforeData = new ArrayList<>();

  private TestPngs(int width, int height, int colorType, byte[] samples) {
    this.width = width;
    this.height = height;
    this.colorType = colorType;
    this.samples = samples;
  }

  /** A {@code width x height} PNG of photo-like content: gradients plus noise, seeded. */
  static TestPngs of(int width, int height, int colorType, long seed) {
    int bpp = bytesPerPixel(colorType);
    Random random = new Random(seed);
    byte[] samples = new byte[width * height * bpp];
    for (int y = 0, i = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < bpp; c++, i++) {
          // smooth areas (where the filters predict well) and noise (where they guess)
          int smooth = (x * (3 + c) + y * (5 - c)) * 255 / Math.max(1, width + height);
          samples[i] =
              (byte) (random.nextInt(8) < 5 ? smooth + random.nextInt(7) : random.nextInt(256));
        }
      }
    }
    return new TestPngs(width, height, colorType, samples);
  }

  static int bytesPerPixel(int colorType) {
    return colorType == GRAY ? 1 : colorType == RGB ? 3 : colorType == GRAY_ALPHA ? 2 : 4;
  }

  /** Filter type of each row (0..4; other values make an invalid PNG); default {@code y % 5}. */
  TestPngs filters(IntUnaryOperator filterOfRow) {
    this.filterOfRow = filterOfRow;
    return this;
  }

  /** Size of the IDAT chunks the compressed data is cut into (an empty IDAT chunk is added too). */
  TestPngs idatSize(int idatSize) {
    this.idatSize = idatSize;
    return this;
  }

  /** Adds a chunk between IHDR and the image data. */
  TestPngs chunk(String type, byte[] data) {
    chunksBeforeData.add(chunk(type.getBytes(StandardCharsets.US_ASCII), data));
    return this;
  }

  /** The pixels a decoder must give: gray, RGB or RGBA (gray + alpha as R = G = B = gray). */
  ImageData expected() {
    if (colorType != GRAY_ALPHA) {
      return ImageData.of(width, height, bytesPerPixel(colorType), samples);
    }
    byte[] rgba = new byte[width * height * 4];
    for (int p = 0; p < width * height; p++) {
      rgba[4 * p] = rgba[4 * p + 1] = rgba[4 * p + 2] = samples[2 * p];
      rgba[4 * p + 3] = samples[2 * p + 1];
    }
    return ImageData.of(width, height, 4, rgba);
  }

  /** The filtered rows (filter byte + row), uncompressed. */
  byte[] raw() {
    int bpp = bytesPerPixel(colorType);
    int rowBytes = width * bpp;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zero = new byte[rowBytes];
    for (int y = 0; y < height; y++) {
      int filter = filterOfRow.applyAsInt(y);
      out.write(filter);
      int off = y * rowBytes;
      for (int i = 0; i < rowBytes; i++) {
        int x = samples[off + i] & 0xFF;
        int a = i >= bpp ? samples[off + i - bpp] & 0xFF : 0;
        int b = y > 0 ? samples[off - rowBytes + i] & 0xFF : zero[i];
        int c = y > 0 && i >= bpp ? samples[off - rowBytes + i - bpp] & 0xFF : 0;
        int predicted =
            switch (filter) {
              case 1 -> a;
              case 2 -> b;
              case 3 -> (a + b) / 2;
              case 4 -> paeth(a, b, c);
              default -> 0;
            };
        out.write(x - predicted);
      }
    }
    return out.toByteArray();
  }

  /** The PNG file. */
  byte[] build() {
    return build(deflate(raw()));
  }

  /** The PNG file with {@code zlib} as its compressed image data. */
  byte[] build(byte[] zlib) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    out.writeBytes(
        chunk("IHDR".getBytes(StandardCharsets.US_ASCII), ihdr(width, height, 8, colorType, 0)));
    chunksBeforeData.forEach(out::writeBytes);
    for (int off = 0; off < zlib.length; off += idatSize) {
      out.writeBytes(
          chunk(
              "IDAT".getBytes(StandardCharsets.US_ASCII),
              java.util.Arrays.copyOfRange(zlib, off, Math.min(zlib.length, off + idatSize))));
      if (off == 0) {
        out.writeBytes(chunk("IDAT".getBytes(StandardCharsets.US_ASCII), new byte[0]));
      }
    }
    out.writeBytes(chunk("IEND".getBytes(StandardCharsets.US_ASCII), new byte[0]));
    return out.toByteArray();
  }

  static byte[] ihdr(int width, int height, int bitDepth, int colorType, int interlace) {
    return new byte[] {
      (byte) (width >>> 24),
      (byte) (width >>> 16),
      (byte) (width >>> 8),
      (byte) width,
      (byte) (height >>> 24),
      (byte) (height >>> 16),
      (byte) (height >>> 8),
      (byte) height,
      (byte) bitDepth,
      (byte) colorType,
      0,
      0,
      (byte) interlace
    };
  }

  static byte[] deflate(byte[] raw) {
    return deflate(raw, 0);
  }

  /**
   * Returns the zlib stream of {@code raw} followed by {@code extraZeros} zero bytes (too much
   * data).
   */
  static byte[] deflate(byte[] raw, int extraZeros) {
    Deflater deflater = new Deflater(6);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    byte[] zeros = new byte[1 << 20];
    deflater.setInput(raw);
    for (int left = extraZeros; ; ) {
      while (!deflater.needsInput()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      if (left == 0) {
        break;
      }
      int n = Math.min(left, zeros.length);
      deflater.setInput(zeros, 0, n);
      left -= n;
    }
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** Length, type, data and CRC of a chunk. */
  static byte[] chunk(byte[] type, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, data.length);
    out.writeBytes(type);
    out.writeBytes(data);
    writeInt(out, (int) crc.getValue());
    return out.toByteArray();
  }

  /**
   * Offsets of the chunks of {@code png} whose type is {@code type} (up to a broken chunk length).
   */
  static List<Integer> find(byte[] png, String type) {
    List<Integer> out = new ArrayList<>();
    for (int pos = 8;
        pos + 8 <= png.length && readInt(png, pos) >= 0 && readInt(png, pos) <= png.length;
        pos += 12 + readInt(png, pos)) {
      if (new String(png, pos + 4, 4, StandardCharsets.US_ASCII).equals(type)) {
        out.add(pos);
      }
    }
    return out;
  }

  /** Recomputes the CRC of the chunk at {@code pos} (after a deliberate change to its data). */
  static void fixCrc(byte[] png, int pos) {
    int length = readInt(png, pos);
    CRC32 crc = new CRC32();
    crc.update(png, pos + 4, length + 4);
    int v = (int) crc.getValue();
    int at = pos + 8 + length;
    png[at] = (byte) (v >>> 24);
    png[at + 1] = (byte) (v >>> 16);
    png[at + 2] = (byte) (v >>> 8);
    png[at + 3] = (byte) v;
  }

  static int readInt(byte[] b, int pos) {
    return (b[pos] & 0xFF) << 24
        | (b[pos + 1] & 0xFF) << 16
        | (b[pos + 2] & 0xFF) << 8
        | (b[pos + 3] & 0xFF);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  /** The PNG specification's Paeth predictor, as written there (branches and all). */
  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) {
      return a;
    }
    return pb <= pc ? b : c;
  }
}
