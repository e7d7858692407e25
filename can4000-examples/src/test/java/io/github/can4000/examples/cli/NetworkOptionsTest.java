package io.github.can4000.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Reason;
import io.github.can4000.Status;
import io.github.can4000.io.fixtures.LoopbackProxy;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.report.ReportRow;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * download on real networks: through a loopback proxy given by HTTP_PROXY (host names that resolve
 * only inside the proxy), NO_PROXY, proxy credentials that never show, and the early stop with exit
 * code 4 when no host is reachable.
 */
class NetworkOptionsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @TempDir Path tmp;

  /** The real fetcher and decoder, with {@code env} as the process environment. */
  private static Components withEnvironment(Map<String, String> env) {
    return new Components() {
      @Override
      public Fetcher fetcher(HttpFetchers.Builder configured) {
        return configured.build();
      }

      @Override
      public Decoder decoder(ImageDecoders.Builder configured) {
        return configured.build();
      }

      @Override
      public Map<String, String> environment() {
        return env;
      }
    };
  }

  @BeforeEach
  void stubs() throws Exception {
    wm.stubFor(
        get(urlPathMatching("/img/.*"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "image/jpeg")
                    .withBody(DownloadCommandTest.photo(0))));
  }

  /**
   * A manifest of {@code rows} rows over {@code hosts} hosts of *.can4000-test.invalid, which
   * resolve nowhere.
   */
  private Path manifest(int rows, int hosts) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      lines.add(
          i
              + " melanocyticnevus 0.5 0.5 0.5 0.5 http://h"
              + (i % hosts)
              + ".can4000-test.invalid/img/"
              + i
              + ".jpg");
    }
    return Files.write(tmp.resolve("manifest.csv"), lines);
  }

  private LoopbackProxy proxyFor(LoopbackProxy proxy, int hosts) {
    for (int h = 0; h < hosts; h++) {
      proxy.route("h" + h + ".can4000-test.invalid", wm.getPort());
    }
    return proxy;
  }

  private static List<ReportRow> report(Path out) throws Exception {
    return ReportCsv.read(out.resolve(ReportCsv.FILE_NAME));
  }

  @Test
  void hostsResolvingOnlyInTheProxy_downloadCompletely_throughHttpProxy_andNotWithNoProxy()
      throws Exception {
    Path manifest = manifest(12, 4);
    try (LoopbackProxy proxy = proxyFor(LoopbackProxy.open(), 4)) {
      Path out = tmp.resolve("via-proxy");
      Cli.Result r =
          Cli.run(
              withEnvironment(Map.of("HTTP_PROXY", proxy.url())),
              "download",
              "-q",
              "--manifest",
              manifest.toString(),
              "--out",
              out.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("12 rows: 12 written, 0 skipped, 0 failed");
      assertThat(report(out)).hasSize(12).allMatch(row -> row.status() == Status.WRITTEN);
      assertThat(proxy.requestLines()).hasSize(12);

      Path direct = tmp.resolve("no-proxy");
      Cli.Result d =
          Cli.run(
              withEnvironment(
                  Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", ".can4000-test.invalid")),
              "download",
              "-q",
              "--manifest",
              manifest.toString(),
              "--out",
              direct.toString());
      assertThat(d.code()).as(d.err()).isEqualTo(4);
      assertThat(report(direct)).hasSize(12).allMatch(row -> row.reason() == Reason.DNS);
      assertThat(d.err())
          .contains("no image host could be reached")
          .contains("HTTPS_PROXY")
          .contains("firewall");
      assertThat(proxy.requestLines()).hasSize(12);
    }
  }

  @Test
  void noHostReachable_stopsEarly_exits4_recordsEveryRow_andRetryFailedRetriesThem()
      throws Exception {
    Path manifest = manifest(200, 80);
    Path out = tmp.resolve("out");
    // 8 fetches (16 rows in flight), so that most rows come after the stop
    Cli.Result r =
        Cli.run(
            withEnvironment(Map.of()),
            "download",
            "-q",
            "--threads",
            "8",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(4);
    List<ReportRow> rows = report(out);
    assertThat(rows)
        .hasSize(200)
        .allMatch(row -> row.reason() == Reason.DNS || row.reason() == Reason.NO_NETWORK);
    assertThat(rows.stream().filter(row -> row.reason() == Reason.NO_NETWORK).count())
        .isGreaterThan(50);
    assertThat(r.err())
        .contains("the run stopped early")
        .contains("NO_NETWORK")
        .contains("--proxy URL")
        .contains("--retry-failed");

    try (LoopbackProxy proxy = proxyFor(LoopbackProxy.open(), 80)) {
      Cli.Result again =
          Cli.run(
              withEnvironment(Map.of("http_proxy", proxy.url())),
              "download",
              "-q",
              "--retry-failed",
              "--manifest",
              manifest.toString(),
              "--out",
              out.toString());
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(report(out)).hasSize(200).allMatch(row -> row.status() == Status.WRITTEN);
    }
  }

  @Test
  void deadProxy_exits4_andNamesTheProxyInsteadOfAdvisingOne() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String proxyUrl = "http://127.0.0.1:" + closedPort;
    Path out = tmp.resolve("out");
    Cli.Result r =
        Cli.run(
            withEnvironment(Map.of("HTTP_PROXY", proxyUrl, "HTTPS_PROXY", proxyUrl)),
            "download",
            "-q",
            "--manifest",
            manifest(60, 60).toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(4);
    assertThat(report(out)).hasSize(60);
    assertThat(r.err())
        .contains("Requests went through the proxy")
        .contains("127.0.0.1:" + closedPort)
        .contains("--no-proxy")
        .doesNotContain("the network needs a proxy");
  }

  @Test
  void noEarlyStop_triesEveryHost() throws Exception {
    Path manifest = manifest(120, 60);
    Path out = tmp.resolve("out");
    Cli.Result r =
        Cli.run(
            withEnvironment(Map.of()),
            "download",
            "-q",
            "--no-early-stop",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(4);
    assertThat(report(out)).hasSize(120).allMatch(row -> row.reason() == Reason.DNS);
    assertThat(r.err()).contains("no row could be fetched");
  }

  @Test
  void proxyCredentials_areUsed_andNeverPrintedOrWritten() throws Exception {
    Path manifest = manifest(3, 1);
    String secret = "S3cr3t-pw";
    try (LoopbackProxy proxy = proxyFor(LoopbackProxy.requiringAuth("ann", secret), 1)) {
      Path out = tmp.resolve("ok");
      Cli.Result ok =
          Cli.run(
              withEnvironment(Map.of()),
              "download",
              "--manifest",
              manifest.toString(),
              "--out",
              out.toString(),
              "--proxy",
              "http://ann:" + secret + "@127.0.0.1:" + proxy.port());
      assertThat(ok.code()).as(ok.err()).isZero();
      assertThat(ok.out()).contains("3 written");
      Path bad = tmp.resolve("bad");
      Cli.Result denied =
          Cli.run(
              withEnvironment(
                  Map.of(
                      "HTTPS_PROXY",
                      "http://ann:wrong-" + secret + "@127.0.0.1:" + proxy.port(),
                      "HTTP_PROXY",
                      "http://ann:wrong-" + secret + "@127.0.0.1:" + proxy.port())),
              "download",
              "--manifest",
              manifest.toString(),
              "--out",
              bad.toString());
      assertThat(report(bad))
          .hasSize(3)
          .allMatch(row -> row.reason() == Reason.HTTP_STATUS && row.httpStatus() == 407);
      for (Cli.Result r : List.of(ok, denied)) {
        assertThat(r.out() + r.err()).doesNotContain(secret);
      }
      for (Path dir : List.of(out, bad)) {
        for (String file :
            List.of(ReportCsv.FILE_NAME, io.github.can4000.io.lock.Lockfiles.FILE_NAME)) {
          Path f = dir.resolve(file);
          if (Files.exists(f)) {
            assertThat(Files.readString(f)).doesNotContain(secret);
          }
        }
      }
    }
  }

  @Test
  void proxyAndNoProxy_together_areAUsageError() throws Exception {
    Cli.Result r =
        Cli.run(
            withEnvironment(Map.of()),
            "download",
            "--manifest",
            manifest(1, 1).toString(),
            "--out",
            tmp.resolve("o").toString(),
            "--proxy",
            "http://127.0.0.1:1",
            "--no-proxy");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--proxy and --no-proxy");
    Cli.Result socks =
        Cli.run(
            withEnvironment(Map.of()),
            "download",
            "--manifest",
            manifest(1, 1).toString(),
            "--out",
            tmp.resolve("o").toString(),
            "--proxy",
            "socks5://u:hidden@127.0.0.1:1080");
    assertThat(socks.code()).isEqualTo(2);
    assertThat(socks.err()).contains("must be an http:// proxy").doesNotContain("hidden");
  }
}
