package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.image.internal.FormatReader;
import io.github.can4000.io.image.internal.ImageHeaders;
import io.github.can4000.io.image.internal.Routers;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RegionHint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The format router asks its readers in order (a plugged-in reader first, then PNG, libwebp,
 * ImageIO), skips readers of other formats, and hands a body on when a reader returns null; on real
 * image files.
 */
class FormatReadersTest {
  private static final long MAX = ImageDecoders.DEFAULT_MAX_PIXELS;
  private static final Bytes PNG = TestImages.bytes("formats/rgb.png");
  private static final Bytes JPEG = TestImages.bytes("formats/gray.jpg");
  private static final RegionHint TOP_LEFT = (w, h) -> new PixelRect(0, 0, w / 4, h / 4);

  @Test
  void ownReadersComeAfterThePluggedInOneInOrder() {
    Recording first = new Recording(Set.of(ImageFormat.PNG), null, false);

    assertThat(new ImageIoDecoder(false, MAX, true, LibWebp.get(), first).readers())
        .extracting(Object::toString)
        .containsExactly("recording", "PNG", "libwebp", "ImageIO");
    assertThat(new ImageIoDecoder(false, MAX, false, null).readers())
        .extracting(Object::toString)
        .containsExactly("ImageIO");
  }

  @Test
  void pluggedInReaderIsAskedFirstAndItsImageIsReturned() throws Exception {
    DecodedImage other = ImageDecoders.standard().decode(TestImages.bytes("formats/gray.png"));
    Recording first = new Recording(Set.of(ImageFormat.PNG), other, false);
    Decoder router = new ImageIoDecoder(false, MAX, true, LibWebp.get(), first);

    DecodedImage image = router.decode(PNG);

    assertThat(image).as("the plain PNG reader was not asked").isSameAs(other);
    assertThat(first.calls).containsExactly("PNG whole " + MAX);
    assertThat(first.bodies).containsExactly(PNG);
  }

  @Test
  void readerReturningNullHandsTheBodyOn() throws Exception {
    Recording first = new Recording(Set.of(ImageFormat.PNG, ImageFormat.JPEG), null, false);
    Decoder router = new ImageIoDecoder(false, MAX, true, LibWebp.get(), first);

    DecodedImage png = router.decode(PNG);
    DecodedImage jpeg = router.decode(JPEG);

    assertThat(first.calls).containsExactly("PNG whole " + MAX, "JPEG whole " + MAX);
    assertThat(TestImages.pixels(png))
        .isEqualTo(TestImages.pixels(ImageDecoders.standard().decode(PNG)));
    assertThat(TestImages.pixels(jpeg))
        .isEqualTo(TestImages.pixels(ImageDecoders.standard().decode(JPEG)));
  }

  @Test
  void readerOfOtherFormatsIsNotAsked() throws Exception {
    DecodedImage other = ImageDecoders.standard().decode(TestImages.bytes("formats/gray.png"));
    Recording first = new Recording(Set.of(ImageFormat.JPEG), other, false);
    Decoder router = new ImageIoDecoder(false, MAX, true, LibWebp.get(), first);

    DecodedImage image = router.decode(PNG);

    assertThat(first.calls).isEmpty();
    assertThat(image).isNotSameAs(other);
    assertThat(image.width()).isEqualTo(ImageDecoders.standard().decode(PNG).width());
  }

  @Test
  void failureOfAReaderIsNotHandedOn() {
    FormatReader refusing =
        new Recording(Set.of(ImageFormat.PNG), null, false) {
          @Override
          public DecodedImage read(Bytes data, ImageFormat format, long maxPixels)
              throws DecodeException {
            super.read(data, format, maxPixels);
            throw new DecodeException(Reason.TOO_MANY_PIXELS, "refused by the first reader");
          }
        };
    Decoder router = new ImageIoDecoder(false, MAX, true, LibWebp.get(), refusing);

    DecodeException e = catchThrowableOfType(() -> router.decode(PNG), DecodeException.class);

    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    assertThat(e).hasMessage("refused by the first reader");
  }

  @Test
  void pngReaderHandsOnThePngsItDoesNotDecode() throws Exception {
    PngReader reader = new PngReader(false);
    Decoder imageIoOnly = new ImageIoDecoder(false, MAX, false, null);
    Decoder router = new ImageIoDecoder(false, MAX, true, null);

    assertThat(reader.read(PNG, ImageFormat.PNG, MAX)).isNotNull();
    for (String handedOn : List.of("formats/rgb16.png", "formats/palette.png")) {
      Bytes data = TestImages.bytes(handedOn);
      assertThat(reader.read(data, ImageFormat.PNG, MAX)).as(handedOn).isNull();
      assertThat(TestImages.pixels(router.decode(data)))
          .as(handedOn)
          .isEqualTo(TestImages.pixels(imageIoOnly.decode(data)));
    }
  }

