package io.github.can4000.io.image.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.PixelRect;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RegionHint;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Header sizes, and the decoder's memory estimate, against what decoding actually gives. */
class ImageHeadersTest {
  private static final Decoder DECODER = ImageDecoders.standard();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rgb.png",
        "rgba.png",
        "gray.png",
        "gray_alpha.png",
        "palette.png",
        "palette_trns.png",
        "rgb16.png",
        "rgb_icc.png",
        "exif6.png",
        "cmyk.jpg",
        "ycck.jpg",
        "gray.jpg",
        "progressive.jpg",
        "exif6.jpg",
        "animated.gif",
        "rgb.bmp",
        "lossy.webp",
        "lossless.webp",
        "lossless_alpha.webp",
        "lossless_icc.webp",
        "exif6.webp",
        "animated.webp"
      })
  void size_isTheDecodedSize(String file) throws Exception {
    Bytes data = TestImages.bytes("formats/" + file);
    int[] size = ImageHeaders.size(data, ImageFormat.sniff(data));
    DecodedImage img = DECODER.decode(data);
    assertThat(size).as(file).containsExactly(img.width(), img.height());
    assertThat(DECODER.decodedBytes(data, RegionHint.WHOLE))
        .isEqualTo(4L * img.width() * img.height());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rgb.tif", "truncated.jpg", "random.bin", "error.html"})
  void size_unknownOrUnreadable_isNull_andTheEstimateUnknown(String file) {
    Bytes data = TestImages.bytes("formats/" + file);
    if (file.equals("truncated.jpg")) {
      // a header cut before its frame header
      data = Bytes.copyOf(Arrays.copyOf(data.toByteArray(), 20));
    }
    assertThat(ImageHeaders.size(data, ImageFormat.sniff(data))).isNull();
    assertThat(DECODER.decodedBytes(data, RegionHint.WHOLE)).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"progressive.jpg", "rgb.png"})
  void decodedBytes_countsTheRegionOfAJpegRegionRead_andWholePngs(String file) throws Exception {
    Bytes data = TestImages.bytes("formats/" + file);
    RegionHint middle = (w, h) -> new PixelRect(w / 4, h / 4, w / 2, h / 2);
    DecodedImage img = DECODER.decode(data, middle);
    PixelRect decoded = img.decodedRegion();
    long estimate = DECODER.decodedBytes(data, middle);
    assertThat(estimate).isGreaterThanOrEqualTo(4L * decoded.width() * decoded.height());
    if (file.endsWith(".jpg")) {
      assertThat(estimate)
          .isEqualTo(4L * decoded.width() * decoded.height())
          .isLessThan(4L * img.width() * img.height());
    } else {
      assertThat(estimate).isEqualTo(4L * img.width() * img.height());
    }
  }

  @Test
  void plain8BitPngAndEndMarkers() {
    Bytes rgb = Bytes.copyOf(TestImages.gradientPng(8, 8));
    assertThat(ImageHeaders.isPlain8BitPng(rgb)).isTrue();
    assertThat(ImageHeaders.endsWithPngIend(rgb)).isTrue();
    byte[] cut = Arrays.copyOf(rgb.toByteArray(), rgb.size() - 12);
    assertThat(ImageHeaders.endsWithPngIend(Bytes.copyOf(cut))).isFalse();
    BufferedImage palette = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED);
    assertThat(ImageHeaders.isPlain8BitPng(Bytes.copyOf(TestImages.encode(palette, "png"))))
        .isFalse();
    Bytes jpeg = Bytes.copyOf(TestImages.encode(TestImages.gradient(8, 8), "jpg"));
    assertThat(ImageHeaders.endsWithJpegEoi(jpeg)).isTrue();
    assertThat(
            ImageHeaders.endsWithJpegEoi(
                Bytes.copyOf(Arrays.copyOf(jpeg.toByteArray(), jpeg.size() - 2))))
        .isFalse();
    assertThat(ImageHeaders.isPlain8BitPng(jpeg)).isFalse();
  }
}
