package io.github.can4000.io.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Reason;
import io.github.can4000.io.fixtures.LoopbackProxy;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fetching through a real forwarding proxy on loopback: plain, authenticated, refusing, CONNECT.
 */
class ProxyFetchTest {
  private static final String HOST = "images.can4000-test.invalid";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().dynamicHttpsPort())
          .build();

  private static Fetcher fetcher(Proxies proxies) {
    return HttpFetchers.builder()
        .proxies(proxies)
        .connectTimeout(Duration.ofSeconds(2))
        .attemptTimeout(Duration.ofSeconds(5))
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  private static Proxies env(String... keyValues) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return Proxies.fromEnvironment(env, new Properties());
  }

  @Test
  void hostsThatResolveOnlyInTheProxy_areFetchedThroughHttpProxy() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/a%20b.jpg?x=1")).willReturn(aResponse().withBody(new byte[] {1, 2, 3})));
    try (LoopbackProxy proxy = LoopbackProxy.open().route(HOST, wm.getPort());
        Fetcher f = fetcher(env("HTTP_PROXY", proxy.url()))) {
      Fetched got = f.fetch("http://" + HOST + "/a b.jpg?x=1");
      assertThat(got.body().toByteArray()).containsExactly(1, 2, 3);
      assertThat(proxy.requestLines())
          .containsExactly("GET http://" + HOST + "/a%20b.jpg?x=1 HTTP/1.1");
      wm.verify(getRequestedFor(urlEqualTo("/a%20b.jpg?x=1")));
    }
  }

  @Test
  void noProxyCoveringTheHost_connectsDirectly_andTheNameDoesNotResolve() throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.open().route(HOST, wm.getPort());
        Fetcher f = fetcher(env("http_proxy", proxy.url(), "no_proxy", ".can4000-test.invalid"))) {
      assertThatThrownBy(() -> f.fetch("http://" + HOST + "/x.jpg"))
          .isInstanceOfSatisfying(
              FetchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DNS));
      assertThat(proxy.requestLines()).isEmpty();
    }
  }

  @Test
  void basicProxyAuthentication_fromTheUrl_isSent_andThePasswordIsNeverShown() throws Exception {
    wm.stubFor(get(urlEqualTo("/x.jpg")).willReturn(aResponse().withBody(new byte[] {7})));
    try (LoopbackProxy proxy =
        LoopbackProxy.requiringAuth("alice", "pa:ss@word").route(HOST, wm.getPort())) {
      String withCredentials = "http://alice:pa%3Ass%40word@127.0.0.1:" + proxy.port();
      try (Fetcher f = fetcher(env("HTTP_PROXY", withCredentials))) {
        assertThat(f.fetch("http://" + HOST + "/x.jpg").body().toByteArray()).containsExactly(7);
        assertThat(f.toString()).doesNotContain("pa:ss@word").doesNotContain("pa%3Ass");
      }
      assertThat(proxy.authorizations()).isNotEmpty();
      String wrong = "http://alice:wrong-secret@127.0.0.1:" + proxy.port();
      try (Fetcher f = fetcher(env("HTTP_PROXY", wrong))) {
        assertThatThrownBy(() -> f.fetch("http://" + HOST + "/x.jpg"))
            .isInstanceOfSatisfying(
                FetchException.class,
                e -> {
                  assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
                  assertThat(e.httpStatus()).isEqualTo(407);
                  assertThat(e.getMessage()).doesNotContain("wrong-secret");
                });
      }
    }
  }

  @Test
  void aRefusingProxy_failsTheRow_withItsStatus() throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.refusing();
        Fetcher f = fetcher(Proxies.of(proxy.url()))) {
      assertThatThrownBy(() -> f.fetch("http://" + HOST + "/x.jpg"))
          .isInstanceOfSatisfying(
              FetchException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
                assertThat(e.httpStatus()).isEqualTo(403);
              });
      assertThat(proxy.requestLines()).hasSize(1);
    }
  }

  @Test
  void https_goesThroughAConnectTunnel_endToEndTls() throws Exception {
    // the TLS handshake happens with WireMock through the tunnel: its self-signed certificate is
    // refused by the client, which proves the proxy did not terminate TLS
    try (LoopbackProxy proxy = LoopbackProxy.open().route(HOST, wm.getHttpsPort());
        Fetcher f = fetcher(env("HTTPS_PROXY", proxy.url()))) {
      assertThatThrownBy(() -> f.fetch("https://" + HOST + "/x.jpg"))
          .isInstanceOfSatisfying(
              FetchException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.IO_ERROR);
                assertThat(e.getMessage()).contains("TLS");
              });
      assertThat(proxy.requestLines()).containsExactly("CONNECT " + HOST + ":443 HTTP/1.1");
    }
  }

  @Test
  void anUnreachableProxy_failsAsConnect() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (Fetcher f = fetcher(Proxies.of("http://127.0.0.1:" + closedPort))) {
      assertThatThrownBy(() -> f.fetch("http://" + HOST + "/x.jpg"))
          .isInstanceOfSatisfying(
              FetchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONNECT));
    }
  }
}