  @Test
  void webpReaderHandsOnWhileLibwebpIsMissing() throws Exception {
    Bytes webp = TestImages.bytes("formats/lossless.webp");
    ImageIoReader imageIo = new ImageIoReader(false);

    assertThat(new WebpReader(new LibWebp(() -> null), imageIo).read(webp, ImageFormat.WEBP, MAX))
        .isNull();
    assertThat(new WebpReader(LibWebp.get(), imageIo).read(webp, ImageFormat.WEBP, MAX))
        .isNotNull();
  }

  @Test
  void readerOfWholeImagesGetsNoRegionAndDecodeMemoryIsSizedWhole() throws Exception {
    int[] size = ImageHeaders.size(JPEG, ImageFormat.JPEG);
    long whole = (long) size[0] * size[1] * 4;
    long region = (long) (size[0] / 4) * (size[1] / 4) * 4;
    Recording wholeOnly = new Recording(Set.of(ImageFormat.JPEG), null, false);
    Recording regions = new Recording(Set.of(ImageFormat.JPEG), null, true);
    ImageIoDecoder plain = new ImageIoDecoder(false, MAX, true, null);
    ImageIoDecoder withWholeOnly = new ImageIoDecoder(false, MAX, true, null, wholeOnly);
    ImageIoDecoder withRegions = new ImageIoDecoder(false, MAX, true, null, regions);

    assertThat(plain.decodedBytes(JPEG, TOP_LEFT)).isEqualTo(region);
    assertThat(withWholeOnly.decodedBytes(JPEG, TOP_LEFT)).isEqualTo(whole);
    assertThat(withRegions.decodedBytes(JPEG, TOP_LEFT)).isEqualTo(region);

    DecodedImage image = withWholeOnly.decode(JPEG, TOP_LEFT);
    withRegions.decode(JPEG, TOP_LEFT);
    withRegions.decode(JPEG);

    assertThat(wholeOnly.calls).containsExactly("JPEG whole " + MAX);
    assertThat(regions.calls).containsExactly("JPEG region " + MAX, "JPEG whole " + MAX);
    assertThat(image.decodedRegion())
        .as("handed on to ImageIO, which reads the region")
        .isEqualTo(new PixelRect(0, 0, size[0] / 4, size[1] / 4));
  }

  @Test
  void routersPlugTheReaderInFirst() throws Exception {
    DecodedImage other = ImageDecoders.standard().decode(TestImages.bytes("formats/gray.png"));
    Recording first = new Recording(Set.of(ImageFormat.PNG), other, false);

    Decoder router = Routers.withFirstReader(1000, first);

    assertThat(router.decode(PNG)).isSameAs(other);
    assertThat(first.calls).containsExactly("PNG whole 1000");
    assertThat(router)
        .hasToString("ImageDecoder[applyExifOrientation=false, maxPixels=1000, first=recording]");
  }

  /**
   * A plugged-in reader that records what it is asked and answers with a fixed image, or null to
   * hand the body on.
   */
  private static class Recording implements FormatReader {
    final Set<ImageFormat> formats;
    final DecodedImage answer;
    final boolean regions;
    final List<String> calls = new ArrayList<>();
    final List<Bytes> bodies = new ArrayList<>();

    Recording(Set<ImageFormat> formats, DecodedImage answer, boolean regions) {
      this.formats = formats;
      this.answer = answer;
      this.regions = regions;
    }

    @Override
    public boolean reads(ImageFormat format) {
      return formats.contains(format);
    }

    @Override
    public boolean readsRegions(ImageFormat format) {
      return regions && reads(format);
    }

    @Override
    public DecodedImage read(Bytes data, ImageFormat format, long maxPixels)
        throws DecodeException {
      calls.add(format + " whole " + maxPixels);
      bodies.add(data);
      return answer;
    }

    @Override
    public DecodedImage read(Bytes data, ImageFormat format, RegionHint hint, long maxPixels)
        throws DecodeException {
      if (hint == RegionHint.WHOLE) {
        return read(data, format, maxPixels);
      }
      calls.add(format + " region " + maxPixels);
      bodies.add(data);
      return answer;
    }

    @Override
    public String toString() {
      return "recording";
    }
  }
}
