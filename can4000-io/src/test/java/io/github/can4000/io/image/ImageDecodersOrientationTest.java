package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.ImageData;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.ImageFormat;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EXIF orientation: ignored by default (raw pixel grid, as the boxes), applied on request. */
class ImageDecodersOrientationTest {
  private static final Bytes EXIF6 = TestImages.bytes("formats/exif6.jpg"); // stored 240 x 160

  @Test
  void orientationIsIgnoredByDefault() throws Exception {
    DecodedImage image = ImageDecoders.standard().decode(EXIF6);

    assertThat(image.width()).isEqualTo(240);
    assertThat(image.height()).isEqualTo(160);
  }

  @Test
  void orientation6IsAppliedOnRequest() throws Exception {
    Decoder upright = ImageDecoders.builder().applyExifOrientation(true).build();
    ImageData raw = TestImages.pixels(ImageDecoders.standard().decode(EXIF6));

    DecodedImage image = upright.decode(EXIF6);

    assertThat(image.width()).isEqualTo(160);
    assertThat(image.height()).isEqualTo(240);
    ImageData rotated = TestImages.pixels(image);
    // rotated 90 degrees clockwise: raw (x, y) lands on (h - 1 - y, x)
    for (int y = 0; y < raw.height(); y += 7) {
      for (int x = 0; x < raw.width(); x += 11) {
        for (int c = 0; c < 3; c++) {
          assertThat(rotated.get(raw.height() - 1 - y, x, c)).isEqualTo(raw.get(x, y, c));
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"exif6.png, PNG", "exif6.webp, WEBP"})
  void orientationOfPngAndWebpIsReadToo(String file, ImageFormat format) throws Exception {
    Bytes data = TestImages.bytes("formats/" + file); // stored 96 x 64
    Decoder upright = ImageDecoders.builder().applyExifOrientation(true).build();
    ImageData raw = TestImages.pixels(ImageDecoders.standard().decode(data));

    ImageData rotated = TestImages.pixels(upright.decode(data));

    assertThat(Orientation.read(data, format)).isEqualTo(6);
    assertThat(raw.width()).isEqualTo(96);
    assertThat(rotated.width()).isEqualTo(64);
    assertThat(rotated.height()).isEqualTo(96);
    assertThat(rotated.get(63, 0, 0)).isEqualTo(raw.get(0, 0, 0));
    assertThat(rotated.get(0, 95, 1)).isEqualTo(raw.get(95, 63, 1));
  }

  @Test
  void imagesWithoutOrientationAreUnchangedWhenApplying() throws Exception {
    Decoder upright = ImageDecoders.builder().applyExifOrientation(true).build();
    for (String file :
        new String[] {
          "photos/photo_045.jpg",
          "photos/photo_032.jpg",
          "formats/rgba.png",
          "formats/lossless.webp"
        }) {
      Bytes data = TestImages.bytes(file);
      assertThat(TestImages.pixels(upright.decode(data)))
          .as(file)
          .isEqualTo(TestImages.pixels(ImageDecoders.standard().decode(data)));
    }
  }

  @Test
  void orientationIsReadWithCommonsImaging() {
    assertThat(Orientation.read(EXIF6, ImageFormat.JPEG)).isEqualTo(6);
    assertThat(Orientation.read(TestImages.bytes("photos/photo_045.jpg"), ImageFormat.JPEG))
        .isEqualTo(1);
    assertThat(Orientation.read(TestImages.bytes("formats/truncated.png"), ImageFormat.PNG))
        .isEqualTo(1);
  }

  /** Every orientation maps the corners of a 3 x 2 image where EXIF says they belong. */
  @ParameterizedTest(name = "orientation {0}")
  @CsvSource({
    // orientation, upright width, upright height, then the upright images' top-left, top-right,
    // bottom-left pixel as indexes 0..5 of the stored pixels (row-major, 3 wide)
    "1, 3, 2, 0, 2, 3", "2, 3, 2, 2, 0, 5", "3, 3, 2, 5, 3, 2", "4, 3, 2, 3, 5, 0",
    "5, 2, 3, 0, 3, 2", "6, 2, 3, 3, 0, 5", "7, 2, 3, 5, 2, 3", "8, 2, 3, 2, 5, 0"
  })
  void everyOrientationIsApplied(
      int orientation, int width, int height, int topLeft, int topRight, int bottomLeft) {
    byte[] gray = {0, 10, 20, 30, 40, 50};
    BufferedImage stored = ImageData.of(3, 2, 1, gray).toBufferedImage();

    ImageData upright = ImageData.of(Orientation.apply(stored, orientation));

    assertThat(upright.width()).isEqualTo(width);
    assertThat(upright.height()).isEqualTo(height);
    assertThat(upright.get(0, 0, 0)).isEqualTo(topLeft * 10);
    assertThat(upright.get(width - 1, 0, 0)).isEqualTo(topRight * 10);
    assertThat(upright.get(0, height - 1, 0)).isEqualTo(bottomLeft * 10);
  }
}
