package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.RegionHint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PngFastDecoder} gives byte for byte the pixels of the ImageIO path, whole and by region,
 * and fails cleanly on damaged data.
 */
class PngFastDecoderTest {
  private static final long BUDGET = ImageDecoders.DEFAULT_MAX_PIXELS;
  private static final Decoder FAST = new ImageIoDecoder(false, BUDGET, true);
  private static final Decoder IMAGEIO = new ImageIoDecoder(false, BUDGET, false);

  // ---- same pixels as ImageIO ----

  static Stream<String> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(PngFastDecoderTest.class.getResource("/formats").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> "formats/" + p.getFileName())
          .filter(n -> n.endsWith(".png"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyPngFixture_decodesAsImageIoDoes(String resource) throws Exception {
    Bytes data = TestImages.bytes(resource);
    DecodeException imageIoFailure =
        catchThrowableOfType(DecodeException.class, () -> IMAGEIO.decode(data));
    if (imageIoFailure != null) {
      DecodeException e = catchThrowableOfType(DecodeException.class, () -> FAST.decode(data));
      assertThat(e)
          .as("%s fails with ImageIO: %s", resource, imageIoFailure.getMessage())
          .isNotNull();
      assertThat(e.reason()).isEqualTo(imageIoFailure.reason());
      if (e.reason() == Reason.TOO_MANY_PIXELS) {
        assertThat(e.getMessage()).isEqualTo(imageIoFailure.getMessage());
      } else {
        assertThat(e.getMessage()).startsWith("PNG: ");
      }
      return;
    }
    assertSameAsImageIo(data, resource);
  }

  @Test
  void fixturesInScopeTakeTheFastPath_othersGoToImageIo() throws Exception {
    for (String name : List.of("rgb", "rgba", "gray", "gray_alpha", "rgb_icc", "exif6")) {
      assertThat(fast(TestImages.bytes("formats/" + name + ".png"))).as(name).isNotNull();
    }
    for (String name : List.of("palette", "palette_trns", "rgb16")) {
      assertThat(fast(TestImages.bytes("formats/" + name + ".png"))).as(name).isNull();
    }
  }

  /**
   * The exact source pixels of the fixtures the fast path reads (iCCP and eXIf chunks change
   * nothing).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"rgb.png", "rgba.png", "gray.png", "gray_alpha.png", "rgb_icc.png", "exif6.png"})
  void fastPathGivesTheSourcePixels(String file) throws Exception {
    TestImages.Expected e =
        TestImages.expected("exact").stream()
            .filter(x -> x.file().equals(file))
            .findFirst()
            .orElseThrow();
    assertThat(TestImages.pixels(fast(TestImages.bytes("formats/" + file))))
        .isEqualTo(TestImages.raw(e));
  }

  static Stream<Arguments> generated() {
    List<Arguments> out = new ArrayList<>();
    int[] widths = {1, 2, 3, 7, 33, 100};
    String[] filters = {"0", "1", "2", "3", "4", "y%5", "random"};
    for (int colorType :
        new int[] {TestPngs.GRAY, TestPngs.RGB, TestPngs.GRAY_ALPHA, TestPngs.RGBA}) {
      for (int width : widths) {
        for (String filter : filters) {
          out.add(Arguments.of(colorType, width, filter));
        }
      }
    }
    return out.stream();
  }

  /** Every colour type with every filter type, odd widths, the image data in many IDAT chunks. */
  @ParameterizedTest(name = "colour type {0}, width {1}, filters {2}")
  @MethodSource("generated")
  void handBuiltPngs_everyColourTypeAndFilter(int colorType, int width, String filter)
      throws Exception {
    int height = 9;
    Random random = new Random(width * 31L + colorType);
    TestPngs png =
        TestPngs.of(width, height, colorType, colorType * 1000L + width)
            .filters(
                switch (filter) {
                  case "y%5" -> y -> y % 5;
                  case "random" -> y -> random.nextInt(5);
                  default -> y -> Integer.parseInt(filter);
                })
            .idatSize(37);
    Bytes data = Bytes.copyOf(png.build());

    assertThat(TestImages.pixels(fast(data))).isEqualTo(png.expected());
    assertThat(TestImages.pixels(IMAGEIO.decode(data))).isEqualTo(png.expected());
    assertSameAsImageIo(data, "generated");
  }

  /** PNGs as the JDK's own writer makes them (its choice of filters and chunking). */
  @ParameterizedTest
  @ValueSource(
      ints = {
        BufferedImage.TYPE_BYTE_GRAY,
        BufferedImage.TYPE_3BYTE_BGR,
        BufferedImage.TYPE_INT_RGB,
        BufferedImage.TYPE_4BYTE_ABGR,
        BufferedImage.TYPE_INT_ARGB
      })
  void imageIoWrittenPngs(int type) throws Exception {
    BufferedImage image = new BufferedImage(301, 157, type);
    Random random = new Random(type);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int smooth = (x + y) & 0xFF;
        image.setRGB(
            x, y, random.nextInt(4) == 0 ? random.nextInt() : smooth * 0x01010101 ^ (x << 8));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "png", out)).isTrue();
    Bytes data = Bytes.copyOf(out.toByteArray());

    assertThat(fast(data)).isNotNull();
    assertSameAsImageIo(data, "type " + type);
  }

