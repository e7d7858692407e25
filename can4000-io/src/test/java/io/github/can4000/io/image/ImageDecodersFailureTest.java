package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.can4000.Reason;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.Decoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies that are not images, corrupt images and decompression bombs. */
class ImageDecodersFailureTest {
  private static final Decoder DECODER = ImageDecoders.standard();

  private static Reason reasonOf(Bytes data) {
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> DECODER.decode(data));
    assertThat(e).as("decoding %s must fail", data).isNotNull();
    assertThat(e.getMessage()).isNotBlank();
    return e.reason();
  }

  @Test
  void emptyBodyIsNotAnImage() {
    assertThat(reasonOf(Bytes.empty())).isEqualTo(Reason.NOT_AN_IMAGE);
  }

  @Test
  void htmlErrorPageIsNotAnImage() {
    assertThat(reasonOf(TestImages.bytes("formats/error.html"))).isEqualTo(Reason.NOT_AN_IMAGE);
  }

  @Test
  void jsonIsNotAnImage() {
    Bytes json =
        Bytes.copyOf(
            "{\"error\": \"not found\", \"status\": 404}".getBytes(StandardCharsets.UTF_8));
    assertThat(reasonOf(json)).isEqualTo(Reason.NOT_AN_IMAGE);
  }

  @Test
  void randomBytesFailToDecode() {
    assertThat(reasonOf(TestImages.bytes("formats/random.bin"))).isEqualTo(Reason.DECODE_FAILED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"truncated.jpg", "truncated.png"})
  void truncatedImagesFailToDecodeWithTheReadersMessage(String file) {
    DecodeException e =
        catchThrowableOfType(
            DecodeException.class, () -> DECODER.decode(TestImages.bytes("formats/" + file)));

    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.DECODE_FAILED);
    assertThat(e.getMessage())
        .startsWith(file.endsWith(".jpg") ? "JPEG: " : "PNG: ")
        .hasSizeGreaterThan(8);
  }

  @Test
  void truncatedJpegIsReportedInsteadOfAGreyFilledImage() {
    DecodeException e =
        catchThrowableOfType(
            DecodeException.class, () -> DECODER.decode(TestImages.bytes("formats/truncated.jpg")));

    assertThat(e.getMessage()).containsIgnoringCase("premature end");
  }

  @Test
  void damagedEntropyCodedDataFails() {
    byte[] jpeg = TestImages.read("photos/photo_045.jpg");
    for (int i = 0; i < 40; i++) {
      jpeg[jpeg.length / 2 + i * 97] ^= 0x5a;
    }

    DecodeException e =
        catchThrowableOfType(DecodeException.class, () -> DECODER.decode(Bytes.copyOf(jpeg)));

    // the readers only warn, "Corrupt JPEG data: 28 extraneous bytes before marker 0xd9"
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.DECODE_FAILED);
    assertThat(e.getMessage()).startsWith("JPEG: Corrupt JPEG data");
  }

  @Test
  void strayBytesBeforeTheEndOfImageMarkerAreTolerated() throws Exception {
    byte[] jpeg = TestImages.read("photos/photo_000.jpg");
    byte[] padded = new byte[jpeg.length + 3];
    System.arraycopy(jpeg, 0, padded, 0, jpeg.length - 2);
    padded[jpeg.length - 2] = 0x12; // stray bytes between the entropy-coded data and EOI
    padded[jpeg.length - 1] = 0x34;
    padded[jpeg.length] = 0x56;
    padded[jpeg.length + 1] = (byte) 0xFF;
    padded[jpeg.length + 2] = (byte) 0xD9;

    assertThat(TestImages.pixels(DECODER.decode(Bytes.copyOf(padded))))
        .isEqualTo(TestImages.pixels(DECODER.decode(Bytes.copyOf(jpeg))));
  }

  @Test
  void unreadableExifIsHarmless() throws Exception {
    byte[] jpeg = TestImages.read("formats/exif6.jpg");
    String text = new String(jpeg, StandardCharsets.ISO_8859_1);
    int tiff = text.indexOf("Exif\0\0") + 6;
    jpeg[tiff] = 'X'; // the TIFF byte order mark "MM" becomes "XM"
    Decoder upright = ImageDecoders.builder().applyExifOrientation(true).build();

    assertThat(TestImages.pixels(upright.decode(Bytes.copyOf(jpeg))))
        .isEqualTo(TestImages.pixels(DECODER.decode(TestImages.bytes("formats/exif6.jpg"))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Premature end of JPEG file", "Corrupt JPEG data: premature end of data segment",
        "Corrupt JPEG data: bad Huffman code", "Invalid SOS parameters for sequential JPEG",
        "Truncated File - Missing EOI marker",
            "Corrupt JPEG data: 28 extraneous bytes before marker 0xd9"
      })
  void warningsAboutMissingPixelsAreFailures(String warning) {
    assertThat(ImageIoDecoder.isHarmless(warning)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "No embedded ICC color profile, will convert using inaccurate CMYK to RGB conversion. Colors may look incorrect.",
        "Exif chunk has no data.",
        "APP14 segment, ignoring",
        "Warning: unknown JFIF revision number 3.01"
      })
  void metadataAndColourNoticesAreHarmless(String warning) {
    assertThat(ImageIoDecoder.isHarmless(warning)).isTrue();
  }

  @Test
  void decompressionBombIsRefusedFromItsHeader() {
    Bytes bomb = TestImages.bytes("formats/bomb.png");
    assertThat(bomb.size()).isLessThan(100);

    DecodeException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> catchThrowableOfType(DecodeException.class, () -> DECODER.decode(bomb)));

    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    assertThat(e.getMessage()).contains("60000x60000").contains("25000000");
  }

  @Test
  void jpegDeclaringTooManyPixelsIsRefusedFromItsFrameHeader() {
    byte[] jpeg = TestImages.read("formats/gray.jpg");
    int sof = 2;
    while ((jpeg[sof + 1] & 0xFF) != 0xC0) { // baseline start-of-frame marker
      sof += 2 + ((jpeg[sof + 2] & 0xFF) << 8 | (jpeg[sof + 3] & 0xFF));
    }
    // SOF0: length (2), precision (1), height (2), width (2): declare 65000 x 65000
    jpeg[sof + 5] = (byte) (65000 >> 8);
    jpeg[sof + 6] = (byte) 65000;
    jpeg[sof + 7] = (byte) (65000 >> 8);
    jpeg[sof + 8] = (byte) 65000;

    DecodeException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () ->
                catchThrowableOfType(
                    DecodeException.class, () -> DECODER.decode(Bytes.copyOf(jpeg))));

    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    assertThat(e.getMessage()).contains("65000x65000");
  }

  @Test
  void pixelBudgetIsInclusive() throws Exception {
    Bytes photo = TestImages.bytes("photos/photo_000.jpg"); // 256 x 256
    Decoder exact = ImageDecoders.builder().maxPixels(256 * 256).build();
    Decoder tooSmall = ImageDecoders.builder().maxPixels(256 * 256 - 1).build();

    assertThat(exact.decode(photo).width()).isEqualTo(256);
    assertThatThrownBy(() -> tooSmall.decode(photo))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
  }

  @Test
  void unknownFormatNamesItsLeadingBytes() {
    DecodeException e =
        catchThrowableOfType(
            DecodeException.class, () -> DECODER.decode(TestImages.bytes("formats/random.bin")));

    assertThat(e.getMessage()).contains("00010203");
  }

  static List<String> sources() {
    return List.of(
        "photos/photo_000.jpg",
        "formats/progressive.jpg",
        "formats/cmyk.jpg",
        "formats/gray.jpg",
        "formats/rgba.png",
        "formats/palette_trns.png",
        "formats/rgb16.png",
        "formats/animated.gif",
        "formats/rgb.bmp",
        "formats/lossy.webp",
        "formats/lossless_alpha.webp");
  }

  /**
   * Cuts and damages valid files in many ways: decoding either succeeds or fails with a
   * DecodeException; no reader exception (IllegalArgumentException, IndexOutOfBoundsException...)
   * escapes.
   */
  @ParameterizedTest
  @MethodSource("sources")
  void damagedFilesNeverThrowAnythingButDecodeException(String resource) {
    byte[] original = TestImages.read(resource);
    Random random = new Random(resource.hashCode());
    List<byte[]> variants = new ArrayList<>();
    for (int cut :
        new int[] {
          16, 40, 100, original.length / 4, original.length * 3 / 4, original.length - 1
        }) {
      variants.add(java.util.Arrays.copyOf(original, Math.min(cut, original.length)));
    }
    for (int i = 0; i < 25; i++) {
      byte[] damaged = original.clone();
      int start = 8 + random.nextInt(Math.min(400, original.length - 8));
      for (int k = 0; k < 1 + random.nextInt(6); k++) {
        int at = random.nextBoolean() ? start + k : 8 + random.nextInt(original.length - 8);
        damaged[Math.min(at, damaged.length - 1)] = (byte) random.nextInt(256);
      }
      variants.add(damaged);
    }
    int failures = 0;
    for (byte[] variant : variants) {
      try {
        DECODER.decode(Bytes.copyOf(variant));
      } catch (DecodeException e) {
        failures++;
        assertThat(e.reason())
            .isIn(Reason.DECODE_FAILED, Reason.TOO_MANY_PIXELS, Reason.NOT_AN_IMAGE);
      }
    }
    assertThat(failures).as("the shortest cuts at least must fail").isGreaterThanOrEqualTo(2);
  }
}
