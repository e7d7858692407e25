package io.github.can4000.io.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.io.fixtures.Photos;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.ImageFormat;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Checks the integer area averaging of {@link PerceptualHash} against a straightforward
 * floating-point one (the definition: each cell is the mean of the source pixels it covers, with
 * fractional cover at its edges).
 */
class PerceptualHashTest {
  static final List<String> ALL = Photos.ALL;

  /** The definition, in doubles: luminance, then fractional-cover area averaging per axis. */
  private static double[] referenceShrink(ImageData image) {
    int w = image.width();
    int h = image.height();
    int ch = image.channels();
    byte[] px = image.toByteArray();
    double[] out = new double[32 * 32];
    for (int j = 0; j < 32; j++) {
      double ya = j * (double) h / 32;
      double yb = (j + 1) * (double) h / 32;
      for (int i = 0; i < 32; i++) {
        double xa = i * (double) w / 32;
        double xb = (i + 1) * (double) w / 32;
        double sum = 0;
        for (int y = (int) Math.floor(ya); y < yb && y < h; y++) {
          double cy = Math.min(yb, y + 1) - Math.max(ya, y);
          for (int x = (int) Math.floor(xa); x < xb && x < w; x++) {
            double cx = Math.min(xb, x + 1) - Math.max(xa, x);
            int p = (y * w + x) * ch;
            double lum =
                ch == 1
                    ? px[p] & 0xFF
                    : 0.299 * (px[p] & 0xFF)
                        + 0.587 * (px[p + 1] & 0xFF)
                        + 0.114 * (px[p + 2] & 0xFF);
            sum += cx * cy * lum;
          }
        }
        out[j * 32 + i] = sum / ((xb - xa) * (yb - ya));
      }
    }
    return out;
  }

  private static ImageData random(int w, int h, int channels, long seed) {
    byte[] px = new byte[w * h * channels];
    new Random(seed).nextBytes(px);
    return ImageData.of(w, h, channels, px);
  }

  @ParameterizedTest
  @CsvSource({
    "1,1,3",
    "1,1,1",
    "7,5,3",
    "31,33,1",
    "32,32,3",
    "33,31,4",
    "100,7,3",
    "7,100,1",
    "64,48,4",
    "333,251,3",
    "1000,3,3"
  })
  void shrink_matchesTheFloatingPointDefinition(int w, int h, int channels) {
    ImageData img = random(w, h, channels, 31L * w + h);
    assertThat(PerceptualHash.shrink(img))
        .containsExactly(referenceShrink(img), org.assertj.core.data.Offset.offset(1e-9));
  }

  @ParameterizedTest
  @FieldSource("ALL")
  void hash_ofRealPhotos_isTheHashOfTheDefinition(String photo) {
    ImageData img = ImageData.of(Photos.image(photo));
    double[] ref = referenceShrink(img);
    assertThat(PerceptualHash.shrink(img))
        .containsExactly(ref, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(NearDuplicates.hash(img)).isEqualTo(PerceptualHash.ofGray(ref));
  }

  @Test
  void hash_ofRegion_equalsHashOfTheCroppedPixels_andReadsInStrips() {
    BufferedImage photo = random(900, 700, 3, 5).toBufferedImage();
    DecodedImage src = DecodedImage.of(photo, ImageFormat.PNG);
    // tall enough for several strips of 65,536 pixels
    PixelRect rect = new PixelRect(13, 7, src.width() - 5, src.height() - 3);
    assertThat((long) rect.width() * rect.height()).isGreaterThan(3L << 16);
    assertThat(NearDuplicates.hash(src, rect)).isEqualTo(NearDuplicates.hash(src.crop(rect)));
    assertThat(NearDuplicates.hash(src)).isEqualTo(NearDuplicates.hash(ImageData.of(photo)));
  }

  @Test
  void hash_ofRegionRead_hashesOnlyWhatWasDecoded() {
    BufferedImage photo = Photos.image(ALL.get(1));
    PixelRect part = new PixelRect(20, 30, 220, 190);
    BufferedImage sub = photo.getSubimage(part.x1(), part.y1(), part.width(), part.height());
    DecodedImage region =
        DecodedImage.ofRegion(
            sub, ImageFormat.JPEG, part.x1(), part.y1(), photo.getWidth(), photo.getHeight());
    assertThat(region.decodedRegion()).isEqualTo(part);
    assertThat(NearDuplicates.hash(region, part))
        .isEqualTo(NearDuplicates.hash(DecodedImage.of(photo, ImageFormat.JPEG), part));
    assertThatThrownBy(() -> NearDuplicates.hash(region))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not decoded");
    assertThatThrownBy(() -> NearDuplicates.hash(region, new PixelRect(20, 30, 20, 190)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
