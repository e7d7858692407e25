package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.RegionHint;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Region reads (JPEG, and the PNGs of {@link PngFastDecoder}) give, byte for byte, the crop of a
 * full decode, and keep the failure reasons.
 */
class ImageDecodersRegionTest {
  private static final Decoder DECODER = ImageDecoders.standard();

  static Stream<String> images() {
    return Stream.of(
        "photos/photo_000.jpg",
        "photos/photo_016.jpg",
        "photos/photo_024.jpg",
        "photos/photo_031.jpg",
        "formats/progressive.jpg",
        "formats/gray.jpg",
        "formats/cmyk.jpg",
        "formats/ycck.jpg",
        "formats/exif6.jpg",
        "formats/rgb.png",
        "formats/rgba.png",
        "formats/gray.png",
        "formats/gray_alpha.png",
        "formats/palette.png",
        "formats/palette_trns.png",
        "formats/rgb16.png",
        "formats/rgb_icc.png");
  }

  /** Typical CAN4000 boxes, edge boxes and a one-pixel box, as fractions of the image. */
  private static List<PixelRect> rects(int w, int h) {
    double[][] boxes = {
      {0.5, 0.5, 0.6, 0.8},
      {0.2, 0.3, 0.3, 0.4},
      {0.9, 0.9, 0.4, 0.3},
      {0.05, 0.7, 0.1, 0.6},
      {0.5, 0.5, 1.0, 0.1},
      {0.5, 0.5, 0.1, 1.0}
    };
    List<PixelRect> out = new ArrayList<>();
    for (double[] b : boxes) {
      out.add(
          new PixelRect(
                  (int) ((b[0] - b[2] / 2) * w),
                  (int) ((b[1] - b[3] / 2) * h),
                  (int) ((b[0] + b[2] / 2) * w),
                  (int) ((b[1] + b[3] / 2) * h))
              .clampTo(w, h));
    }
    out.add(new PixelRect(w / 3, h / 3, w / 3 + 1, h / 3 + 1));
    out.add(new PixelRect(w - 1, h - 1, w, h));
    return out;
  }

  /** PNGs the JDK reader decodes (palette, 16-bit): read whole, its region reads being slower. */
  private static final List<String> READ_WHOLE =
      List.of("formats/palette.png", "formats/palette_trns.png", "formats/rgb16.png");

  @ParameterizedTest
  @MethodSource("images")
  void regionRead_cropEqualsFullDecodeCrop(String name) throws Exception {
    Bytes data = read(name);
    DecodedImage full = DECODER.decode(data);
    for (PixelRect rect : rects(full.width(), full.height())) {
      DecodedImage region = DECODER.decode(data, (w, h) -> rect);
      assertThat(region.width()).isEqualTo(full.width());
      assertThat(region.height()).isEqualTo(full.height());
      assertThat(region.channels()).isEqualTo(full.channels());
      assertThat(region.covers(rect)).isTrue();
      assertThat(region.crop(rect)).as("%s %s", name, rect).isEqualTo(full.crop(rect));
      if (!rect.equals(new PixelRect(0, 0, full.width(), full.height()))) {
        assertThat(region.covers(new PixelRect(0, 0, full.width(), full.height())))
            .as("%s read whole", name)
            .isEqualTo(READ_WHOLE.contains(name));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"formats/truncated.jpg", "formats/truncated.png"})
  void regionRead_truncated_stillDecodeFailed(String name) {
    RegionHint topLeft = (w, h) -> new PixelRect(0, 0, 2, 2);
    assertThatThrownBy(() -> DECODER.decode(read(name), topLeft))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECODE_FAILED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"formats/bomb.png"})
  void regionRead_bomb_tooManyPixels(String name) {
    RegionHint topLeft = (w, h) -> new PixelRect(0, 0, 2, 2);
    assertThatThrownBy(() -> DECODER.decode(read(name), topLeft))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
  }

  private static Bytes read(String name) throws IOException {
    try (InputStream in = ImageDecodersRegionTest.class.getResourceAsStream("/" + name)) {
      return Bytes.copyOf(in.readAllBytes());
    }
  }
}
