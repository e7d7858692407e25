package io.github.can4000.opencv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.RegionHint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenCV decoder against the pure-Java one and against OpenCV 4.6's own decodes ({@code
 * *.cv2.png}), on the test images of can4000-io (read from its source tree, so they exist once).
 */
class OpenCvDecoderTest {
  private static final Path RESOURCES = Path.of("..", "can4000-io", "src", "test", "resources");
  private static final Decoder OPENCV = OpenCvDecoders.create();
  private static final Decoder JAVA = ImageDecoders.standard();

  static Stream<Path> photos() throws IOException {
    try (Stream<Path> files = Files.list(RESOURCES.resolve("photos"))) {
      return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList().stream();
    }
  }

  static Stream<Path> formats() throws IOException {
    try (Stream<Path> files = Files.list(RESOURCES.resolve("formats"))) {
      return files
          .filter(p -> p.toString().matches(".*\\.(jpg|png|gif|webp|bmp|tif)$"))
          .filter(
              p ->
                  !p.toString().endsWith(".cv2.png")
                      && !p.getFileName().toString().startsWith("bomb")
                      && !p.getFileName().toString().startsWith("truncated"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("photos")
  void decode_photo_sameAsJavaDecoder(Path photo) throws Exception {
    Bytes data = Bytes.copyOf(Files.readAllBytes(photo));
    assertThat(pixels(OPENCV.decode(data))).isEqualTo(pixels(JAVA.decode(data)));
  }

  @ParameterizedTest
  @MethodSource("formats")
  void decode_format_sameSizeAndChannelsAsJavaDecoder(Path file) throws Exception {
    Bytes data = Bytes.copyOf(Files.readAllBytes(file));
    DecodedImage cv = OPENCV.decode(data);
    DecodedImage java = JAVA.decode(data);
    assertThat(List.of(cv.width(), cv.height(), cv.channels()))
        .isEqualTo(List.of(java.width(), java.height(), java.channels()));
    Path expected = Path.of(file + ".cv2.png");
    boolean openCvFormat = file.toString().endsWith(".jpg") || file.toString().endsWith(".png");
    if (Files.exists(expected) && openCvFormat) {
      assertThat(pixels(cv)).isEqualTo(ImageData.of(ImageIO.read(expected.toFile())));
    } else if (!file.toString().endsWith(".jpg")) {
      assertThat(pixels(cv)).isEqualTo(pixels(java));
    }
  }

  @Test
  void decode_grayJpeg_staysOneChannel() throws Exception {
    assertThat(OPENCV.decode(read("formats/gray.jpg")).channels()).isEqualTo(1);
  }

  @Test
  void decode_rgbaPng_keepsAlphaInRgbaOrder() throws Exception {
    Bytes data = read("formats/rgba.png");
    DecodedImage cv = OPENCV.decode(data);
    assertThat(cv.channels()).isEqualTo(4);
    assertThat(pixels(cv)).isEqualTo(pixels(JAVA.decode(data)));
  }

  @Test
  void decode_html_notAnImage() {
    assertThatThrownBy(() -> OPENCV.decode(read("formats/error.html")))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AN_IMAGE));
  }

  @Test
  void decode_empty_notAnImage() {
    assertThatThrownBy(() -> OPENCV.decode(Bytes.empty()))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AN_IMAGE));
  }

  @Test
  void decode_pngBomb_tooManyPixels() {
    assertThatThrownBy(() -> OPENCV.decode(read("formats/bomb.png")))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
  }

  @Test
  void decode_jpegOverBudget_tooManyPixels() {
    Decoder small = OpenCvDecoders.create(256 * 255);
    assertThatThrownBy(() -> small.decode(read("photos/photo_000.jpg")))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
  }

  @Test
  void decode_truncatedJpeg_decodeFailed() throws Exception {
    byte[] full = Files.readAllBytes(RESOURCES.resolve("photos/photo_000.jpg"));
    Bytes half = Bytes.copyOf(Arrays.copyOf(full, full.length / 2));
    assertThatThrownBy(() -> OPENCV.decode(half))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECODE_FAILED));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"formats/truncated.jpg", "formats/truncated.png"})
  void decode_truncatedFixture_decodeFailed(String name) {
    assertThatThrownBy(() -> OPENCV.decode(read(name)))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECODE_FAILED));
  }

  @Test
  void decode_truncatedPng_decodeFailed() throws Exception {
    byte[] full = Files.readAllBytes(RESOURCES.resolve("formats/rgb.png"));
    Bytes half = Bytes.copyOf(Arrays.copyOf(full, full.length / 2));
    assertThatThrownBy(() -> OPENCV.decode(half))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECODE_FAILED));
  }

  private static Bytes read(String name) throws IOException {
    return Bytes.copyOf(Files.readAllBytes(RESOURCES.resolve(name)));
  }

  private static ImageData pixels(DecodedImage image) {
    return image.crop(new PixelRect(0, 0, image.width(), image.height()));
  }

  /**
   * OpenCV is the first reader of the standard router, which sizes its JPEG and PNG decodes whole.
   */
  @Test
  void openCvIsTheRoutersFirstReader_memorySizedForWholeDecodes() throws Exception {
    assertThat(OPENCV)
        .hasToString("ImageDecoder[applyExifOrientation=false, maxPixels=25000000, first=OpenCV]");
    Path photo = photos().findFirst().orElseThrow();
    Bytes data = Bytes.copyOf(Files.readAllBytes(photo));
    RegionHint corner = (w, h) -> new PixelRect(0, 0, w / 4, h / 4);
    DecodedImage img = OPENCV.decode(data, corner);
    assertThat(img.decodedRegion()).isEqualTo(new PixelRect(0, 0, img.width(), img.height()));
    assertThat(OPENCV.decodedBytes(data, corner)).isEqualTo((long) img.width() * img.height() * 4);
    assertThat(JAVA.decodedBytes(data, corner)).isLessThan(OPENCV.decodedBytes(data, corner));
  }
}
