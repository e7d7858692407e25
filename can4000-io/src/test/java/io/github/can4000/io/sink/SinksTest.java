package io.github.can4000.io.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.ImageData;
import io.github.can4000.ManifestEntry;
import io.github.can4000.PixelRect;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinksTest {
  @TempDir Path tmp;

  static Sample sample(int id, String label, int w, int h) {
    byte[] px = new byte[w * h * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 31 + id);
    }
    ManifestEntry e =
        ManifestEntry.of(
            id, label, new Box(0.5, 0.5, 0.5, 0.5), "http://example.com/" + id + ".jpg");
    return new Sample(
        e, w * 2, h * 2, new PixelRect(0, 0, w, h), Set.of(), ImageData.of(w, h, 3, px));
  }

  private List<Path> allFiles() throws IOException {
    try (Stream<Path> s = Files.walk(tmp)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void writesOriginalLayoutWithSamePixels() throws Exception {
    Path out = tmp.resolve("out");
    Sample s = sample(42, "malignantmelanoma", 7, 5);
    try (Sink sink = Sinks.folder(out)) {
      assertThat(sink.contains(s.entry())).isFalse();
      sink.write(s);
      assertThat(sink.contains(s.entry())).isTrue();
    }
    Path file = out.resolve("malignantmelanoma").resolve("00042_malignantmelanoma.png");
    assertThat(file).isRegularFile();
    BufferedImage img = ImageIO.read(file.toFile());
    assertThat(img.getWidth()).isEqualTo(7);
    assertThat(img.getHeight()).isEqualTo(5);
    BufferedImage expected = s.toBufferedImage();
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 7; x++) {
        assertThat(img.getRGB(x, y)).isEqualTo(expected.getRGB(x, y));
      }
    }
    assertThat(allFiles()).containsExactly(file);
  }

  @Test
  void containsSeesFilesOfAnEarlierRun() throws Exception {
    Sample s = sample(3, "melanocyticnevus", 2, 2);
    Sinks.folder(tmp).write(s);
    assertThat(Sinks.folder(tmp).contains(s.entry())).isTrue();
    assertThat(Sinks.folder(tmp).contains(sample(4, "melanocyticnevus", 2, 2).entry())).isFalse();
  }

  @Test
  void failingWriteLeavesNoTemporaryFile() throws Exception {
    Sink sink = Sinks.folder(tmp);
    // the label directory is a file: nothing can be created in it
    Files.writeString(tmp.resolve("blocked"), "x");
    assertThatThrownBy(() -> sink.write(sample(1, "blocked", 2, 2)))
        .isInstanceOf(IOException.class);
    // the final name is a non-empty directory: the move fails after the temporary file was written
    Path target = tmp.resolve("nevus").resolve("00002_nevus.png");
    Files.createDirectories(target.resolve("inside"));
    assertThatThrownBy(() -> sink.write(sample(2, "nevus", 2, 2))).isInstanceOf(IOException.class);
    assertThat(allFiles()).containsExactly(tmp.resolve("blocked"));
    try (Stream<Path> s = Files.walk(tmp)) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void removesStaleTemporaryFilesOnOpen() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("nevus"));
    Files.writeString(dir.resolve(".00001_nevus-123.tmp"), "partial");
    Files.writeString(dir.resolve("00000_nevus.png"), "kept");
    Sinks.folder(tmp);
    assertThat(allFiles()).containsExactly(dir.resolve("00000_nevus.png"));
  }

  @Test
  void concurrentWritesFromEightThreads() throws Exception {
    Sink sink = Sinks.folder(tmp);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Sample s = sample(i, i % 2 == 0 ? "even" : "odd", 3, 3);
        futures.add(
            pool.submit(
                () -> {
                  sink.write(s);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(allFiles()).hasSize(200);
    assertThat(tmp.resolve("even").resolve("00198_even.png")).isRegularFile();
    assertThat(tmp.resolve("odd").resolve("00199_odd.png")).isRegularFile();
  }

  @Test
  void refusesTraversalAndUnsafeLabels() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Sink sink = Sinks.folder(out);
    for (String label : List.of("../evil", "..", "a/b", "a\\b", "/abs", "CON", "", "x.")) {
      Sample s = sample(1, label, 2, 2);
      assertThatThrownBy(() -> sink.write(s)).as(label).isInstanceOf(IOException.class);
      assertThat(sink.contains(s.entry())).isFalse();
    }
    assertThat(allFiles()).isEmpty();
  }

  @Test
  void refusesAnOutputPathThatIsAFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(() -> Sinks.folder(file)).hasMessageContaining("file");
  }
}
