package io.github.can4000.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Reason;
import io.github.can4000.examples.faults.Faults;
import io.github.can4000.io.lock.Lockfiles;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.report.ReportRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code download --retry-failed} after a server recovered: only transient failures are fetched
 * again.
 */
class RetryFailedTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(
              wireMockConfig()
                  .dynamicPort()
                  .bindAddress("127.0.0.1")
                  .containerThreads(Faults.WIREMOCK_THREADS))
          .build();

  @TempDir Path tmp;

  @Test
  void secondRunRetriesOnlyTransientFailuresAndMergesTheReport() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/good.jpg"))
            .willReturn(aResponse().withStatus(200).withBody(Faults.photo(0))));
    wm.stubFor(
        get(urlEqualTo("/busy.jpg")).willReturn(aResponse().withStatus(503).withBody("busy")));
    wm.stubFor(
        get(urlEqualTo("/page.jpg"))
            .willReturn(aResponse().withStatus(200).withBody("<html>moved</html>")));
    wm.stubFor(
        get(urlEqualTo("/reset.jpg"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    List<String> lines =
        List.of(
            "0 melanocyticnevus 0.5 0.5 0.5 0.5 " + wm.url("/good.jpg"),
            "1 melanocyticnevus 0.5 0.5 0.5 0.5 " + wm.url("/busy.jpg"),
            "2 malignantmelanoma 0.5 0.5 0.5 0.5 " + wm.url("/page.jpg"),
            "3 malignantmelanoma 0.5 0.5 0.5 0.5 " + wm.url("/reset.jpg"),
            "4 ../evil 0.5 0.5 0.5 0.5 " + wm.url("/good.jpg"));
    Path manifest = Files.write(tmp.resolve("manifest.csv"), lines);
    Path out = tmp.resolve("out");
    List<String> args =
        new ArrayList<>(
            List.of(
                "download", "--manifest", manifest.toString(), "--out", out.toString(), "--quiet"));
    args.addAll(Faults.SHORT_TIMEOUTS);

    Cli.Result first = Cli.run(DownloadCommandTest.components(), args.toArray(String[]::new));
    assertThat(first.code()).as(first.err()).isZero();
    List<ReportRow> firstReport = ReportCsv.read(out.resolve(ReportCsv.FILE_NAME));
    assertThat(firstReport)
        .extracting(ReportRow::reason)
        .containsExactly(
            Reason.WRITTEN,
            Reason.HTTP_STATUS,
            Reason.NOT_AN_IMAGE,
            Reason.CONNECT,
            Reason.BAD_LABEL);
    assertThat(firstReport.get(1).httpStatus()).isEqualTo(503);
    assertThat(firstReport.get(1).attempts()).isEqualTo(Faults.ATTEMPTS);

    // the servers recover; the HTML page now is an image, but NOT_AN_IMAGE is not retried
    wm.stubFor(
        get(urlEqualTo("/busy.jpg"))
            .willReturn(aResponse().withStatus(200).withBody(Faults.photo(1))));
    wm.stubFor(
        get(urlEqualTo("/reset.jpg"))
            .willReturn(aResponse().withStatus(200).withBody(Faults.photo(2))));
    wm.stubFor(
        get(urlEqualTo("/page.jpg"))
            .willReturn(aResponse().withStatus(200).withBody(Faults.photo(2))));
    wm.resetRequests();
    args.add("--retry-failed");
    Cli.Result second = Cli.run(DownloadCommandTest.components(), args.toArray(String[]::new));
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).contains("2 rows not retried");
    wm.verify(1, getRequestedFor(urlEqualTo("/busy.jpg")));
    wm.verify(1, getRequestedFor(urlEqualTo("/reset.jpg")));
    wm.verify(0, getRequestedFor(urlEqualTo("/page.jpg")));
    wm.verify(0, getRequestedFor(urlEqualTo("/good.jpg")));

    List<ReportRow> merged = ReportCsv.read(out.resolve(ReportCsv.FILE_NAME));
    assertThat(merged).extracting(ReportRow::no).containsExactly(0, 1, 2, 3, 4);
    assertThat(merged)
        .extracting(ReportRow::reason)
        .containsExactly(
            Reason.ALREADY_PRESENT,
            Reason.WRITTEN,
            Reason.NOT_AN_IMAGE,
            Reason.WRITTEN,
            Reason.BAD_LABEL);
    // kept rows are the earlier report's rows, unchanged
    assertThat(merged.get(2)).isEqualTo(firstReport.get(2));
    assertThat(merged.get(4)).isEqualTo(firstReport.get(4));
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile))
          .containsExactlyInAnyOrder(
              out.resolve("melanocyticnevus/00000_melanocyticnevus.png"),
              out.resolve("melanocyticnevus/00001_melanocyticnevus.png"),
              out.resolve("malignantmelanoma/00003_malignantmelanoma.png"),
              out.resolve(ReportCsv.FILE_NAME),
              out.resolve(Lockfiles.FILE_NAME),
              out.resolve(RunRecord.FILE_NAME));
    }
  }
}