  /** Compares full and region decodes of the fast path with ImageIO's full decode. */
  private static void assertSameAsImageIo(Bytes data, String what) throws DecodeException {
    DecodedImage reference = IMAGEIO.decode(data);
    DecodedImage full = FAST.decode(data);
    int w = reference.width();
    int h = reference.height();
    assertThat(full.width()).isEqualTo(w);
    assertThat(full.height()).isEqualTo(h);
    assertThat(full.channels()).as(what).isEqualTo(reference.channels());
    assertThat(full.retainedBytes()).isEqualTo(reference.retainedBytes());
    assertThat(TestImages.pixels(full)).as(what).isEqualTo(TestImages.pixels(reference));
    boolean fastPath = fast(data) != null;
    for (PixelRect rect : regions(w, h)) {
      DecodedImage region = FAST.decode(data, (ww, hh) -> rect);
      assertThat(region.width()).isEqualTo(w);
      assertThat(region.height()).isEqualTo(h);
      assertThat(region.channels()).isEqualTo(reference.channels());
      assertThat(region.crop(rect)).as("%s %s", what, rect).isEqualTo(reference.crop(rect));
      boolean whole = rect.equals(new PixelRect(0, 0, w, h));
      // only the fast path reads PNG regions
      assertThat(region.covers(new PixelRect(0, 0, w, h)))
          .as("%s %s read whole", what, rect)
          .isEqualTo(whole || !fastPath);
    }
  }

  /** Corners, edges, single pixels, single rows and columns, a typical box, and the whole image. */
  static List<PixelRect> regions(int w, int h) {
    List<PixelRect> out =
        new ArrayList<>(
            List.of(
                new PixelRect(0, 0, 1, 1),
                new PixelRect(w - 1, h - 1, w, h),
                new PixelRect(w - 1, 0, w, 1),
                new PixelRect(0, h - 1, 1, h),
                new PixelRect(0, 0, w, 1),
                new PixelRect(0, h - 1, w, h),
                new PixelRect(w - 1, 0, w, h),
                new PixelRect(w / 2, h / 2, w / 2 + 1, h / 2 + 1),
                new PixelRect(w / 5, h / 10, w * 4 / 5, h * 9 / 10),
                new PixelRect(0, h / 3, w, h / 2 + 1),
                new PixelRect(w / 3, 0, w / 2 + 1, h),
                new PixelRect(0, 0, w, h)));
    out.removeIf(PixelRect::isEmpty);
    return out;
  }

  // ---- region reads ----

  @Test
  void regionRead_inflatesOnlyDownToTheRegionsLastRow() throws Exception {
    TestPngs png = TestPngs.of(40, 30, TestPngs.RGB, 7);
    Bytes data = Bytes.copyOf(png.build());
    PngFastDecoder full = new PngFastDecoder(data, BUDGET);
    PngFastDecoder region = new PngFastDecoder(data, BUDGET);

    full.decode(RegionHint.WHOLE, false);
    DecodedImage top = region.decode((w, h) -> new PixelRect(10, 2, 20, 10), false);

    assertThat(full.bytesInflated()).isEqualTo(30L * (1 + 40 * 3));
    assertThat(region.bytesInflated()).isEqualTo(10L * (1 + 40 * 3));
    assertThat(top.crop(new PixelRect(10, 2, 20, 10)))
        .isEqualTo(png.expected().crop(new PixelRect(10, 2, 20, 10)));
  }

