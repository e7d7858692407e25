package io.github.can4000.io.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.spi.Fetcher;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpFetchersBuilderTest {

  @Test
  void createsWithDefaults() {
    try (Fetcher f = HttpFetchers.create()) {
      assertThat(f.toString())
          .contains(
              "maxConnections=64",
              "maxConnectionsPerHost=4",
              "maxRedirects=10",
              "maxBodyBytes=33554432",
              "connectTimeout=PT10S",
              "readTimeout=PT30S",
              "attemptTimeout=PT1M",
              "blockPrivateAddresses=false",
              "compatible; can4000/",
              "honourRobotsTag=true",
              "offlineAfterHosts=50");
    }
  }

  @Test
  void optionsCanBeSetOnlyOnce() {
    HttpFetchers.Builder b = HttpFetchers.builder().maxRedirects(3);
    assertThatThrownBy(() -> b.maxRedirects(4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxRedirects");
    HttpFetchers.Builder c = HttpFetchers.builder().blockPrivateAddresses(false);
    assertThatThrownBy(() -> c.blockPrivateAddresses(true))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void badValuesAreRefusedAtOnceNamingTheValue() {
    HttpFetchers.Builder b = HttpFetchers.builder();
    assertThatThrownBy(() -> b.maxRedirects(-1))
        .hasMessageContaining("maxRedirects")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> b.maxBodyBytes(0))
        .hasMessageContaining("maxBodyBytes")
        .hasMessageContaining(": 0");
    assertThatThrownBy(() -> b.maxConnections(0)).hasMessageContaining("maxConnections");
    assertThatThrownBy(() -> b.maxConnectionsPerHost(0))
        .hasMessageContaining("maxConnectionsPerHost");
    assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO))
        .hasMessageContaining("connectTimeout")
        .hasMessageContaining(": 0s");
    assertThatThrownBy(() -> b.readTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> b.attemptTimeout(Duration.ofDays(365)))
        .hasMessageContaining("attemptTimeout");
    assertThatThrownBy(() -> b.userAgent(" ")).hasMessageContaining("userAgent");
    assertThatThrownBy(() -> b.userAgent("a\r\nX-Injected: 1")).hasMessageContaining("userAgent");
    assertThatThrownBy(() -> b.retryPolicy(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void argumentErrorsFollowTheBuilderConvention() {
    HttpFetchers.Builder b = HttpFetchers.builder();
    assertThatThrownBy(() -> b.maxRedirects(-1))
        .hasMessage("maxRedirects must be between 0 and 2147483647: -1");
    assertThatThrownBy(() -> b.maxBodyBytes(HttpFetchers.MAX_BODY_LIMIT + 1))
        .hasMessage("maxBodyBytes must be between 1 and 2147483639: 2147483640");
    assertThatThrownBy(() -> b.maxConnections(0)).hasMessage("maxConnections must be positive: 0");
    assertThatThrownBy(() -> b.maxConnectionsPerHost(-2))
        .hasMessage("maxConnectionsPerHost must be positive: -2");
    assertThatThrownBy(() -> b.bodyBufferBudget(0))
        .hasMessage("bodyBufferBudget must be positive: 0");
    assertThatThrownBy(() -> b.connectTimeout(Duration.ofMillis(-1500)))
        .hasMessage("connectTimeout must be positive and at most 24 days: -1500ms");
    assertThatThrownBy(() -> b.maxConnections(8).maxConnections(9))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maxConnections was already set to 8");
  }

  @Test
  void buildCrossChecks() {
    assertThatThrownBy(
            () -> HttpFetchers.builder().maxConnections(2).maxConnectionsPerHost(3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConnectionsPerHost 3 exceeds maxConnections 2");
    assertThatThrownBy(
            () ->
                HttpFetchers.builder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .attemptTimeout(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> HttpFetchers.builder().readTimeout(Duration.ofSeconds(90)).build())
        .hasMessageContaining("readTimeout");
    try (Fetcher f = HttpFetchers.builder().maxConnections(2).build()) {
      assertThat(f.toString()).contains("maxConnectionsPerHost=2");
    }
    try (Fetcher f = HttpFetchers.builder().attemptTimeout(Duration.ofSeconds(5)).build()) {
      assertThat(f.toString()).contains("connectTimeout=PT5S", "readTimeout=PT5S");
    }
  }

  @Test
  void closeIsIdempotent() {
    Fetcher f = HttpFetchers.create();
    f.close();
    f.close();
  }

  @Test
  void classifiesAddresses() throws Exception {
    for (String blocked :
        new String[] {
          "127.0.0.1",
          "10.1.2.3",
          "172.16.0.1",
          "172.31.255.255",
          "192.168.1.1",
          "169.254.169.254",
          "0.0.0.0",
          "224.0.0.1",
          "100.64.0.1",
          "::1",
          "::",
          "fc00::1",
          "fd12:3456::1",
          "fe80::1",
          "ff02::1",
          "::ffff:10.0.0.1"
        }) {
      assertThat(GuardedDnsResolver.isBlocked(InetAddress.getByName(blocked))).as(blocked).isTrue();
    }
    for (String open :
        new String[] {"8.8.8.8", "172.32.0.1", "192.169.0.1", "1.1.1.1", "2606:4700:4700::1111"}) {
      assertThat(GuardedDnsResolver.isBlocked(InetAddress.getByName(open))).as(open).isFalse();
    }
  }
}
