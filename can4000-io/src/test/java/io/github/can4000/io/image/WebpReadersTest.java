package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.can4000.ImageData;
import io.github.can4000.Reason;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both WebP readers: libwebp (webp-imageio, a test dependency here through the optional one) and
 * TwelveMonkeys, the fallback where libwebp is missing or its native library does not load.
 */
class WebpReadersTest {
  private static final long MAX = ImageDecoders.DEFAULT_MAX_PIXELS;
  private static final ImageIoDecoder LIBWEBP = new ImageIoDecoder(false, MAX, true, LibWebp.get());
  private static final ImageIoDecoder TWELVE_MONKEYS = new ImageIoDecoder(false, MAX, true, null);
  private static final String TWELVE_MONKEYS_SPI =
      "com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi";
  private static final List<String> FILES =
      List.of(
          "lossy.webp", "lossless.webp", "lossless_alpha.webp", "lossless_icc.webp", "exif6.webp");

  @Test
  void libwebpLoadsOnThisPlatformAndIsTheDefault() {
    assertThat(LibWebp.get().spi()).as("libwebp reader with its native library").isNotNull();
    Bytes webp = TestImages.bytes("formats/lossy.webp");
    assertThat(((ImageIoDecoder) ImageDecoders.standard()).firstReader(webp))
        .isEqualTo(LibWebp.SPI_CLASS);
    assertThat(TWELVE_MONKEYS.firstReader(webp)).isEqualTo(TWELVE_MONKEYS_SPI);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"lossless.webp", "lossless_alpha.webp", "lossless_icc.webp", "exif6.webp"})
  void losslessDecodesToTheEncodedPixelsWithBothReaders(String file) throws Exception {
    TestImages.Expected e =
        TestImages.expected("exact").stream()
            .filter(x -> x.file().equals(file))
            .findFirst()
            .orElseThrow();
    for (ImageIoDecoder decoder : List.of(LIBWEBP, TWELVE_MONKEYS)) {
      DecodedImage image = decoder.decode(TestImages.bytes("formats/" + file));
      assertThat(image.channels()).isEqualTo(e.channels());
      assertThat(TestImages.pixels(image))
          .as("%s via %s", file, decoder.firstReader(TestImages.bytes("formats/" + file)))
          .isEqualTo(TestImages.raw(e));
    }
  }

  @Test
  void lossyDecodesToOpenCvsPixelsExactlyWithLibwebp() throws Exception {
    DecodedImage image = LIBWEBP.decode(TestImages.bytes("formats/lossy.webp"));
    ImageData reference =
        TestImages.pixels(
            ImageDecoders.standard().decode(TestImages.bytes("formats/lossy.webp.cv2.png")));

    // OpenCV decodes WebP with libwebp too: same library, same pixels
    assertThat(TestImages.pixels(image)).isEqualTo(reference);
  }

  @Test
  void lossyStaysCloseToOpenCvWithTwelveMonkeys() throws Exception {
    DecodedImage image = TWELVE_MONKEYS.decode(TestImages.bytes("formats/lossy.webp"));
    ImageData reference =
        TestImages.pixels(
            ImageDecoders.standard().decode(TestImages.bytes("formats/lossy.webp.cv2.png")));

    double[] mad = TestImages.meanAbsDiff(TestImages.pixels(image), reference);
    assertThat(Arrays.stream(mad).max().orElseThrow())
        .as(Arrays.toString(mad))
        .isLessThanOrEqualTo(3.0);
  }

  @Test
  void bothReadersGiveTheSameShapes() throws Exception {
    for (String file : FILES) {
      DecodedImage a = LIBWEBP.decode(TestImages.bytes("formats/" + file));
      DecodedImage b = TWELVE_MONKEYS.decode(TestImages.bytes("formats/" + file));
      assertThat(new int[] {a.width(), a.height(), a.channels()})
          .as(file)
          .containsExactly(b.width(), b.height(), b.channels());
    }
  }

  @Test
  void pixelBudgetIsCheckedBeforeDecoding() {
    ImageIoDecoder small = new ImageIoDecoder(false, 96 * 64 - 1, true, LibWebp.get());
    Throwable t = catchThrowable(() -> small.decode(TestImages.bytes("formats/lossless.webp")));
    assertThat(t)
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
  }

  @Test
  void nativeLibraryThatDoesNotLoadFallsBackToTwelveMonkeys() throws Exception {
    LibWebp broken =
        new LibWebp(
            () -> {
              throw new UnsatisfiedLinkError("simulated: no libwebp-imageio for this platform");
            });
    assertThat(broken.spi()).isNull();
    assertFallsBack(broken);
  }

  @Test
  void looksForTheReaderOnlyWhenFirstAsked() {
    AtomicInteger calls = new AtomicInteger();
    LibWebp lazy =
        new LibWebp(
            () -> {
              calls.incrementAndGet();
              return null;
            });
    assertThat(calls).hasValue(0);
    assertThat(lazy.spi()).isNull();
    assertThat(lazy.spi()).isNull();
    assertThat(calls).hasValue(1);
  }

  @Test
  void missingReaderFallsBackToTwelveMonkeys() throws Exception {
    LibWebp missing = new LibWebp(() -> null);
    assertThat(missing.spi()).isNull();
    assertFallsBack(missing);
  }

  @Test
  void probeFailureFallsBackToTwelveMonkeys() throws Exception {
    LibWebp failing = new LibWebp(() -> new ThrowingSpi(new UnsatisfiedLinkError("simulated")));
    assertThat(failing.spi()).isNull();
    assertFallsBack(failing);
  }

  @Test
  void linkageErrorWhileDecodingDisablesLibwebpForGood() throws Exception {
    ThrowingSpi spi =
        new ThrowingSpi(new NoClassDefFoundError("simulated: com/luciad/imageio/webp/WebP"));
    LibWebp failsLater = new LibWebp(() -> spi, false);
    assertThat(failsLater.spi()).isSameAs(spi);
    ImageIoDecoder decoder = new ImageIoDecoder(false, MAX, true, failsLater);
    Bytes lossy = TestImages.bytes("formats/lossy.webp");

    DecodedImage image = decoder.decode(lossy);

    assertThat(failsLater.spi()).isNull();
    assertThat(spi.reads).isEqualTo(1);
    assertThat(TestImages.pixels(image)).isEqualTo(TestImages.pixels(TWELVE_MONKEYS.decode(lossy)));
    decoder.decode(lossy);
    assertThat(spi.reads).as("not tried again").isEqualTo(1);
  }

  private static void assertFallsBack(LibWebp libWebp) throws Exception {
    ImageIoDecoder decoder = new ImageIoDecoder(false, MAX, true, libWebp);
    for (String file : FILES) {
      Bytes data = TestImages.bytes("formats/" + file);
      assertThat(decoder.firstReader(data)).isEqualTo(TWELVE_MONKEYS_SPI);
      assertThat(TestImages.pixels(decoder.decode(data)))
          .isEqualTo(TestImages.pixels(TWELVE_MONKEYS.decode(data)));
    }
  }

  /**
   * Truncations at several cut points: always DECODE_FAILED with libwebp. TwelveMonkeys fails
   * cleanly too, but decodes some truncated lossless files without complaint (pre-existing
   * behaviour).
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void truncatedWebpFailsCleanly() {
    for (String file : FILES) {
      byte[] full = TestImages.read("formats/" + file);
      int n = full.length;
      for (int cut : new int[] {13, 16, 20, 24, 30, 40, n / 4, n / 2, 3 * n / 4, n - 16, n - 2}) {
        Bytes part = Bytes.copyOf(Arrays.copyOf(full, cut));
        Throwable t = catchThrowable(() -> LIBWEBP.decode(part));
        assertThat(t)
            .as("%s cut at %d of %d", file, cut, n)
            .isInstanceOfSatisfying(
                DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECODE_FAILED));
        Throwable tm = catchThrowable(() -> TWELVE_MONKEYS.decode(part));
        assertThat(tm)
            .as("%s cut at %d of %d, TwelveMonkeys", file, cut, n)
            .satisfiesAnyOf(
                x -> assertThat(x).isNull(),
                x -> assertThat(x).isInstanceOf(DecodeException.class));
      }
    }
  }

  /**
   * Byte flips in headers and data (300 variants): libwebp either decodes (damaged lossy data often
   * still decodes) or throws DecodeException, never another exception or an Error, and quickly.
   * (Not run with TwelveMonkeys: its VP8L decoder took 113 s on one of these variants, a 96x62528
   * image from a corrupted lossless header, and 33 s on another.)
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void corruptedWebpFailsCleanlyOrDecodes() {
    Random random = new Random(4000);
    int failures = 0;
    int decoded = 0;
    for (String file : FILES) {
      byte[] full = TestImages.read("formats/" + file);
      for (int round = 0; round < 60; round++) {
        byte[] bad = full.clone();
        int flips = 1 + random.nextInt(round < 30 ? 2 : 8);
        for (int i = 0; i < flips; i++) {
          // half of the rounds hit the first 64 bytes (RIFF, VP8X, VP8/VP8L headers)
          int at =
              12 + random.nextInt(round % 2 == 0 ? Math.min(52, bad.length - 12) : bad.length - 12);
          bad[at] ^= (byte) (1 + random.nextInt(255));
        }
        Throwable t = catchThrowable(() -> LIBWEBP.decode(Bytes.copyOf(bad)));
        if (t == null) {
          decoded++;
        } else {
          failures++;
          assertThat(t)
              .as("%s round %d", file, round)
              .isInstanceOfSatisfying(
                  DecodeException.class,
                  e ->
                      assertThat(e.reason())
                          .isIn(Reason.DECODE_FAILED, Reason.NOT_AN_IMAGE, Reason.TOO_MANY_PIXELS));
        }
      }
    }
    assertThat(LibWebp.get().spi()).as("still usable").isNotNull();
    assertThat(failures).as("some corruptions are detected").isGreaterThan(0);
    assertThat(failures + decoded).isEqualTo(FILES.size() * 60);
  }

  @Test
  void animatedWebpGoesToTwelveMonkeys() throws Exception {
    Bytes animated = TestImages.bytes("formats/animated.webp");

    DecodedImage image = LIBWEBP.decode(animated);

    assertThat(TestImages.pixels(image))
        .isEqualTo(TestImages.pixels(TWELVE_MONKEYS.decode(animated)));
    assertThat(image.width()).isEqualTo(32);
    assertThat(image.height()).isEqualTo(24);
    assertThat(LibWebp.get().spi()).isNotNull();
  }

  @Test
  void libwebpMessagesNameTheFormat() {
    byte[] full = TestImages.read("formats/lossy.webp");
    Throwable t =
        catchThrowable(() -> LIBWEBP.decode(Bytes.copyOf(Arrays.copyOf(full, full.length / 2))));
    assertThat(t).isInstanceOf(DecodeException.class);
    assertThat(t.getMessage().toUpperCase(Locale.ROOT)).startsWith("WEBP: ");
  }

  /** A reader provider whose readers throw {@code error} when reading. */
  private static final class ThrowingSpi extends ImageReaderSpi {
    private final Error error;
    int reads;

    ThrowingSpi(Error error) {
      super(
          "test",
          "1",
          new String[] {"webp"},
          new String[] {"webp"},
          new String[] {"image/webp"},
          "x",
          STANDARD_INPUT_TYPE,
          null,
          false,
          null,
          null,
          null,
          null,
          false,
          null,
          null,
          null,
          null);
      this.error = error;
    }

    @Override
    public boolean canDecodeInput(Object source) {
      return true;
    }

    @Override
    public String getDescription(java.util.Locale locale) {
      return "throws " + error;
    }

    @Override
    public ImageReader createReaderInstance(Object extension) {
      return new ImageReader(this) {
        @Override
        public int getNumImages(boolean allowSearch) {
          return 1;
        }

        @Override
        public int getWidth(int imageIndex) {
          return 240;
        }

        @Override
        public int getHeight(int imageIndex) {
          return 160;
        }

        @Override
        public java.util.Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) {
          return List.of(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB))
              .iterator();
        }

        @Override
        public IIOMetadata getStreamMetadata() {
          return null;
        }

        @Override
        public IIOMetadata getImageMetadata(int imageIndex) {
          return null;
        }

        @Override
        public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
          reads++;
          throw error;
        }
      };
    }
  }
}