  @Test
  void regionRead_withoutIend_readsWholeAndGivesThePixelsOfAFullDecode() throws Exception {
    TestPngs png = TestPngs.of(40, 30, TestPngs.RGBA, 8);
    byte[] complete = png.build();
    Bytes noIend = Bytes.copyOf(Arrays.copyOf(complete, TestPngs.find(complete, "IEND").get(0)));
    PixelRect rect = new PixelRect(3, 4, 5, 6);

    DecodedImage decoded = FAST.decode(noIend, (w, h) -> rect);

    // the JDK reader ignores what follows the image data, and so does the fast path
    assertThat(decoded.covers(new PixelRect(0, 0, 40, 30))).as("not a region read").isTrue();
    assertThat(TestImages.pixels(decoded))
        .isEqualTo(png.expected())
        .isEqualTo(TestImages.pixels(IMAGEIO.decode(noIend)));
  }

  @Test
  void trailingGarbageAfterIend_isIgnoredAsByImageIo_andPreventsRegionReads() throws Exception {
    TestPngs png = TestPngs.of(40, 30, TestPngs.GRAY, 9);
    byte[] complete = png.build();
    byte[] padded = Arrays.copyOf(complete, complete.length + 100);
    Arrays.fill(padded, complete.length, padded.length, (byte) 0x5A);
    Bytes data = Bytes.copyOf(padded);

    DecodedImage decoded = FAST.decode(data, (w, h) -> new PixelRect(0, 0, 2, 2));

    assertThat(decoded.covers(new PixelRect(0, 0, 40, 30)))
        .as("data not ending with IEND: whole read")
        .isTrue();
    assertThat(TestImages.pixels(decoded))
        .isEqualTo(png.expected())
        .isEqualTo(TestImages.pixels(IMAGEIO.decode(data)));
  }

  @Test
  void exifOrientationIsAppliedToFastPathDecodes() throws Exception {
    Bytes data = TestImages.bytes("formats/exif6.png");
    Decoder upright = ImageDecoders.builder().applyExifOrientation(true).build();
    Decoder uprightImageIo = new ImageIoDecoder(true, BUDGET, false);

    DecodedImage image = upright.decode(data, (w, h) -> new PixelRect(0, 0, 2, 2));

    assertThat(image.width()).isEqualTo(64);
    assertThat(image.height()).isEqualTo(96);
    assertThat(TestImages.pixels(image)).isEqualTo(TestImages.pixels(uprightImageIo.decode(data)));
  }

  // ---- what goes to ImageIO ----

  @Test
  void transparencyChunk_goesToImageIo() throws Exception {
    Bytes rgb =
        Bytes.copyOf(
            TestPngs.of(20, 10, TestPngs.RGB, 1)
                .chunk("tRNS", new byte[] {0, 0, 0, 0, 0, 0})
                .build());
    Bytes gray =
        Bytes.copyOf(
            TestPngs.of(20, 10, TestPngs.GRAY, 1).chunk("tRNS", new byte[] {0, 0}).build());

    assertThat(fast(rgb)).isNull();
    assertThat(fast(gray)).isNull();
    // the JDK reader adds an alpha channel for the transparent colour
    assertThat(FAST.decode(rgb).channels()).isEqualTo(4);
    assertThat(TestImages.pixels(FAST.decode(rgb)))
        .isEqualTo(TestImages.pixels(IMAGEIO.decode(rgb)));
    assertThat(TestImages.pixels(FAST.decode(gray)))
        .isEqualTo(TestImages.pixels(IMAGEIO.decode(gray)));
  }

