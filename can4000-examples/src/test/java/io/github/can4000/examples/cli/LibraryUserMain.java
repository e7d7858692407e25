package io.github.can4000.examples.cli;

import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.RunReport;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.http.RetryPolicy;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.sink.Sinks;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a library user writes, with the library's defaults and none of the command line's code:
 * {@code LibraryUserMain MANIFEST OUT DECODE_THREADS [short]}. {@code short} sets the fault suite's
 * short timeouts (as {@code Faults.SHORT_TIMEOUTS} does for the command line).
 */
public final class LibraryUserMain {
  private LibraryUserMain() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[1]);
    HttpFetchers.Builder http = HttpFetchers.builder();
    if (args.length > 3 && args[3].equals("short")) {
      http.connectTimeout(Duration.ofMillis(500))
          .readTimeout(Duration.ofSeconds(1))
          .attemptTimeout(Duration.ofMillis(1500))
          .retryPolicy(RetryPolicy.retries(2))
          .maxBodyBytes(1 << 20);
    }
    try (Dataset dataset =
        Dataset.builder()
            .manifest(Manifest.parse(Path.of(args[0])))
            .fetcher(http.build())
            .decoder(ImageDecoders.standard())
            .decodeThreads(Integer.parseInt(args[2]))
            .build()) {
      RunReport report = dataset.writeTo(Sinks.folder(out));
      ReportCsv.write(out.resolve(ReportCsv.FILE_NAME), report.outcomes());
    }
  }
}
