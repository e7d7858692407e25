package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.spi.ImageFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Builder validation and defaults. */
class ImageDecodersBuilderTest {

  @Test
  void standardDecoderIsSharedAndUsesTheDefaults() {
    assertThat(ImageDecoders.standard()).isSameAs(ImageDecoders.standard());
    assertThat(ImageDecoders.standard())
        .hasToString("ImageDecoder[applyExifOrientation=false, maxPixels=25000000]");
    assertThat(ImageDecoders.DEFAULT_MAX_PIXELS).isEqualTo(25_000_000L);
  }

  @Test
  void twelveMonkeysReadersArePreferred() {
    assertThat(ImageIoDecoder.readerProvider(ImageFormat.JPEG))
        .startsWith("com.twelvemonkeys.imageio.plugins.jpeg.");
    assertThat(ImageIoDecoder.readerProvider(ImageFormat.WEBP))
        .startsWith("com.twelvemonkeys.imageio.plugins.webp.");
    assertThat(ImageIoDecoder.readerProvider(ImageFormat.BMP))
        .startsWith("com.twelvemonkeys.imageio.plugins.bmp.");
    assertThat(ImageIoDecoder.readerProvider(ImageFormat.PNG)).isNotNull();
    assertThat(ImageIoDecoder.readerProvider(ImageFormat.GIF)).isNotNull();
    assertThat(ImageIoDecoder.readerProvider(ImageFormat.TIFF)).isNotNull();
  }

  @Test
  void imageIoCachesInMemoryOnly() {
    ImageDecoders.standard();
    new ImageIoDecoder(false, 1); // loads the class, which switches the cache off
    assertThat(ImageIO.getUseCache()).isFalse();
  }

  @Test
  void builderSetsOptions() {
    assertThat(ImageDecoders.builder().applyExifOrientation(true).maxPixels(1000).build())
        .hasToString("ImageDecoder[applyExifOrientation=true, maxPixels=1000]");
  }

  @Test
  void eachOptionCanBeSetOnce() {
    assertThatThrownBy(() -> ImageDecoders.builder().maxPixels(10).maxPixels(20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maxPixels was already set to 10");
    assertThatThrownBy(
            () -> ImageDecoders.builder().applyExifOrientation(false).applyExifOrientation(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("applyExifOrientation was already set to false");
  }

  @Test
  void maxPixelsIsCheckedAtOnce() {
    assertThatThrownBy(() -> ImageDecoders.builder().maxPixels(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPixels must be between 1 and");
    assertThatThrownBy(() -> ImageDecoders.builder().maxPixels(ImageDecoders.PIXEL_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ImageDecoders.builder().maxPixels(ImageDecoders.PIXEL_LIMIT).build()).isNotNull();
    assertThat(ImageDecoders.PIXEL_LIMIT).isEqualTo(536_870_909L);
  }

  @Test
  void aFailedSetterLeavesTheOptionUnset() {
    ImageDecoders.Builder builder = ImageDecoders.builder();
    assertThatThrownBy(() -> builder.maxPixels(-5)).isInstanceOf(IllegalArgumentException.class);
    assertThat(builder.maxPixels(5).build())
        .hasToString("ImageDecoder[applyExifOrientation=false, maxPixels=5]");
  }
}
