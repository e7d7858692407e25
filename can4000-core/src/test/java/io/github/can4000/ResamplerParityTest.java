package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageData#resize} against OpenCV 4.6's {@code cv2.resize}: {@code INTER_AREA} when
 * shrinking, {@code INTER_LINEAR} when enlarging, {@code INTER_AREA} when one side shrinks and the
 * other grows (as {@code reference_tensors.py} calls it), on a real photo region in RGB and grey.
 * The expected images in {@code src/test/resources/resize} were made by {@code
 * bench/resize_parity.py fixtures}, so this test needs no Python.
 */
class ResamplerParityTest {
  private static final Path DIR = Path.of("src", "test", "resources", "resize");
  private static final Pattern EXPECTED =
      Pattern.compile("(.+)_(area|linear|mixed)_(\\d+)x(\\d+)\\.png");

  @Test
  void everyValueIsWithinOneGreyLevelOfOpenCv() throws IOException {
    List<Path> expected;
    try (Stream<Path> files = Files.list(DIR)) {
      expected =
          files
              .filter(p -> EXPECTED.matcher(p.getFileName().toString()).matches())
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(18);
    long values = 0;
    long exact = 0;
    for (Path p : expected) {
      Matcher m = EXPECTED.matcher(p.getFileName().toString());
      assertThat(m.matches()).isTrue();
      ImageData source = read(DIR.resolve(m.group(1) + ".png"));
      ImageData want = read(p);
      int w = Integer.parseInt(m.group(3));
      int h = Integer.parseInt(m.group(4));
      boolean shrink = w <= source.width() && h <= source.height();
      boolean enlarge = w >= source.width() && h >= source.height();
      assertThat(m.group(2))
          .as(p.toString())
          .isEqualTo(shrink ? "area" : enlarge ? "linear" : "mixed");
      ImageData got = source.resize(w, h);
      assertThat(got.channels()).isEqualTo(want.channels());
      byte[] a = got.toByteArray();
      byte[] b = want.toByteArray();
      int max = 0;
      for (int i = 0; i < a.length; i++) {
        int d = Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        max = Math.max(max, d);
        exact += d == 0 ? 1 : 0;
      }
      values += a.length;
      assertThat(max)
          .as("largest difference from OpenCV in %s", p.getFileName())
          .isLessThanOrEqualTo(1);
    }
    // OpenCV's INTER_LINEAR works in 11-bit fixed point, this resampler in float: about 9 in 10
    // values are identical, the rest 1 apart
    assertThat((double) exact / values)
        .as("share of values identical to OpenCV's")
        .isGreaterThan(0.85);
  }

  private static ImageData read(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return ImageData.of(ImageIO.read(in));
    }
  }
}
