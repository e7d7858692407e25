package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Random;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every filter and strategy the encoder offers round-trips through ImageIO to identical pixels. */
class PngEncoderTest {

  @ParameterizedTest
  @CsvSource({"NONE,1", "NONE,3", "NONE,4", "SUB,1", "SUB,3", "SUB,4", "UP,1", "UP,3", "UP,4"})
  void encode_decodesToIdenticalPixels(PngEncoder.Filter filter, int channels) throws Exception {
    for (int strategy :
        new int[] {Deflater.DEFAULT_STRATEGY, Deflater.HUFFMAN_ONLY, Deflater.FILTERED}) {
      for (int[] size : new int[][] {{1, 1}, {1, 9}, {9, 1}, {57, 31}}) {
        int w = size[0];
        int h = size[1];
        byte[] px = new byte[w * h * channels];
        Random rnd = new Random(w * 31 + h + channels);
        for (int i = 0; i < px.length; i++) {
          // half noise, half smooth gradient, so both literal and repeated data are covered
          px[i] = (byte) (i % 2 == 0 ? rnd.nextInt(256) : i / channels);
        }
        ImageData original = ImageData.of(w, h, channels, px);
        byte[] png = new PngEncoder(1, filter, strategy).encode(w, h, channels, px);
        ImageData back = ImageData.of(ImageIO.read(new ByteArrayInputStream(png)));
        assertThat(back)
            .as("%s %d channels strategy %d %dx%d", filter, channels, strategy, w, h)
            .isEqualTo(original);
      }
    }
  }

  @Test
  void subtract_eightBytesAtATime_equalsTheByteLoop_forEveryLengthAndOffset() {
    Random rnd = new Random(7);
    byte[] a = new byte[80];
    byte[] b = new byte[80];
    rnd.nextBytes(a);
    rnd.nextBytes(b);
    // the extremes, where a borrow would cross into the next byte
    a[3] = 0;
    b[3] = (byte) 0xFF;
    a[4] = (byte) 0x80;
    b[4] = 0x7F;
    a[5] = 0x7F;
    b[5] = (byte) 0x80;
    for (int n = 0; n <= 40; n++) {
      for (int off = 0; off < 9; off++) {
        byte[] expected = new byte[n + 1];
        byte[] actual = new byte[n + 1];
        for (int i = 0; i < n; i++) {
          expected[i + 1] = (byte) (a[off + i] - b[off + 3 + i]);
        }
        PngEncoder.subtract(a, off, b, off + 3, actual, 1, n);
        assertThat(actual).as("n=%d off=%d", n, off).isEqualTo(expected);
      }
    }
  }
}
