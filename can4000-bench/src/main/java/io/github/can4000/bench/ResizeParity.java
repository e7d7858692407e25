package io.github.can4000.bench;

import io.github.can4000.ImageData;
import io.github.can4000.Normalization;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Compares {@link ImageData#resize} with OpenCV on crops of the bench corpus written by {@code
 * bench/resize_parity.py corpus CORPUS DIR}: each {@code NNNNN_crop.png} is resized to the size of
 * its {@code NNNNN_expect.png} and every value compared.
 *
 * <pre>{@code
 * java -cp can4000-bench/target/classes:$(cat can4000-bench/target/cp.txt) io.github.can4000.bench.ResizeParity DIR
 * }</pre>
 *
 * Prints one line per crop more than 1 grey level off, then {@code crops=N values=V exact=E
 * off_by_1=O far_crops=F max=M cpu_ms_per_resize=T cpu_ms_per_tensor=U} (thread CPU time of the
 * resize and of the ImageNet CHW conversion, averaged over the crops, JIT warm-up included).
 */
public final class ResizeParity {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ResizeParity() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<Path> crops;
    try (Stream<Path> files = Files.list(dir)) {
      crops =
          files
              .filter(p -> p.getFileName().toString().endsWith("_crop.png"))
              .sorted()
              .collect(Collectors.toList());
    }
    long values = 0;
    long exact = 0;
    long off1 = 0;
    int far = 0;
    int max = 0;
    long nanos = 0;
    long floatNanos = 0;
    for (Path crop : crops) {
      ImageData source = ImageData.of(ImageIO.read(crop.toFile()));
      ImageData want =
          ImageData.of(
              ImageIO.read(
                  crop.resolveSibling(crop.getFileName().toString().replace("_crop", "_expect"))
                      .toFile()));
      long t0 = CPU.getCurrentThreadCpuTime();
      ImageData got = source.resize(want.width(), want.height());
      long t1 = CPU.getCurrentThreadCpuTime();
      got.toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET);
      floatNanos += CPU.getCurrentThreadCpuTime() - t1;
      nanos += t1 - t0;
      byte[] a = got.toByteArray();
      byte[] b = want.toByteArray();
      int m = 0;
      for (int i = 0; i < a.length; i++) {
        int d = Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        m = Math.max(m, d);
        exact += d == 0 ? 1 : 0;
        off1 += d == 1 ? 1 : 0;
      }
      values += a.length;
      max = Math.max(max, m);
      if (m > 1) {
        far++;
        System.out.printf(
            "%s %dx%d -> %dx%d max %d%n",
            crop.getFileName(), source.width(), source.height(), want.width(), want.height(), m);
      }
    }
    System.out.printf(
        "crops=%d values=%d exact=%d off_by_1=%d far_crops=%d max=%d cpu_ms_per_resize=%.3f"
            + " cpu_ms_per_tensor=%.3f%n",
        crops.size(),
        values,
        exact,
        off1,
        far,
        max,
        crops.isEmpty() ? 0 : nanos / 1e6 / crops.size(),
        crops.isEmpty() ? 0 : floatNanos / 1e6 / crops.size());
  }
}
