package io.github.can4000.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.ImageData;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast copy paths of {@link PixelConversion#region} agree with the generic getRGB path. */
class PixelConversionTest {

  @ParameterizedTest
  @ValueSource(
      ints = {
        BufferedImage.TYPE_3BYTE_BGR,
        BufferedImage.TYPE_4BYTE_ABGR,
        BufferedImage.TYPE_INT_RGB,
        BufferedImage.TYPE_INT_ARGB,
        BufferedImage.TYPE_BYTE_GRAY
      })
  void region_fastPathsMatchGetRgb(int type) {
    BufferedImage img = new BufferedImage(37, 23, type);
    Random rnd = new Random(type);
    for (int y = 0; y < 23; y++) {
      for (int x = 0; x < 37; x++) {
        int v = rnd.nextInt();
        img.setRGB(
            x, y, type == BufferedImage.TYPE_BYTE_GRAY ? (v & 0xFF) * 0x010101 | 0xFF000000 : v);
      }
    }
    int channels = PixelConversion.channelsOf(img);
    ImageData crop = PixelConversion.region(img, 5, 3, 20, 11, channels);
    for (int y = 0; y < 11; y++) {
      for (int x = 0; x < 20; x++) {
        int argb = img.getRGB(5 + x, 3 + y);
        if (channels == 1) {
          assertThat(crop.get(x, y, 0)).isEqualTo(img.getRaster().getSample(5 + x, 3 + y, 0));
          continue;
        }
        assertThat(crop.get(x, y, 0)).isEqualTo((argb >>> 16) & 0xFF);
        assertThat(crop.get(x, y, 1)).isEqualTo((argb >>> 8) & 0xFF);
        assertThat(crop.get(x, y, 2)).isEqualTo(argb & 0xFF);
        if (channels == 4) {
          assertThat(crop.get(x, y, 3)).isEqualTo(argb >>> 24);
        }
      }
    }
  }

  @Test
  void fromBgr_wrapsOpenCvLayoutsAsRgbGrayAndRgba() {
    byte[] bgr = {1, 2, 3, 4, 5, 6};
    BufferedImage rgb = PixelConversion.fromBgr(bgr, 2, 1, 3);
    assertThat(rgb.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x030201);
    assertThat(PixelConversion.region(rgb, 0, 0, 2, 1, 3).toByteArray())
        .containsExactly(3, 2, 1, 6, 5, 4);
    BufferedImage gray = PixelConversion.fromBgr(new byte[] {7, 8}, 2, 1, 1);
    assertThat(gray.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(PixelConversion.channelsOf(gray)).isEqualTo(1);
    BufferedImage rgba = PixelConversion.fromBgr(new byte[] {1, 2, 3, 9}, 1, 1, 4);
    assertThat(PixelConversion.region(rgba, 0, 0, 1, 1, 4).toByteArray())
        .containsExactly(3, 2, 1, 9);
    assertThatThrownBy(() -> PixelConversion.fromBgr(new byte[5], 2, 1, 3))
        .hasMessage("expected 2x1x3 bytes, got 5");
  }
}
