package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.ImageData;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.ImageFormat;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every committed format and compares shape and pixels: lossless sources byte for byte with
 * the pixels that were encoded, lossy ones with OpenCV's IMREAD_UNCHANGED decode.
 */
class ImageDecodersFormatTest {
  private static final Decoder DECODER = ImageDecoders.standard();

  static List<TestImages.Expected> exact() {
    return TestImages.expected("exact");
  }

  static List<TestImages.Expected> opencv() {
    return TestImages.expected("opencv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exact")
  void losslessSourcesDecodeToTheExactPixels(TestImages.Expected e) throws Exception {
    DecodedImage image = DECODER.decode(TestImages.bytes(TestImages.resource(e.file())));

    assertThat(image.width()).isEqualTo(e.width());
    assertThat(image.height()).isEqualTo(e.height());
    assertThat(image.channels()).isEqualTo(e.channels());
    assertThat(TestImages.pixels(image)).isEqualTo(TestImages.raw(e));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("opencv")
  void lossySourcesMatchOpenCv(TestImages.Expected e) throws Exception {
    DecodedImage image = DECODER.decode(TestImages.bytes(TestImages.resource(e.file())));
    String referenceFile = "formats/" + e.file().replace("../photos/", "") + ".cv2.png";
    ImageData reference = TestImages.pixels(DECODER.decode(TestImages.bytes(referenceFile)));

    assertThat(image.width()).isEqualTo(e.width());
    assertThat(image.height()).isEqualTo(e.height());
    assertThat(image.channels()).isEqualTo(e.channels());
    assertThat(reference.channels()).isEqualTo(e.channels());
    double[] mad = TestImages.meanAbsDiff(TestImages.pixels(image), reference);
    // JPEG: the JDK's libjpeg 6b and OpenCV's libjpeg-turbo differ only in IDCT rounding. Lossy
    // WebP:
    // TwelveMonkeys upsamples chroma more simply than libwebp, so its tolerance is a little wider.
    double tolerance = e.file().endsWith(".webp") ? 3.0 : 2.0;
    assertThat(Arrays.stream(mad).max().orElseThrow())
        .as("largest mean absolute difference per channel of %s", Arrays.toString(mad))
        .isLessThanOrEqualTo(tolerance);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "progressive.jpg, JPEG",
    "gray.jpg, JPEG",
    "cmyk.jpg, JPEG",
    "ycck.jpg, JPEG",
    "rgb.png, PNG",
    "animated.gif, GIF",
    "rgb.bmp, BMP",
    "lossy.webp, WEBP",
    "lossless_alpha.webp, WEBP",
    "rgb.tif, TIFF"
  })
  void reportsTheSniffedFormat(String file, ImageFormat format) throws Exception {
    assertThat(DECODER.decode(TestImages.bytes("formats/" + file)).format()).isEqualTo(format);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "photo_000.jpg, 256, 256", "photo_016.jpg, 256, 256", "photo_024.jpg, 256, 256",
    "photo_029.jpg, 731, 732", "photo_031.jpg, 342, 342", "photo_032.jpg, 256, 256",
    "photo_034.jpg, 496, 501", "photo_045.jpg, 1297, 1297"
  })
  void decodesTheRealPhotographs(String file, int width, int height) throws Exception {
    DecodedImage image = DECODER.decode(TestImages.bytes("photos/" + file));

    assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(image.width()).isEqualTo(width);
    assertThat(image.height()).isEqualTo(height);
    assertThat(image.channels()).isEqualTo(3);
  }
}