  @Test
  void ancillaryChunks_changeNothing() throws Exception {
    TestPngs png =
        TestPngs.of(20, 10, TestPngs.RGB, 2)
            .chunk("gAMA", new byte[] {0, 0, (byte) 0xB1, (byte) 0x8F})
            .chunk("sRGB", new byte[] {0})
            .chunk("tEXt", "Comment\0hi".getBytes(StandardCharsets.ISO_8859_1))
            .chunk("PLTE", new byte[] {1, 2, 3, 4, 5, 6});
    Bytes data = Bytes.copyOf(png.build());

    assertThat(TestImages.pixels(fast(data))).isEqualTo(png.expected());
    assertSameAsImageIo(data, "ancillary");
  }

  @Test
  void interlacedAndOtherBitDepths_goToImageIo() throws Exception {
    byte[] png = TestPngs.of(20, 10, TestPngs.RGB, 3).build();
    byte[] interlaced = png.clone();
    interlaced[28] = 1;
    TestPngs.fixCrc(interlaced, 8);
    byte[] fourBit = png.clone();
    fourBit[24] = 4;
    TestPngs.fixCrc(fourBit, 8);

    assertThat(fast(Bytes.copyOf(interlaced))).isNull();
    assertThat(fast(Bytes.copyOf(fourBit))).isNull();
  }

  // ---- damaged data ----

  @Test
  void truncatedImageData_failsWholeAndByRegion() {
    byte[] png = TestPngs.of(50, 40, TestPngs.RGB, 4).idatSize(100_000).build();
    Bytes cut = Bytes.copyOf(Arrays.copyOf(png, png.length / 2));

    DecodeException whole = catchThrowableOfType(DecodeException.class, () -> FAST.decode(cut));
    DecodeException region =
        catchThrowableOfType(
            DecodeException.class, () -> FAST.decode(cut, (w, h) -> new PixelRect(0, 0, 1, 1)));

    assertThat(whole.reason()).isEqualTo(Reason.DECODE_FAILED);
    assertThat(whole.getMessage())
        .startsWith("PNG: chunk IDAT at byte 33 declares")
        .contains("truncated");
    assertThat(region.reason()).isEqualTo(Reason.DECODE_FAILED);
    assertThat(reasonOf(IMAGEIO, cut)).isEqualTo(Reason.DECODE_FAILED);
  }

  @Test
  void imageDataEndingBeforeTheLastRow_fails() {
    TestPngs png = TestPngs.of(50, 40, TestPngs.RGBA, 5);
    byte[] raw = png.raw();
    // a complete zlib stream with 39 of the 40 rows
    Bytes short1 =
        Bytes.copyOf(png.build(TestPngs.deflate(Arrays.copyOf(raw, raw.length - (1 + 50 * 4)))));
    // the IDAT run interrupted by another chunk: the JDK reader stops there too
    byte[] full = png.idatSize(500).build();
    int second = TestPngs.find(full, "IDAT").get(2);
    full[second + 4] = 't';
    full[second + 5] = 'E';
    full[second + 6] = 'X';
    full[second + 7] = 't';
    TestPngs.fixCrc(full, second);
    Bytes interrupted = Bytes.copyOf(full);

    assertThat(failure(short1).getMessage())
        .startsWith("PNG: the compressed image data ends after 7839 of 8040 bytes");
    assertThat(failure(interrupted).getMessage())
        .startsWith("PNG: the image data ends after")
        .contains("truncated");
    assertThat(reasonOf(IMAGEIO, short1)).isEqualTo(Reason.DECODE_FAILED);
    assertThat(reasonOf(IMAGEIO, interrupted)).isEqualTo(Reason.DECODE_FAILED);
  }

  @Test
  void badCrc_failsLikeLibpng_whereImageIoDoesNotCheck() throws Exception {
    byte[] png = TestPngs.of(30, 20, TestPngs.RGB, 6).build();
    byte[] badData = png.clone();
    int idat = TestPngs.find(png, "IDAT").get(0);
    badData[idat + 8 + TestPngs.readInt(png, idat) + 3] ^= 1; // CRC of the first IDAT chunk
    byte[] badHeader = png.clone();
    badHeader[29] ^= 1; // CRC of IHDR

    assertThat(failure(Bytes.copyOf(badData)).getMessage())
        .isEqualTo("PNG: CRC mismatch in the IDAT chunk at byte " + idat + " (damaged data)");
    assertThat(failure(Bytes.copyOf(badHeader)).getMessage())
        .isEqualTo("PNG: CRC mismatch in the IHDR chunk at byte 8 (damaged data)");
    // the JDK reader ignores CRCs
    assertThat(IMAGEIO.decode(Bytes.copyOf(badData)).width()).isEqualTo(30);
  }

