package io.github.can4000.examples.cli;

import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.EdgePolicy;
import io.github.can4000.Manifest;
import io.github.can4000.Reason;
import io.github.can4000.RunReport;
import io.github.can4000.Sink;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.sink.Sinks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code download}: fetches every manifest row, crops its box and writes
 * {@code <out>/<label>/<no>_<label>.png} plus {@code <out>/_report.csv}, like the original
 * {@code download.py}. Rows already written by an earlier run are not fetched again.
 */
@Command(name = "download", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {
      "Fetch every manifest row, crop its box and write <out>/<label>/<no>_<label>.png "
          + "and <out>/_report.csv (one row per manifest row).",
      "Rows whose file already exists are not fetched again. Exits 0 when the run completed, "
          + "even if some rows failed."
    })
final class DownloadCommand implements Callable<Integer> {
  private static final int MAX_THREADS = 1024;
  private static final int MAX_DECODE_THREADS = 256;
  /** Exit code after Ctrl-C, as shells use for SIGINT. */
  private static final int INTERRUPTED = 130;

  @Mixin ManifestOptions manifestOptions;
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
  Path out;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
      description = "Fetches at once (default: ${DEFAULT-VALUE}, as the original).")
  int threads;

  @Option(names = "--decode-threads", paramLabel = "N",
      description = "Threads that decode, crop and encode (default: the number of processors).")
  Integer decodeThreads;

  @Option(names = "--edge", paramLabel = "clamp|skip", defaultValue = "clamp",
      description = "Boxes crossing an image edge: clamp to the image (default) or skip the row.")
  EdgePolicy edge;

  @Option(names = {"-q", "--quiet"}, description = "Print no progress, only the summary line.")
  boolean quiet;

  @Option(names = "--retry-failed",
      description = "Use <out>/_report.csv of an earlier run: do not retry rows that failed for a lasting "
          + "reason (not an image, bad box, ...), retry the others.")
  boolean retryFailed;

  private final Components components;

  /** Creates the command with the real fetcher and decoder. */
  DownloadCommand() {
    this(StandardComponents.INSTANCE);
  }

  /** Creates the command with the given components (tests). */
  DownloadCommand(Components components) {
    this.components = components;
  }

  /**
   * Runs the download; returns 0 when the run completed. On Ctrl-C the rows in progress are
   * cancelled and the report is still written, so a later run resumes where this one stopped.
   */
  @Override
  public Integer call() throws IOException {
    checkArguments();
    Manifest manifest = manifestOptions.load();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    ProgressPrinter progress = ProgressPrinter.forConsole(stderr);
    Path reportFile = out.resolve(ReportCsv.FILE_NAME);
    RetrySelection retry = retryFailed ? RetrySelection.read(reportFile) : null;
    Manifest toRun = retry == null ? manifest : retry.toRun(manifest);
    RunReport report;
    boolean interrupted;
    try (CtrlC ctrlC = CtrlC.interruptThisThread()) {
      try (Dataset dataset = build(toRun, progress); Sink sink = openSink()) {
        report = dataset.writeTo(sink);
        interrupted = Thread.interrupted();
      }
      if (!quiet) {
        progress.finish();
      }
      if (retry == null) {
        ReportCsv.write(reportFile, report.outcomes());
      } else {
        ReportCsv.writeRows(reportFile, retry.merge(manifest, report.outcomes()));
      }
      if (!quiet && report.failed() + report.skipped() > 0) {
        stderr.println("reasons: " + reasons(report.reasons()));
        stderr.flush();
      }
      String kept = retry == null ? ""
          : " (" + retry.keptCount(manifest) + " rows not retried, kept from the earlier report)";
      stdout.println(report.summary() + kept + "; report: " + reportFile);
      stdout.flush();
    }
    if (interrupted || Thread.interrupted()) {
      stderr.println("interrupted: rows in progress were cancelled; run again to resume");
      stderr.flush();
      return INTERRUPTED;
    }
    return 0;
  }

  private void checkArguments() {
    if (threads < 1 || threads > MAX_THREADS) {
      throw new UsageException("--threads must be between 1 and " + MAX_THREADS + ": " + threads);
    }
    if (decodeThreads != null && (decodeThreads < 1 || decodeThreads > MAX_DECODE_THREADS)) {
      throw new UsageException("--decode-threads must be between 1 and " + MAX_DECODE_THREADS + ": " + decodeThreads);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out " + out + " is an existing file, not a folder");
    }
  }

  private Sink openSink() {
    try {
      return Sinks.folder(out);
    } catch (UncheckedIOException e) {
      throw new UsageException("cannot use --out " + out + ": " + e.getCause(), e);
    }
  }

  private Dataset build(Manifest manifest, ProgressPrinter progress) {
    var builder = Dataset.builder()
        .manifest(manifest)
        .decoder(components.decoder())
        .fetcher(components.fetcher())
        .cropper(Cropper.reference(edge))
        .concurrency(threads);
    if (decodeThreads != null) {
      builder.decodeThreads(decodeThreads);
    }
    if (!quiet) {
      builder.listener(progress);
    }
    return builder.build();
  }

  private static String reasons(Map<Reason, Integer> counts) {
    StringJoiner j = new StringJoiner(", ");
    counts.forEach((r, n) -> {
      if (r != Reason.WRITTEN) {
        j.add(r + " " + n);
      }
    });
    return j.toString();
  }
}
