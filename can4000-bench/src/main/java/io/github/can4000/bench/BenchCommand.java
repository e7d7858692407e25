package io.github.can4000.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code can4000 bench ...}: runs {@link Benchmark} with the given options. It lives in
 * can4000-bench, outside the command line jar; {@code bin/can4000} adds it to the class path when
 * it is built, and the command line finds it through {@code META-INF/can4000/commands}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks the library end to end: --mode stream|download|stages --manifest FILE [--out DIR]",
      "[--decoder imageio|opencv] [--threads N] [--decode-threads N] [--in-flight N] [--parse-only];",
      "or the bundled manifest against a simulated web on loopback: --mode simweb --out DIR "
          + "[--reference bench/reference_timeout.py] [--user-agent browser] [--threads N].",
      "Prints rows/s, CPU seconds per row, peak heap, peak RSS and the per-stage split."
    },
    footer = {
      "%nExamples:",
      "  can4000 bench --mode stream --manifest bench.csv",
      "  can4000 bench --mode download --manifest bench.csv --out /tmp/bench-out --threads 8",
      "  can4000 bench --mode stages --files jpg --count 60"
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Unmatched List<String> options = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    // the options are Benchmark's own, so picocli hands --help over with them
    if (options.contains("--help") || options.contains("-h")) {
      CommandLine cl = spec.commandLine();
      cl.usage(cl.getOut());
      return 0;
    }
    int mode = options.indexOf("--mode");
    boolean simweb =
        mode >= 0 && mode + 1 < options.size() && options.get(mode + 1).equals("simweb");
    try {
      if (simweb) {
        SimulatedWeb.main(options.toArray(String[]::new));
      } else {
        Benchmark.main(options.toArray(String[]::new));
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new ParameterException(
          spec.commandLine(),
          e instanceof ArrayIndexOutOfBoundsException
              ? "an option lacks its value: " + options
              : e.getMessage(),
          e);
    }
    return 0;
  }
}