  @Test
  void chunkLengthPastTheEnd_fails() {
    byte[] png =
        TestPngs.of(30, 20, TestPngs.GRAY, 7)
            .chunk("tEXt", "a\0b".getBytes(StandardCharsets.US_ASCII))
            .build();
    int text = TestPngs.find(png, "tEXt").get(0);
    byte[] huge = png.clone();
    huge[text] = (byte) 0xFF; // 4 GB, negative as a signed int
    byte[] long1 = png.clone();
    long1[text + 1] = 0x10; // 1 MB

    assertThat(failure(Bytes.copyOf(huge)).getMessage())
        .startsWith("PNG: chunk tEXt at byte 33 declares " + (0xFF000003L) + " bytes");
    assertThat(failure(Bytes.copyOf(long1)).getMessage())
        .startsWith("PNG: chunk tEXt at byte 33 declares 1048579");
  }

  @Test
  void unknownFilterType_fails() {
    Bytes data =
        Bytes.copyOf(TestPngs.of(30, 20, TestPngs.RGB, 8).filters(y -> y == 7 ? 5 : 1).build());

    assertThat(failure(data).getMessage()).isEqualTo("PNG: unknown filter type 5 in row 7");
    assertThat(reasonOf(IMAGEIO, data)).isEqualTo(Reason.DECODE_FAILED);
  }

  @Test
  void corruptZlibStream_fails() {
    TestPngs png = TestPngs.of(30, 20, TestPngs.RGB, 9);
    byte[] zlib = TestPngs.deflate(png.raw());
    zlib[0] = 0x00; // not a zlib header

    assertThat(failure(Bytes.copyOf(png.build(zlib))).getMessage())
        .startsWith("PNG: corrupt compressed data near row 0 (incorrect header check)");
  }

  @Test
  void noImageData_fails() {
    byte[] png = TestPngs.of(30, 20, TestPngs.RGB, 9).build();
    int idat = TestPngs.find(png, "IDAT").get(0);
    byte[] onlyHeader = Arrays.copyOf(png, idat);
    byte[] iendFirst = new byte[idat + 12];
    System.arraycopy(png, 0, iendFirst, 0, idat);
    System.arraycopy(
        TestPngs.chunk("IEND".getBytes(StandardCharsets.US_ASCII), new byte[0]),
        0,
        iendFirst,
        idat,
        12);

    assertThat(failure(Bytes.copyOf(onlyHeader)).getMessage())
        .startsWith("PNG: no image data: the chunks end");
    assertThat(failure(Bytes.copyOf(iendFirst)).getMessage())
        .isEqualTo("PNG: no image data: IEND at byte 33 before any IDAT chunk");
  }

