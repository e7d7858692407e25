package io.github.can4000.bench;

import io.github.can4000.Box;
import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.RegionHint;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Per-image stage costs in thread CPU time, which, unlike wall time, stays meaningful on a machine
 * loaded by other work: decode per decoder, crop, and PNG encode per filter/level/strategy. Run
 * with {@code Benchmark --mode stages --corpus DIR [--decoder imageio,opencv] [--files jpg]}.
 */
final class StageCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Box BOX = new Box(0.5, 0.5, 0.6, 0.8);

  private StageCpu() {}

  static void run(
      Path dir, String suffix, int max, List<String> decoders, List<String> pngs, int rounds)
      throws Exception {
    List<Bytes> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p :
          files.filter(f -> f.toString().endsWith("." + suffix)).sorted().limit(max).toList()) {
        sources.add(Bytes.copyOf(Files.readAllBytes(p)));
      }
    }
    if (sources.isEmpty()) {
      throw new IOException("no *." + suffix + " in " + dir);
    }
    DecodedImage[] decoded = new DecodedImage[sources.size()];
    for (String name : decoders) {
      boolean region = name.endsWith("-region");
      Decoder dec =
          Benchmark.decoder(region ? name.substring(0, name.length() - "-region".length()) : name);
      RegionHint hint = (w, h) -> BOX.toPixels(w, h).clampTo(w, h);
      double best = Double.MAX_VALUE;
      long mp = 0;
      for (int r = 0; r < rounds + 2; r++) {
        long t = THREADS.getCurrentThreadCpuTime();
        mp = 0;
        for (int i = 0; i < sources.size(); i++) {
          decoded[i] = region ? dec.decode(sources.get(i), hint) : dec.decode(sources.get(i));
          mp += (long) decoded[i].width() * decoded[i].height();
        }
        double s = (THREADS.getCurrentThreadCpuTime() - t) / 1e9;
        if (r >= 2) {
          best = Math.min(best, s);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "decode %-8s %3d %s files, %6.1f MP: %6.3f cpu-s, %6.1f MP/s per core, %5.2f ms/image%n",
          name,
          sources.size(),
          suffix,
          mp / 1e6,
          best,
          mp / 1e6 / best,
          1000 * best / sources.size());
    }
    ImageData[] crops = new ImageData[decoded.length];
    double cropBest = Double.MAX_VALUE;
    long cropPx = 0;
    for (int r = 0; r < rounds + 2; r++) {
      long t = THREADS.getCurrentThreadCpuTime();
      cropPx = 0;
      for (int i = 0; i < decoded.length; i++) {
        PixelRect rect =
            BOX.toPixels(decoded[i].width(), decoded[i].height())
                .clampTo(decoded[i].width(), decoded[i].height());
        crops[i] = decoded[i].crop(rect);
        cropPx += (long) rect.width() * rect.height();
      }
      double s = (THREADS.getCurrentThreadCpuTime() - t) / 1e9;
      if (r >= 2) {
        cropBest = Math.min(cropBest, s);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "crop              %6.1f MP: %6.3f cpu-s, %6.1f MP/s, %5.2f ms/crop%n",
        cropPx / 1e6,
        cropBest,
        cropPx / 1e6 / cropBest,
        1000 * cropBest / crops.length);
    long rawBytes = 0;
    byte[][] px = new byte[crops.length][];
    for (int i = 0; i < crops.length; i++) {
      px[i] = crops[i].toByteArray();
      rawBytes += px[i].length;
    }
    for (String spec : pngs) {
      PngVariant variant = spec.equals("core") ? null : PngVariant.parse(spec);
      double best = Double.MAX_VALUE;
      long bytes = 0;
      for (int r = 0; r < rounds + 2; r++) {
        long t = THREADS.getCurrentThreadCpuTime();
        bytes = 0;
        for (int i = 0; i < crops.length; i++) {
          bytes +=
              variant == null
                  ? crops[i].toPng().length
                  : variant.encode(crops[i].width(), crops[i].height(), crops[i].channels(), px[i])
                      .length;
        }
        double s = (THREADS.getCurrentThreadCpuTime() - t) / 1e9;
        if (r >= 2) {
          best = Math.min(best, s);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "encode %-14s %6.3f cpu-s, %6.1f MB/s raw, %5.2f ms/crop, size %.1f%% of raw%n",
          spec,
          best,
          rawBytes / 1e6 / best,
          1000 * best / crops.length,
          100.0 * bytes / rawBytes);
    }
  }
}
