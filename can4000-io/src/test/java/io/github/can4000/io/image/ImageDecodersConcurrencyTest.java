package io.github.can4000.io.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.ImageData;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.Decoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One decoder used by several threads at once gives the single-threaded results. */
class ImageDecodersConcurrencyTest {
  private static final String[] FILES = {
    "photos/photo_000.jpg", "photos/photo_016.jpg", "photos/photo_024.jpg", "photos/photo_029.jpg",
    "photos/photo_031.jpg", "photos/photo_032.jpg", "photos/photo_034.jpg", "photos/photo_045.jpg",
    "formats/progressive.jpg", "formats/cmyk.jpg", "formats/gray.jpg", "formats/rgba.png",
    "formats/animated.gif", "formats/lossy.webp", "formats/lossless_alpha.webp", "formats/rgb.bmp"
  };

  @Test
  void fourThreadsDecodeAsOne() throws Exception {
    Decoder decoder = ImageDecoders.standard();
    List<Bytes> inputs = new ArrayList<>();
    List<ImageData> expected = new ArrayList<>();
    for (String file : FILES) {
      Bytes data = TestImages.bytes(file);
      inputs.add(data);
      expected.add(TestImages.pixels(decoder.decode(data)));
    }

    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<ImageData>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<ImageData> out = new ArrayList<>();
                  for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < inputs.size(); i++) {
                      // each thread walks the files from a different starting point
                      int k = (i + offset * 4) % inputs.size();
                      out.add(TestImages.pixels(decoder.decode(inputs.get(k))));
                    }
                  }
                  return out;
                }));
      }
      start.countDown();
      for (int t = 0; t < threads; t++) {
        List<ImageData> out = results.get(t).get(2, TimeUnit.MINUTES);
        for (int j = 0; j < out.size(); j++) {
          int k = (j % inputs.size() + t * 4) % inputs.size();
          assertThat(out.get(j)).as("thread %d, %s", t, FILES[k]).isEqualTo(expected.get(k));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
