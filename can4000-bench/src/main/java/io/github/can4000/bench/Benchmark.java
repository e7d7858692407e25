package io.github.can4000.bench;

import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.DatasetBuilder;
import io.github.can4000.Manifest;
import io.github.can4000.RunReport;
import io.github.can4000.Sample;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.Decoder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * End-to-end benchmark of the library: streams a manifest ({@code --mode stream}, no files) or
 * writes its crops as PNGs ({@code --mode download}), then prints rows/s, CPU seconds per row, peak
 * heap, peak RSS and the per-stage split (fetch, decode, crop, encode, write).
 *
 * <pre>
 * java -cp can4000.jar io.github.can4000.bench.Benchmark --mode stream --manifest m.csv
 * java -cp can4000.jar io.github.can4000.bench.Benchmark --mode download --manifest m.csv --out dir
 * </pre>
 *
 * <p>Options: {@code --threads N} (fetch concurrency, default 8), {@code --decode-threads N}
 * (default: processors), {@code --in-flight N} (default: twice the fetch concurrency), {@code
 * --decoder imageio|opencv} (default imageio), {@code --parse-only} (time manifest parsing).
 */
public final class Benchmark {
  private Benchmark() {}

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    String mode = "stream";
    Path manifestFile = null;
    Path out = null;
    int threads = -1;
    int decodeThreads = -1;
    int inFlight = -1;
    String decoderName = "imageio";
    boolean parseOnly = false;
    Path corpus = Path.of("/tmp/can-bench/corpus");
    String files = "jpg";
    int count = 60;
    String pngs = "core,up-1,sub-1,paeth-1,up-1-huff,sub-1-huff,paeth-1-huff,up-1-filtered,none-1";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mode" -> mode = args[++i];
        case "--manifest" -> manifestFile = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--decode-threads" -> decodeThreads = Integer.parseInt(args[++i]);
        case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
        case "--decoder" -> decoderName = args[++i];
        case "--parse-only" -> parseOnly = true;
        case "--corpus" -> corpus = Path.of(args[++i]);
        case "--files" -> files = args[++i];
        case "--count" -> count = Integer.parseInt(args[++i]);
        case "--png" -> pngs = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (mode.equals("stages")) {
      StageCpu.run(
          corpus, files, count, List.of(decoderName.split(",")), List.of(pngs.split(",")), 3);
      return;
    }
    if (manifestFile == null) {
      throw new IllegalArgumentException("--manifest FILE is required");
    }
    long t0 = System.nanoTime();
    Manifest manifest = Manifest.parse(manifestFile);
    double parseSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "parse: %d rows in %.3f s%n", manifest.size(), parseSeconds);
    if (parseOnly) {
      return;
    }
    Timed timed = new Timed();
    DatasetBuilder builder =
        Dataset.builder()
            .manifest(manifest)
            .fetcher(timed.fetcher(HttpFetchers.create()))
            .decoder(timed.decoder(decoder(decoderName)))
            .cropper(timed.cropper(Cropper.reference()));
    if (threads > 0) {
      builder.concurrency(threads);
    }
    if (decodeThreads > 0) {
      builder.decodeThreads(decodeThreads);
    }
    if (inFlight > 0) {
      builder.maxRowsInFlight(inFlight);
    }
    double cpu0 = cpuSeconds();
    long start = System.nanoTime();
    long ok;
    try (Dataset dataset = builder.build()) {
      if (mode.equals("download")) {
        if (out == null) {
          throw new IllegalArgumentException("--out DIR is required for --mode download");
        }
        Files.createDirectories(out);
        RunReport report = dataset.writeTo(timed.folder(out));
        ok = report.written();
        System.out.println(report.summary() + " " + report.reasons());
      } else if (mode.equals("stream")) {
        AtomicLong checksum = new AtomicLong();
        long n = 0;
        try (Stream<Sample> samples = dataset.stream()) {
          for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
            Sample s = it.next();
            checksum.addAndGet(s.image().get(0, 0, 0));
            n++;
          }
        }
        ok = n;
        System.out.println("streamed " + n + " samples, checksum " + checksum.get());
      } else {
        throw new IllegalArgumentException("--mode must be stream or download: " + mode);
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = cpuSeconds() - cpu0;
    int rows = manifest.size();
    System.out.printf(
        Locale.ROOT,
        "%s: %d rows (%d ok) in %.2f s = %.1f rows/s, cpu %.2f s (%.1f ms/row, %.0f%%), peak heap %d MiB,"
            + " peak RSS %d MiB, decoder %s%n",
        mode,
        rows,
        ok,
        wall,
        rows / wall,
        cpu,
        1000 * cpu / rows,
        100 * cpu / wall,
        peakHeapMiB(),
        peakRssMiB(),
        decoderName);
    StringBuilder sb = new StringBuilder("stages (thread-seconds summed over threads):");
    for (StageTimer s : timed.all()) {
      if (s.calls() > 0) {
        sb.append(
            String.format(
                Locale.ROOT,
                " %s %.2f s/%d (%.2f ms each)",
                s.name(),
                s.seconds(),
                s.calls(),
                1000 * s.seconds() / s.calls()));
      }
    }
    System.out.println(sb);
    if (timed.decode.calls() > 0) {
      System.out.printf(
          Locale.ROOT,
          "decode: %.1f MP of sources, %.1f MP/s per decode thread%n",
          timed.sourcePixels.get() / 1e6,
          timed.sourcePixels.get() / 1e6 / timed.decode.seconds());
    }
  }

  static Decoder decoder(String name) throws ReflectiveOperationException {
    return switch (name) {
      case "imageio" -> ImageDecoders.standard();
      case "opencv" ->
          (Decoder)
              Class.forName("io.github.can4000.opencv.OpenCvDecoders")
                  .getMethod("create")
                  .invoke(null);
      default -> throw new IllegalArgumentException("--decoder must be imageio or opencv: " + name);
    };
  }

  static double cpuSeconds() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L)
        / 1e9;
  }

  static long peakHeapMiB() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }

  /** Returns VmHWM of /proc/self/status in MiB, or -1 where there is no such file. */
  static long peakRssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
