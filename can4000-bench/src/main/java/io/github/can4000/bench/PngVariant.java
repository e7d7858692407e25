package io.github.can4000.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A PNG encoder with a configurable filter, deflate level and strategy, to choose the core's by
 * measurement.
 */
final class PngVariant {
  enum Filter {
    NONE,
    SUB,
    UP,
    PAETH
  }

  private final Filter filter;
  private final int level;
  private final int strategy;

  PngVariant(Filter filter, int level, int strategy) {
    this.filter = filter;
    this.level = level;
    this.strategy = strategy;
  }

  static PngVariant parse(String spec) {
    String[] p = spec.split("-");
    int strategy =
        p.length > 2 && p[2].equals("huff")
            ? Deflater.HUFFMAN_ONLY
            : p.length > 2 && p[2].equals("filtered")
                ? Deflater.FILTERED
                : Deflater.DEFAULT_STRATEGY;
    return new PngVariant(
        Filter.valueOf(p[0].toUpperCase(Locale.ROOT)), Integer.parseInt(p[1]), strategy);
  }

  byte[] encode(int width, int height, int channels, byte[] px) {
    int stride = width * channels;
    byte[] raw = new byte[(stride + 1) * height];
    int o = 0;
    for (int y = 0; y < height; y++) {
      int p = y * stride;
      if (y == 0 && (filter == Filter.UP || filter == Filter.PAETH) || filter == Filter.NONE) {
        raw[o++] = 0;
        System.arraycopy(px, p, raw, o, stride);
        o += stride;
        continue;
      }
      raw[o++] = (byte) (filter.ordinal());
      switch (filter) {
        case SUB -> {
          for (int i = 0; i < channels; i++) {
            raw[o++] = px[p + i];
          }
          for (int i = channels; i < stride; i++) {
            raw[o++] = (byte) (px[p + i] - px[p + i - channels]);
          }
        }
        case UP -> {
          for (int i = 0; i < stride; i++) {
            raw[o++] = (byte) (px[p + i] - px[p - stride + i]);
          }
        }
        default -> {
          for (int i = 0; i < stride; i++) {
            int a = i >= channels ? px[p + i - channels] & 0xFF : 0;
            int b = px[p - stride + i] & 0xFF;
            int c = i >= channels ? px[p - stride + i - channels] & 0xFF : 0;
            int pa = Math.abs(b - c);
            int pb = Math.abs(a - c);
            int pc = Math.abs(a + b - 2 * c);
            int pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
            raw[o++] = (byte) (px[p + i] - pred);
          }
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 8;
    ihdr[9] = (byte) (channels == 1 ? 0 : channels == 3 ? 2 : 6);
    chunk(out, "IHDR", ihdr);
    Deflater deflater = new Deflater(level);
    deflater.setStrategy(strategy);
    deflater.setInput(raw);
    deflater.finish();
    byte[] buf = new byte[raw.length + raw.length / 1000 + 64];
    int n = 0;
    while (!deflater.finished()) {
      n += deflater.deflate(buf, n, buf.length - n);
    }
    deflater.end();
    chunk(out, "IDAT", Arrays.copyOf(buf, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] head = new byte[8];
    putInt(head, 0, data.length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, head, 4, 4);
    out.writeBytes(head);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.writeBytes(c);
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
