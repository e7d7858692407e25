package io.github.can4000.examples.cli;

import io.github.can4000.examples.bench.Benchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code can4000 bench ...}: runs {@link Benchmark} with the given options. */
@Command(name = "bench", versionProvider = Main.Version.class,
    description = {"Benchmarks the library end to end: --mode stream|download|stages --manifest FILE [--out DIR]",
        "[--decoder imageio|opencv] [--threads N] [--decode-threads N] [--in-flight N] [--parse-only].",
        "Prints rows/s, CPU seconds per row, peak heap, peak RSS and the per-stage split."})
final class BenchCommand implements Callable<Integer> {
  @Unmatched List<String> options = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Benchmark.main(options.toArray(String[]::new));
    return 0;
  }
}
