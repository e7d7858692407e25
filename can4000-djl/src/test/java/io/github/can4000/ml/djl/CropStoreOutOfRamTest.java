package io.github.can4000.ml.djl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.fixtures.ClassImages;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Epochs beyond RAM: a child JVM with a 48 MiB heap loads 20,000 crops of 64 x 64 (246 MB as bytes,
 * 983 MB as floats) into a crop store and trains on them for two epochs with {@link CropDataset}.
 */
class CropStoreOutOfRamTest {
  private static final int ROWS = 20_000;
  private static final int SOURCES = 100;
  private static final int SIZE = 64;
  private static final long HEAP = 48L << 20;

  @Test
  void trainsOnCropsFarLargerThanTheHeap(@TempDir Path tmp) throws Exception {
    Path images = Files.createDirectories(tmp.resolve("images"));
    for (int i = 0; i < SOURCES; i++) {
      Files.write(images.resolve(i + ".png"), ClassImages.png(i % 2, i));
    }
    // rows of one source are adjacent, so the engine decodes each source a few times, not 200
    StringBuilder m = new StringBuilder();
    for (int r = 0; r < ROWS; r++) {
      int src = r / (ROWS / SOURCES);
      double w = 0.3 + 0.5 * ((r * 37) % 100) / 100.0;
      m.append(
          String.format(
              Locale.ROOT,
              "%d %s 0.5 0.5 %.3f %.3f %d.png%n",
              r,
              src % 2 == 0 ? "malignantmelanoma" : "nevus",
              w,
              0.9 - w / 2,
              src));
    }
    Path manifest = tmp.resolve("manifest.csv");
    Files.writeString(manifest, m);
    Path store = tmp.resolve("store");

    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + (HEAP >> 20) + "m",
                "-Dai.djl.offline=true",
                "-Dai.djl.default_engine=PyTorch",
                // one PyTorch thread: its OpenMP workers spin, which costs minutes on a busy 2-core
                // machine
                "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp",
                classPath(),
                OutOfRamTraining.class.getName(),
                images.toString(),
                manifest.toString(),
                store.toString(),
                String.valueOf(SIZE)));
    Path log = tmp.resolve("child.log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(
        out.lines().filter(l -> l.startsWith("store_s") || l.startsWith("crops=")).toList());
    assertThat(done).as("child finished within 5 minutes: %s", out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    Matcher r = Pattern.compile("crops=(\\d+) heap_max=(\\d+) loss=(\\S+)").matcher(out);
    assertThat(r.find()).as(out).isTrue();
    assertThat(Integer.parseInt(r.group(1))).isEqualTo(ROWS);
    long heapMax = Long.parseLong(r.group(2));
    assertThat(heapMax).isLessThanOrEqualTo(HEAP);
    assertThat(Float.parseFloat(r.group(3))).isFinite();
    long stored = storeBytes(store);
    assertThat(stored).isEqualTo((long) ROWS * SIZE * SIZE * 3);
    assertThat(stored).as("crop bytes vs heap cap").isGreaterThan(4 * heapMax);
  }

  private static long storeBytes(Path dir) throws IOException {
    long n = 0;
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().endsWith(".bin")) {
          n += Files.size(f);
        }
      }
    }
    return n;
  }

  /** This JVM's module path and class path, for the child's {@code -cp}. */
  private static String classPath() {
    String modules = System.getProperty("jdk.module.path", "");
    String classes = System.getProperty("java.class.path", "");
    return modules.isEmpty()
        ? classes
        : classes.isEmpty() ? modules : modules + File.pathSeparator + classes;
  }
}
