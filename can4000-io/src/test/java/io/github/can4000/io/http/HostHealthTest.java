package io.github.can4000.io.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Reason;
import io.github.can4000.fixtures.RawServer;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetcher;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one fetcher remembers about hosts: dead ones, slow ones, DNS answers, and a network that is
 * down.
 */
class HostHealthTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** Resolves *.alive.test to loopback, anything else fails; counts lookups. */
  private static final class CountingResolver implements HostResolver {
    final List<String> lookups = new CopyOnWriteArrayList<>();

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      lookups.add(host);
      if (host.endsWith(".alive.test")) {
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
      }
      throw new UnknownHostException(host + ": Name or service not known");
    }
  }

  private static FetchException fail(Fetcher f, String url) throws InterruptedException {
    try {
      f.fetch(url);
      throw new AssertionError("fetched " + url);
    } catch (FetchException e) {
      return e;
    }
  }

  @Test
  void aHostThatDoesNotResolve_isLookedUpOnce_andItsOtherRowsFailAtOnce() throws Exception {
    CountingResolver resolver = new CountingResolver();
    try (Fetcher f =
        HttpFetchers.builder().proxies(Proxies.none()).hostResolver(resolver).build()) {
      FetchException first = fail(f, "http://dead.example/a.jpg");
      assertThat(first.reason()).isEqualTo(Reason.DNS);
      assertThat(first.attempts()).isEqualTo(1);
      for (int i = 0; i < 5; i++) {
        FetchException later = fail(f, "http://dead.example/" + i + ".jpg");
        assertThat(later.reason()).isEqualTo(Reason.DNS);
        assertThat(later.attempts()).isZero();
        assertThat(later.getMessage())
            .contains("not tried: host dead.example failed earlier in this run")
            .contains("unknown host dead.example");
      }
      assertThat(resolver.lookups).containsExactly("dead.example");
    }
    try (Fetcher next =
        HttpFetchers.builder().proxies(Proxies.none()).hostResolver(resolver).build()) {
      assertThat(fail(next, "http://dead.example/a.jpg").attempts())
          .isEqualTo(1); // a new run tries again
    }
  }

  @Test
  void aRefusingHost_isDeadForTheRun_withoutRetries() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (Fetcher f =
        HttpFetchers.builder()
            .proxies(Proxies.none())
            .retryPolicy(
                RetryPolicy.exponentialBackoff(
                    3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO))
            .build()) {
      FetchException first = fail(f, "http://127.0.0.1:" + closedPort + "/a.jpg");
      assertThat(first.reason()).isEqualTo(Reason.CONNECT);
      assertThat(first.attempts()).isEqualTo(1); // the retry found the host dead: no second connect
      FetchException second = fail(f, "http://127.0.0.1:" + closedPort + "/b.jpg");
      assertThat(second.reason()).isEqualTo(Reason.CONNECT);
      assertThat(second.attempts()).isZero();
      assertThat(second.getMessage())
          .contains("failed earlier in this run")
          .contains("Connection refused");
    }
  }

  @Test
  void withoutHostMemory_deadHostsAreTriedAgain_andTimeoutsRetried() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    RetryPolicy fast =
        RetryPolicy.exponentialBackoff(
            3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);
    try (RawServer silent = new RawServer((path, out) -> Thread.sleep(10_000));
        Fetcher f =
            HttpFetchers.builder()
                .proxies(Proxies.none())
                .readTimeout(Duration.ofMillis(200))
                .retryPolicy(fast)
                .hostMemory(Duration.ZERO)
                .build()) {
      assertThat(fail(f, "http://127.0.0.1:" + closedPort + "/a.jpg").attempts()).isEqualTo(3);
      assertThat(fail(f, "http://127.0.0.1:" + closedPort + "/b.jpg").attempts()).isEqualTo(3);
      assertThat(fail(f, silent.url("/a.jpg")).attempts()).isEqualTo(3);
    }
  }

  @Test
  void dnsAnswers_areCachedForTheRun() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/x.jpg"))
            .willReturn(aResponse().withBody(new byte[] {1}).withHeader("Connection", "close")));
    CountingResolver resolver = new CountingResolver();
    try (Fetcher f =
        HttpFetchers.builder().proxies(Proxies.none()).hostResolver(resolver).build()) {
      for (int i = 0; i < 3; i++) {
        f.fetch("http://img.alive.test:" + wm.getPort() + "/x.jpg");
      }
    }
    assertThat(resolver.lookups).containsExactly("img.alive.test");
    wm.verify(3, getRequestedFor(urlEqualTo("/x.jpg")));
  }

  @Test
  void aHostThatTimedOut_isNotRetried_norAreItsLaterRows() throws Exception {
    try (RawServer silent = new RawServer((path, out) -> Thread.sleep(10_000));
        Fetcher f =
            HttpFetchers.builder()
                .proxies(Proxies.none())
                .readTimeout(Duration.ofMillis(300))
                .retryPolicy(
                    RetryPolicy.exponentialBackoff(
                        3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO))
                .build()) {
      FetchException first = fail(f, silent.url("/a.jpg"));
      assertThat(first.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(first.attempts()).isEqualTo(1);
      FetchException later = fail(f, silent.url("/b.jpg"));
      assertThat(later.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(later.attempts()).isEqualTo(1);
      assertThat(later.getMessage()).contains("not retried: the host timed out in this run");
      assertThat(silent.requests()).hasSize(2);
    }
  }

  @Test
  void whenTheFirstHostsAllFail_andNoServerAnswered_theNetworkCountsAsDown() throws Exception {
    CountingResolver resolver = new CountingResolver();
    try (Fetcher f =
        HttpFetchers.builder()
            .proxies(Proxies.none())
            .hostResolver(resolver)
            .noNetworkAfterHosts(3)
            .build()) {
      for (int i = 0; i < 3; i++) {
        assertThat(fail(f, "http://dead" + i + ".example/x.jpg").reason()).isEqualTo(Reason.DNS);
      }
      FetchException e = fail(f, "http://img.alive.test:" + wm.getPort() + "/x.jpg");
      assertThat(e.reason()).isEqualTo(Reason.NO_NETWORK);
      assertThat(e.attempts()).isZero();
      assertThat(e.getMessage()).contains("no network, a proxy needed, or a firewall");
      assertThat(resolver.lookups).hasSize(3);
    }
  }

  @Test
  void oneAnswer_meansTheNetworkWorks_andTheEarlyStopCanBeTurnedOff() throws Exception {
    wm.stubFor(get(urlEqualTo("/missing.jpg")).willReturn(aResponse().withStatus(404)));
    CountingResolver resolver = new CountingResolver();
    try (Fetcher f =
        HttpFetchers.builder()
            .proxies(Proxies.none())
            .hostResolver(resolver)
            .noNetworkAfterHosts(2)
            .build()) {
      assertThat(fail(f, "http://img.alive.test:" + wm.getPort() + "/missing.jpg").reason())
          .isEqualTo(Reason.HTTP_STATUS);
      for (int i = 0; i < 4; i++) {
        assertThat(fail(f, "http://dead" + i + ".example/x.jpg").reason()).isEqualTo(Reason.DNS);
      }
    }
    try (Fetcher f =
        HttpFetchers.builder()
            .proxies(Proxies.none())
            .hostResolver(resolver)
            .noNetworkAfterHosts(0)
            .build()) {
      for (int i = 0; i < 60; i++) {
        assertThat(fail(f, "http://gone" + i + ".example/x.jpg").reason()).isEqualTo(Reason.DNS);
      }
    }
  }

  @Test
  void xRobotsTagNoai_failsAsOptedOut_unlessIgnored() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/opt-out.jpg"))
            .willReturn(
                aResponse().withBody(new byte[] {1}).withHeader("X-Robots-Tag", "noimageai")));
    try (Fetcher f = HttpFetchers.builder().proxies(Proxies.none()).build()) {
      FetchException e = fail(f, "http://127.0.0.1:" + wm.getPort() + "/opt-out.jpg");
      assertThat(e.reason()).isEqualTo(Reason.OPTED_OUT);
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.getMessage()).contains("noimageai");
    }
    try (Fetcher f =
        HttpFetchers.builder().proxies(Proxies.none()).honourRobotsTag(false).build()) {
      assertThat(f.fetch("http://127.0.0.1:" + wm.getPort() + "/opt-out.jpg").body().size())
          .isEqualTo(1);
    }
  }

  @Test
  void theDefaultUserAgent_namesTheToolAndTheProject() throws Exception {
    wm.stubFor(get(urlEqualTo("/ua.jpg")).willReturn(aResponse().withBody(new byte[] {1})));
    try (Fetcher f = HttpFetchers.builder().proxies(Proxies.none()).build()) {
      f.fetch("http://127.0.0.1:" + wm.getPort() + "/ua.jpg");
    }
    String ua =
        wm.getAllServeEvents().stream()
            .filter(e -> e.getRequest().getUrl().equals("/ua.jpg"))
            .findFirst()
            .orElseThrow()
            .getRequest()
            .getHeader("User-Agent");
    assertThat(ua)
        .matches(
            "Mozilla/5\\.0 \\(compatible; can4000/[0-9][^;]*; \\+https://github\\.com/can4000/can4000-java\\)");
  }
}