  @Test
  void emptyAndHugeDimensions() {
    assertThat(failure(withSize(0, 10)).getMessage())
        .isEqualTo("PNG: IHDR declares an empty image 0x10");
    assertThat(failure(withSize(10, 0x80000000)).getMessage())
        .isEqualTo("PNG: IHDR declares an empty image 10x2147483648");
    DecodeException huge = failure(withSize(60000, 60000));
    assertThat(huge.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    assertThat(huge.getMessage())
        .isEqualTo("PNG of 60000x60000 = 3600000000 pixels exceeds the budget of 25000000");
    assertThat(failure(withSize(Integer.MAX_VALUE, 1)).reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    assertThat(reasonOf(IMAGEIO, withSize(0, 10))).isEqualTo(Reason.DECODE_FAILED);
  }

  private static Bytes withSize(int width, int height) {
    byte[] png = TestPngs.of(10, 10, TestPngs.RGB, 10).build();
    System.arraycopy(TestPngs.ihdr(width, height, 8, TestPngs.RGB, 0), 0, png, 16, 8);
    TestPngs.fixCrc(png, 8);
    return Bytes.copyOf(png);
  }

  /**
   * 64 x 64 pixels followed by 200 MB of zeros in the same zlib stream: only the image's bytes are
   * inflated.
   */
  @Test
  void decompressionBomb_inflatesNoMoreThanTheImage() {
    TestPngs png = TestPngs.of(64, 64, TestPngs.RGB, 11).idatSize(1 << 20);
    Bytes data = Bytes.copyOf(png.build(TestPngs.deflate(png.raw(), 200 << 20)));
    assertThat(data.size()).isLessThan(300_000);
    PngFastDecoder decoder = new PngFastDecoder(data, BUDGET);

    DecodedImage image =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> decoder.decode(RegionHint.WHOLE, false));

    assertThat(decoder.bytesInflated()).isEqualTo(64L * (1 + 64 * 3));
    assertThat(TestImages.pixels(image)).isEqualTo(png.expected());
  }

  /**
   * Cuts and random damage: the fast path returns or throws DecodeException, never anything else,
   * never hangs, and where it and ImageIO both decode, they agree.
   */
  @ParameterizedTest
  @ValueSource(ints = {TestPngs.GRAY, TestPngs.RGB, TestPngs.GRAY_ALPHA, TestPngs.RGBA})
  void damagedPngs_onlyDecodeExceptions(int colorType) {
    byte[] original =
        TestPngs.of(37, 23, colorType, colorType)
            .idatSize(300)
            .chunk("tEXt", "Title\0damage".getBytes(StandardCharsets.US_ASCII))
            .build();
    Random random = new Random(colorType);
    List<byte[]> variants = new ArrayList<>();
    for (int cut = 8; cut < original.length; cut += 1 + random.nextInt(40)) {
      variants.add(Arrays.copyOf(original, cut));
    }
    for (int i = 0; i < 300; i++) {
      byte[] damaged = original.clone();
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        damaged[8 + random.nextInt(original.length - 8)] = (byte) random.nextInt(256);
      }
      if (random.nextBoolean()) {
        TestPngs.find(damaged, "IDAT")
            .forEach(
                pos -> {
                  if (pos + 12 + TestPngs.readInt(damaged, pos) <= damaged.length
                      && TestPngs.readInt(damaged, pos) >= 0) {
                    TestPngs.fixCrc(damaged, pos); // let the damage through to zlib and the filters
                  }
                });
      }
      variants.add(damaged);
    }
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          int failures = 0;
          for (byte[] variant : variants) {
            Bytes data = Bytes.copyOf(variant);
            for (RegionHint hint :
                List.<RegionHint>of(RegionHint.WHOLE, (w, h) -> new PixelRect(1, 1, 5, 5))) {
              DecodedImage fast;
              try {
                fast = FAST.decode(data, hint);
              } catch (DecodeException e) {
                failures++;
                assertThat(e.reason()).isIn(Reason.DECODE_FAILED, Reason.TOO_MANY_PIXELS);
                continue;
              }
              DecodedImage imageIo;
              try {
                imageIo = IMAGEIO.decode(data);
              } catch (DecodeException e) {
                continue;
              }
              PixelRect rect = new PixelRect(1, 1, 5, 5).clampTo(fast.width(), fast.height());
              if (!rect.isEmpty() && fast.covers(rect) && imageIo.covers(rect)) {
                assertThat(fast.crop(rect)).isEqualTo(imageIo.crop(rect));
              }
            }
          }
          assertThat(failures).isGreaterThan(variants.size() / 2);
        });
  }

  private static DecodedImage fast(Bytes data) throws DecodeException {
    return new PngFastDecoder(data, BUDGET).decode(RegionHint.WHOLE, false);
  }

  private static DecodeException failure(Bytes data) {
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> FAST.decode(data));
    assertThat(e).as("decoding must fail").isNotNull();
    return e;
  }

  private static Reason reasonOf(Decoder decoder, Bytes data) {
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> decoder.decode(data));
    assertThat(e).as("decoding must fail").isNotNull();
    return e.reason();
  }
}
