package io.github.can4000.io.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.Box;
import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.RunReport;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.fixtures.Photos;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.sink.Sinks;
import io.github.can4000.spi.Decoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Written crops must not carry the source's metadata (EXIF, GPS position, comments, text chunks):
 * clinical photos may hold a patient's location or a camera owner's name. The core PNG encoder
 * writes only IHDR, IDAT and IEND; these tests hold it to that from real sources with metadata.
 */
class NoMetadataLeakTest {

  static List<Decoder> decoders() {
    return List.of(
        new JdkDecoder(),
        ImageDecoders.standard(),
        ImageDecoders.builder().applyExifOrientation(true).build());
  }

  @ParameterizedTest
  @MethodSource("decoders")
  void crops_ofSourcesWithExifGpsAndTextChunks_haveOnlyImageChunks(
      Decoder decoder, @TempDir Path dir) throws Exception {
    byte[] exifJpeg = Photos.bytes(Photos.WITH_EXIF);
    byte[] gpsJpeg = withGpsExif(Photos.bytes("photo_001.jpg"));
    byte[] textPng = withTextChunks(TestImages.encode(Photos.image("photo_002.jpg"), "png"));
    assertThat(app1Exif(exifJpeg)).as("source has EXIF").isTrue();
    assertThat(app1Exif(gpsJpeg)).as("source has EXIF with GPS").isTrue();
    assertThat(chunkTypes(textPng)).as("source has text chunks").contains("tEXt", "iTXt", "eXIf");

    Map<String, byte[]> written = new ConcurrentHashMap<>();
    Sink folder = Sinks.folder(dir);
    Sink sink =
        new Sink() {
          @Override
          public void write(Sample s) throws IOException {
            written.put(s.entry().url(), s.toPng());
            folder.write(s);
          }
        };
    Manifest m =
        Manifest.of(
            "leak",
            List.of(
                ManifestEntry.of(0, "a", new Box(0.5, 0.5, 0.5, 0.5), "exif.jpg"),
                ManifestEntry.of(1, "a", new Box(0.5, 0.5, 0.5, 0.5), "gps.jpg"),
                ManifestEntry.of(2, "a", new Box(0.5, 0.5, 0.5, 0.5), "text.png")));
    MapFetcher f =
        new MapFetcher().put("exif.jpg", exifJpeg).put("gps.jpg", gpsJpeg).put("text.png", textPng);
    try (Dataset d = Dataset.builder().manifest(m).fetcher(f).decoder(decoder).build()) {
      RunReport r = d.writeTo(sink);
      assertThat(r.written()).isEqualTo(3);
    } finally {
      folder.close();
    }
    assertThat(written).hasSize(3);
    // what the folder sink put on disk
    for (int id = 0; id < 3; id++) {
      written.put(
          "file " + id,
          Files.readAllBytes(dir.resolve("a").resolve(String.format("%05d_a.png", id))));
    }
    for (Map.Entry<String, byte[]> e : written.entrySet()) {
      assertThat(chunkTypes(e.getValue())).as(e.getKey()).containsExactly("IHDR", "IDAT", "IEND");
      String latin = new String(e.getValue(), StandardCharsets.ISO_8859_1);
      assertThat(latin).as(e.getKey()).doesNotContain("Exif", "GPS", "Google", "patient");
    }
  }

  /** Returns whether a JPEG has an APP1 segment starting with "Exif\0\0". */
  static boolean app1Exif(byte[] jpeg) {
    int i = 2;
    while (i + 4 < jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
      int marker = jpeg[i + 1] & 0xFF;
      int len = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
      if (marker == 0xE1
          && new String(jpeg, i + 4, 4, StandardCharsets.ISO_8859_1).equals("Exif")) {
        return true;
      }
      if (marker == 0xDA) {
        return false;
      }
      i += 2 + len;
    }
    return false;
  }

  /**
   * Returns the chunk types of a PNG in order, checking the signature, every length and every CRC.
   */
  static List<String> chunkTypes(byte[] png) {
    assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    List<String> types = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(png, 8, png.length - 8);
    while (b.hasRemaining()) {
      int len = b.getInt();
      byte[] typeAndData = new byte[4 + len];
      b.get(typeAndData);
      int crc = b.getInt();
      CRC32 c = new CRC32();
      c.update(typeAndData);
      String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
      assertThat((int) c.getValue()).as("CRC of " + type).isEqualTo(crc);
      types.add(type);
    }
    return types;
  }

  /** Inserts an APP1 EXIF segment with a GPS IFD (latitude reference "N") right after SOI. */
  static byte[] withGpsExif(byte[] jpeg) {
    ByteBuffer tiff =
        ByteBuffer.allocate(8 + 2 + 12 + 4 + 2 + 12 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    tiff.putShort((short) 1); // IFD0: one entry
    tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26); // GPSInfo -> offset 26
    tiff.putInt(0);
    tiff.putShort((short) 1); // GPS IFD: one entry
    tiff.putShort((short) 0x0001)
        .putShort((short) 2)
        .putInt(2)
        .put((byte) 'N')
        .put((byte) 0)
        .putShort((short) 0);
    tiff.putInt(0);
    byte[] payload = tiff.array();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    int len = 2 + 6 + payload.length;
    out.write(0xFF);
    out.write(0xE1);
    out.write(len >> 8);
    out.write(len & 0xFF);
    out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(payload);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** Inserts tEXt, iTXt and eXIf chunks right after IHDR. */
  static byte[] withTextChunks(byte[] png) {
    int afterIhdr = 8 + 4 + 4 + 13 + 4;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, afterIhdr);
    chunk(
        out,
        "tEXt",
        "Comment\0patient Jane Doe, GPS 37.56N 126.97E".getBytes(StandardCharsets.ISO_8859_1));
    chunk(out, "iTXt", "Author\0\0\0\0\0Dr. Example".getBytes(StandardCharsets.UTF_8));
    chunk(out, "eXIf", "II*\0\u0008\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
    out.write(png, afterIhdr, png.length - afterIhdr);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(12 + data.length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    b.putInt(data.length).put(t).put(data);
    CRC32 c = new CRC32();
    c.update(t);
    c.update(data);
    b.putInt((int) c.getValue());
    out.writeBytes(b.array());
  }
}
