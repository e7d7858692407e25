package io.github.can4000.examples.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Box;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.EdgePolicy;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.Reason;
import io.github.can4000.RowResult;
import io.github.can4000.RunReport;
import io.github.can4000.Sink;
import io.github.can4000.Status;
import io.github.can4000.fixtures.RawServer;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.http.RetryPolicy;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.sink.Sinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline (real {@link HttpFetchers}, {@link ImageDecoders}, {@link Dataset} and folder
 * sink) against every real-world fault, served on loopback with short timeouts: each row ends with
 * the expected reason, within its deadline, and never disturbs a good row beside it.
 */
class PipelineFaultTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(
              wireMockConfig()
                  .dynamicPort()
                  .bindAddress("127.0.0.1")
                  .containerThreads(Faults.WIREMOCK_THREADS))
          .build();

  private static final Box BOX = new Box(0.5, 0.5, 0.5, 0.5);

  /** The worst case of one URL: every attempt times out, plus a Retry-After of 1 s and slack. */
  private static final Duration DEADLINE =
      Faults.ATTEMPT_TIMEOUT.multipliedBy(Faults.ATTEMPTS).plusSeconds(1).plusSeconds(3);

  private static RawServer hostile;

  @TempDir Path tmp;

  @BeforeAll
  static void startRawServer() throws IOException {
    hostile = RawServer.faults(Faults.png());
  }

  @AfterAll
  static void stopRawServer() throws IOException {
    hostile.close();
  }

  private static Dataset dataset(List<ManifestEntry> entries) {
    return Dataset.builder()
        .manifest(Manifest.of("faults", entries))
        .fetcher(
            HttpFetchers.builder()
                .connectTimeout(Faults.CONNECT_TIMEOUT)
                .readTimeout(Faults.READ_TIMEOUT)
                .attemptTimeout(Faults.ATTEMPT_TIMEOUT)
                .maxBodyBytes(Faults.MAX_BODY_BYTES)
                .retryPolicy(
                    RetryPolicy.exponentialBackoff(
                        Faults.ATTEMPTS,
                        Duration.ofMillis(10),
                        Duration.ofMillis(50),
                        Duration.ofSeconds(2)))
                // every fault lives on one loopback host here: remembering it as slow or dead
                // (tested in
                // HostHealthTest) would make each later fault end as the first one did
                .hostMemory(Duration.ZERO)
                .build())
        .decoder(ImageDecoders.standard())
        .cropper(Cropper.reference(EdgePolicy.CLAMP))
        .concurrency(8)
        .build();
  }

  private static void assertCounts(RunReport report, int rows) {
    assertThat(report.total()).isEqualTo(rows);
    assertThat(report.written() + report.skipped() + report.failed())
        .as(report.summary())
        .isEqualTo(rows);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  private static void assertValidPngsOnly(Path out) throws IOException {
    for (Path f : files(out)) {
      assertThat(f.getFileName().toString()).as(f.toString()).endsWith(".png");
      assertThat(ImageIO.read(f.toFile())).as(f.toString()).isNotNull();
    }
  }

  @TestFactory
  Stream<DynamicTest> eachFaultEndsWithItsReasonWithinTheDeadline() {
    List<Faults.Case> cases = Faults.stubAll(wm, hostile);
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      Path out =
                          tmp.resolve(
                              c.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
                      String good = wm.url("/good-" + out.getFileName() + ".jpg");
                      wm.stubFor(
                          get(good.substring(wm.baseUrl().length()))
                              .willReturn(aResponse().withStatus(200).withBody(Faults.photo(1))));
                      List<ManifestEntry> rows =
                          List.of(
                              ManifestEntry.of(1, "melanocyticnevus", BOX, c.url()),
                              ManifestEntry.of(2, "melanocyticnevus", BOX, good));
                      RunReport report;
                      try (Dataset d = dataset(rows);
                          Sink sink = Sinks.folder(out)) {
                        report =
                            assertTimeoutPreemptively(
                                DEADLINE,
                                () -> d.writeTo(sink),
                                c.name() + " ran past its deadline");
                      }
                      Outcome fault = report.outcomes().get(0);
                      assertThat(fault.reason())
                          .as(c.name() + ": " + fault.detail())
                          .isEqualTo(c.expected());
                      if (c.attempts() > 0) {
                        assertThat(fault.attempts())
                            .as(c.name() + " attempts")
                            .isEqualTo(c.attempts());
                      }
                      assertThat(report.outcomes().get(1).reason())
                          .as("the good row beside " + c.name())
                          .isEqualTo(Reason.WRITTEN);
                      assertCounts(report, 2);
                      assertThat(files(out)).hasSize(report.written());
                      assertValidPngsOnly(out);
                    }));
  }

  @Test
  void allFaultsTogetherThroughResults() throws IOException {
    List<Faults.Case> cases = Faults.stubAll(wm, hostile);
    List<ManifestEntry> rows = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      rows.add(ManifestEntry.of(i, "malignantmelanoma", BOX, cases.get(i).url()));
    }
    // all rows run at once (concurrency 8, more rows in flight): the whole run is still bounded by
    // about two rounds of the worst URL
    List<RowResult> results;
    try (Dataset d = dataset(rows)) {
      results =
          assertTimeoutPreemptively(
              DEADLINE.multipliedBy(2),
              () -> {
                try (Stream<RowResult> s = d.results()) {
                  return s.toList();
                }
              });
    }
    assertThat(results).hasSize(cases.size());
    for (int i = 0; i < cases.size(); i++) {
      Faults.Case c = cases.get(i);
      Outcome o = results.get(i).outcome();
      Reason expected = c.expected() == Reason.WRITTEN ? Reason.STREAMED : c.expected();
      assertThat(o.reason()).as(c.name() + ": " + o.detail()).isEqualTo(expected);
      assertThat(results.get(i).sample().isPresent()).isEqualTo(expected == Reason.STREAMED);
    }
    long streamed = results.stream().filter(r -> r.outcome().status() == Status.STREAMED).count();
    long skipped = results.stream().filter(r -> r.outcome().status() == Status.SKIPPED).count();
    long failed = results.stream().filter(r -> r.outcome().status() == Status.FAILED).count();
    assertThat(streamed + skipped + failed).isEqualTo(rows.size());
    assertThat(streamed)
        .isEqualTo(cases.stream().filter(c -> c.expected() == Reason.WRITTEN).count());
  }

  @Test
  void pathTraversalLabelsAreSkippedAndNothingIsWrittenOutside() throws IOException {
    wm.stubFor(get("/photo.jpg").willReturn(aResponse().withStatus(200).withBody(Faults.photo(2))));
    String url = wm.url("/photo.jpg");
    List<String> labels =
        List.of(
            "../evil",
            "..",
            "../../etc",
            "a/b",
            "/abs",
            "C:\\x",
            "x\\..\\y",
            "nul",
            "con.txt",
            "bad\u0000name",
            "trailing.",
            "melanocyticnevus");
    List<ManifestEntry> rows = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      rows.add(ManifestEntry.of(i, labels.get(i), BOX, url));
    }
    Path out = tmp.resolve("sandbox").resolve("out");
    RunReport report;
    try (Dataset d = dataset(rows);
        Sink sink = Sinks.folder(out)) {
      report = assertTimeoutPreemptively(DEADLINE, () -> d.writeTo(sink));
    }
    for (int i = 0; i < labels.size() - 1; i++) {
      assertThat(report.outcomes().get(i).reason()).as(labels.get(i)).isEqualTo(Reason.BAD_LABEL);
    }
    assertThat(report.outcomes().get(labels.size() - 1).reason()).isEqualTo(Reason.WRITTEN);
    assertCounts(report, labels.size());
    // the one file written is inside --out; nothing else exists anywhere under the temporary folder
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(p -> !p.startsWith(out)).toList())
          .containsExactlyInAnyOrder(tmp, tmp.resolve("sandbox"));
    }
    assertThat(files(out))
        .containsExactly(out.resolve("melanocyticnevus").resolve("00011_melanocyticnevus.png"));
    assertValidPngsOnly(out);
    // a label is checked before fetching: only the good row asked the server
    assertThat(wm.getAllServeEvents()).hasSize(1);
  }
}
