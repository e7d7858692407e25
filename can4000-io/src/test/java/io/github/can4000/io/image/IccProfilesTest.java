package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.ImageFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Removal of embedded ICC profiles, so that colours are decoded as OpenCV decodes them. */
class IccProfilesTest {

  @Test
  void jpegProfileSegmentIsRemovedAndNothingElse() {
    byte[] jpeg =
        TestImages.read("photos/photo_016.jpg"); // Apple "Generic RGB" profile, 1960 bytes

    byte[] stripped = IccProfiles.strip(jpeg, ImageFormat.JPEG);

    assertThat(jpeg.length - stripped.length).isEqualTo(1960 + 4 + 14);
    assertThat(new String(stripped, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("ICC_PROFILE");
    assertThat(Arrays.copyOfRange(stripped, stripped.length - 1000, stripped.length))
        .isEqualTo(Arrays.copyOfRange(jpeg, jpeg.length - 1000, jpeg.length));
  }

  @Test
  void webpProfileChunkIsRemovedAndTheHeadersFixed() {
    byte[] webp = TestImages.read("formats/lossless_icc.webp");

    byte[] stripped = IccProfiles.strip(webp, ImageFormat.WEBP);

    assertThat(stripped.length).isLessThan(webp.length - 1960);
    int riffSize =
        (stripped[4] & 0xFF)
            | (stripped[5] & 0xFF) << 8
            | (stripped[6] & 0xFF) << 16
            | stripped[7] << 24;
    assertThat(riffSize).isEqualTo(stripped.length - 8);
    assertThat(new String(stripped, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("ICCP");
    assertThat(stripped[20] & 0x20).as("VP8X ICC flag").isZero();
  }

  @Test
  void dataWithoutProfilesIsReturnedAsIs() {
    for (String file :
        new String[] {"photos/photo_045.jpg", "formats/truncated.jpg", "formats/lossy.webp"}) {
      byte[] data = TestImages.read(file);
      ImageFormat format = file.endsWith(".webp") ? ImageFormat.WEBP : ImageFormat.JPEG;
      assertThat(IccProfiles.strip(data, format)).as(file).isSameAs(data);
    }
    byte[] png = TestImages.read("formats/rgb_icc.png");
    assertThat(IccProfiles.strip(png, ImageFormat.PNG)).isSameAs(png);
  }

  @Test
  void brokenStructureIsLeftToTheReader() {
    byte[] jpeg = Arrays.copyOf(TestImages.read("photos/photo_016.jpg"), 30);
    assertThat(IccProfiles.strip(jpeg, ImageFormat.JPEG)).isSameAs(jpeg);
    byte[] webp = Arrays.copyOf(TestImages.read("formats/lossless_icc.webp"), 40);
    assertThat(IccProfiles.strip(webp, ImageFormat.WEBP)).isSameAs(webp);
  }
}
