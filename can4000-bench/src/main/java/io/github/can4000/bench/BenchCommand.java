package io.github.can4000.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code can4000 bench ...}: runs {@link Benchmark} with the given options. It lives in
 * can4000-bench, outside the command line jar; {@code bin/can4000} adds it to the class path when it
 * is built, and the command line finds it through {@code META-INF/can4000/commands}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks the library end to end: --mode stream|download|stages --manifest FILE [--out DIR]",
        "or the bundled manifest against a simulated web on loopback: --mode simweb --out DIR "
            + "[--reference bench/reference_timeout.py] [--user-agent browser] [--threads N].",
        "[--decoder imageio|opencv] [--threads N] [--decode-threads N] [--in-flight N] [--parse-only].",
        "Prints rows/s, CPU seconds per row, peak heap, peak RSS and the per-stage split."})
public final class BenchCommand implements Callable<Integer> {
  @Unmatched List<String> options = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    int mode = options.indexOf("--mode");
    if (mode >= 0 && mode + 1 < options.size() && options.get(mode + 1).equals("simweb")) {
      SimulatedWeb.main(options.toArray(String[]::new));
    } else {
      Benchmark.main(options.toArray(String[]::new));
    }
    return 0;
  }
}
