package io.github.can4000.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DecodedImage#crop(PixelRect, int, int)} reads straight from the raster; it must give the
 * same bytes as cropping and then resizing, for every raster layout decoders return.
 */
class DecodedImageCropResizeTest {
  private static final int[][] SIZES = {{224, 224}, {7, 5}, {300, 90}, {33, 33}};

  @ParameterizedTest
  @ValueSource(
      ints = {
        BufferedImage.TYPE_3BYTE_BGR, // JDK JPEG reader
        BufferedImage.TYPE_4BYTE_ABGR, // PNG with alpha through ImageIO
        BufferedImage.TYPE_BYTE_GRAY,
        BufferedImage.TYPE_INT_RGB, // packed: no fast path
        BufferedImage.TYPE_BYTE_INDEXED // palette: no fast path
      })
  void sameBytesAsCropThenResize(int type) {
    BufferedImage img = noise(160, 120, type, 1);
    DecodedImage whole = DecodedImage.of(img, ImageFormat.PNG);
    for (PixelRect r :
        new PixelRect[] {
          new PixelRect(0, 0, 160, 120),
          new PixelRect(13, 7, 101, 90),
          new PixelRect(159, 119, 160, 120)
        }) {
      for (int[] s : SIZES) {
        assertSame(whole, r, s[0], s[1]);
      }
    }
  }

  @Test
  void rgbAndRgbaInOutputOrder() {
    for (int channels : new int[] {3, 4}) {
      int[] offsets = channels == 3 ? new int[] {0, 1, 2} : new int[] {0, 1, 2, 3};
      ColorModel cm =
          new ComponentColorModel(
              ColorSpace.getInstance(ColorSpace.CS_sRGB),
              channels == 4,
              false,
              channels == 4 ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
              DataBuffer.TYPE_BYTE);
      WritableRaster raster =
          Raster.createInterleavedRaster(
              DataBuffer.TYPE_BYTE, 90, 70, 90 * channels, channels, offsets, null);
      byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
      new Random(channels).nextBytes(data);
      DecodedImage d = DecodedImage.of(new BufferedImage(cm, raster, false, null), ImageFormat.PNG);
      assertThat(d.channels()).isEqualTo(channels);
      for (int[] s : SIZES) {
        assertSame(d, new PixelRect(5, 9, 77, 61), s[0], s[1]);
      }
    }
  }

  @Test
  void regionReadsAndSubimages() {
    BufferedImage img = noise(200, 150, BufferedImage.TYPE_3BYTE_BGR, 2);
    // a region read: the decoded part starts at (40, 30) of a 400 x 300 source
    DecodedImage region =
        DecodedImage.ofRegion(
            img.getSubimage(20, 10, 150, 120), ImageFormat.JPEG, 40, 30, 400, 300);
    for (int[] s : SIZES) {
      assertSame(region, new PixelRect(41, 33, 180, 140), s[0], s[1]);
    }
    assertThatThrownBy(() -> region.crop(new PixelRect(0, 0, 50, 50), 10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot crop");
    assertThatThrownBy(() -> region.crop(new PixelRect(41, 33, 80, 80), 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x10");
  }

  private static void assertSame(DecodedImage d, PixelRect r, int w, int h) {
    ImageData expected = d.crop(r).resize(w, h);
    ImageData got = d.crop(r, w, h);
    assertThat(got.width()).isEqualTo(w);
    assertThat(got.height()).isEqualTo(h);
    assertThat(got.channels()).isEqualTo(expected.channels());
    assertThat(got.toByteArray())
        .as("%s %s -> %dx%d", d, r, w, h)
        .isEqualTo(expected.toByteArray());
  }

  private static BufferedImage noise(int w, int h, int type, long seed) {
    BufferedImage img = new BufferedImage(w, h, type);
    Random rnd = new Random(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (rnd.nextInt(256) << 24) | rnd.nextInt(1 << 24));
      }
    }
    return img;
  }
}
