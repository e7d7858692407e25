package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDataTest {

  private static ImageData random(int w, int h, int c, long seed) {
    byte[] px = new byte[w * h * c];
    new java.util.Random(seed).nextBytes(px);
    return ImageData.of(w, h, c, px);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4})
  void toPng_isLosslessAndReadableByImageIo(int channels) throws IOException {
    ImageData img = random(37, 23, channels, channels);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(img.toPng()));
    assertThat(ImageData.of(back)).isEqualTo(img);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4})
  void toBufferedImage_roundTrips(int channels) {
    ImageData img = random(9, 7, channels, 42);
    assertThat(ImageData.of(img.toBufferedImage())).isEqualTo(img);
  }

  @Test
  void of_bufferedImage_rgbOrder() {
    BufferedImage b = TestImages.gradient(3, 2);
    ImageData d = ImageData.of(b);
    assertThat(d.channels()).isEqualTo(3);
    assertThat(new int[] {d.get(2, 1, 0), d.get(2, 1, 1), d.get(2, 1, 2)}).containsExactly(2, 1, 3);
  }

  @Test
  void of_intArgb_keepsAlpha() {
    BufferedImage b = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    b.setRGB(1, 0, 0x80102030);
    ImageData d = ImageData.of(b);
    assertThat(d.channels()).isEqualTo(4);
    assertThat(new int[] {d.get(1, 0, 0), d.get(1, 0, 1), d.get(1, 0, 2), d.get(1, 0, 3)})
        .containsExactly(0x10, 0x20, 0x30, 0x80);
  }

  @Test
  void of_16bitGray_scalesToEightBits() {
    BufferedImage b = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    b.getRaster().setSample(0, 0, 0, 0xABCD);
    b.getRaster().setSample(1, 0, 0, 0x00FF);
    ImageData d = ImageData.of(b);
    assertThat(d.channels()).isEqualTo(1);
    assertThat(d.get(0, 0, 0)).isEqualTo(0xAB);
    assertThat(d.get(1, 0, 0)).isEqualTo(0x00);
  }

  @Test
  void toFloatArray_layouts() {
    ImageData img =
        ImageData.of(2, 1, 3, new byte[] {0, 51, (byte) 255, 102, (byte) 153, (byte) 204});
    assertThat(img.toFloatArray(ImageData.Layout.HWC))
        .containsExactly(0f, 0.2f, 1f, 0.4f, 0.6f, 0.8f);
    assertThat(img.toFloatArray(ImageData.Layout.CHW))
        .containsExactly(0f, 0.4f, 0.2f, 0.6f, 1f, 0.8f);
  }

  @Test
  void crop_copiesRegion() {
    ImageData img = random(10, 10, 3, 1);
    ImageData c = img.crop(new PixelRect(2, 3, 5, 7));
    assertThat(c.width()).isEqualTo(3);
    assertThat(c.height()).isEqualTo(4);
    assertThat(c.get(1, 2, 2)).isEqualTo(img.get(3, 5, 2));
    assertThatThrownBy(() -> img.crop(new PixelRect(5, 5, 11, 6)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_copiesInput_soLaterChangesDoNotLeak() {
    byte[] px = {1, 2, 3};
    ImageData img = ImageData.of(1, 1, 3, px);
    px[0] = 99;
    assertThat(img.get(0, 0, 0)).isEqualTo(1);
    img.toByteArray()[1] = 99;
    assertThat(img.get(0, 0, 1)).isEqualTo(2);
  }

  @Test
  void decodedRegion_translatesCoordinates() {
    BufferedImage region = TestImages.gradient(50, 40);
    DecodedImage d = DecodedImage.ofRegion(region, ImageFormat.JPEG, 100, 200, 400, 300);
    assertThat(d.width()).isEqualTo(400);
    assertThat(d.covers(new PixelRect(100, 200, 150, 240))).isTrue();
    assertThat(d.covers(new PixelRect(99, 200, 150, 240))).isFalse();
    ImageData c = d.crop(new PixelRect(110, 205, 120, 215));
    assertThat(c.get(0, 0, 0)).isEqualTo(10);
    assertThat(c.get(0, 0, 1)).isEqualTo(5);
  }

  @Test
  void sniff_recognisesFormatsFromBytes() {
    assertThat(ImageFormat.sniff(Bytes.copyOf(TestImages.gradientPng(4, 4))))
        .isEqualTo(ImageFormat.PNG);
    assertThat(ImageFormat.sniff(Bytes.copyOf(TestImages.encode(TestImages.gradient(4, 4), "jpg"))))
        .isEqualTo(ImageFormat.JPEG);
    assertThat(ImageFormat.sniff(Bytes.copyOf(TestImages.encode(TestImages.gradient(4, 4), "gif"))))
        .isEqualTo(ImageFormat.GIF);
    assertThat(ImageFormat.sniff(Bytes.copyOf(TestImages.encode(TestImages.gradient(4, 4), "bmp"))))
        .isEqualTo(ImageFormat.BMP);
    assertThat(ImageFormat.sniff(Bytes.copyOf("<!DOCTYPE html><html>Not found</html>".getBytes())))
        .isEqualTo(ImageFormat.TEXT);
    assertThat(ImageFormat.sniff(Bytes.copyOf("{\"error\": 1}".getBytes())))
        .isEqualTo(ImageFormat.TEXT);
    assertThat(ImageFormat.sniff(Bytes.copyOf(new byte[] {0, 1, 2, 3, (byte) 0xFE})))
        .isEqualTo(ImageFormat.UNKNOWN);
    assertThat(ImageFormat.sniff(Bytes.empty())).isEqualTo(ImageFormat.UNKNOWN);
  }

  @Test
  void resize_shrink_averagesAreas() {
    ImageData img = ImageData.of(4, 2, 1, new byte[] {10, 20, 30, 40, 50, 60, 70, 80});
    ImageData half = img.resize(2, 1);
    assertThat(half.toByteArray()).containsExactly(35, 55); // (10+20+50+60)/4, (30+40+70+80)/4
    // 3 -> 2: output 0 covers source [0, 1.5): 2/3 of pixel 0 and 1/3 of pixel 1
    ImageData three = ImageData.of(3, 1, 1, new byte[] {30, 60, 90});
    assertThat(three.resize(2, 1).toByteArray()).containsExactly(40, 80);
  }

  @Test
  void resize_enlarge_isBilinearBetweenCentres() {
    ImageData two = ImageData.of(2, 1, 1, new byte[] {0, 100});
    assertThat(two.resize(4, 1).toByteArray()).containsExactly(0, 25, 75, 100);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4})
  void resize_keepsConstantImagesConstant(int channels) {
    byte[] px = new byte[37 * 23 * channels];
    java.util.Arrays.fill(px, (byte) 201);
    ImageData img = ImageData.of(37, 23, channels, px);
    for (int[] size : new int[][] {{5, 7}, {224, 224}, {37, 5}, {1, 1}}) {
      ImageData r = img.resize(size[0], size[1]);
      assertThat(r.width()).isEqualTo(size[0]);
      assertThat(r.height()).isEqualTo(size[1]);
      assertThat(r.toByteArray()).containsOnly((byte) 201);
    }
    assertThat(img.resize(37, 23)).isSameAs(img);
  }

  @Test
  void resize_alpha_transparentColourDoesNotBleed() {
    // an opaque red pixel next to a fully transparent green one
    ImageData img =
        ImageData.of(2, 1, 4, new byte[] {(byte) 255, 0, 0, (byte) 255, 0, (byte) 255, 0, 0});
    ImageData one = img.resize(1, 1);
    assertThat(new int[] {one.get(0, 0, 0), one.get(0, 0, 1), one.get(0, 0, 2), one.get(0, 0, 3)})
        .containsExactly(255, 0, 0, 128);
  }

  @Test
  void resize_rejectsEmptySize() {
    assertThatThrownBy(() -> random(2, 2, 3, 1).resize(0, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
