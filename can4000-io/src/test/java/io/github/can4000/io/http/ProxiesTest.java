package io.github.can4000.io.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How environment variables and JVM properties choose a proxy, as python-requests and curl do. */
class ProxiesTest {
  private static final Properties NO_PROPS = new Properties();

  private static String proxyFor(Proxies p, String scheme, String host, int port) {
    return p.select(scheme, host, port).map(Proxies.Server::toString).orElse("direct");
  }

  @Test
  void usesProxyFor_followsSchemeAndNoProxy() {
    Proxies p =
        Proxies.fromEnvironment(
            Map.of("HTTPS_PROXY", "http://proxy:3128", "NO_PROXY", ".internal.example"),
            new Properties());
    assertThat(p.usesProxyFor("https://images.example.org/a.jpg")).isTrue();
    assertThat(p.usesProxyFor("http://images.example.org/a.jpg")).isFalse(); // no HTTP_PROXY
    assertThat(p.usesProxyFor("https://cdn.internal.example/a.jpg")).isFalse(); // NO_PROXY
    assertThat(p.usesProxyFor("ftp://images.example.org/a.jpg")).isFalse();
    assertThat(p.usesProxyFor("not a url")).isFalse();
    assertThat(Proxies.none().usesProxyFor("https://images.example.org/a.jpg")).isFalse();
    assertThat(Proxies.of("http://proxy:3128").usesProxyFor("http://h:8080/x")).isTrue();
  }

  @Test
  void schemeVariables_lowerCaseFirst_thenUpperCase_thenAllProxy() {
    Proxies p =
        Proxies.fromEnvironment(
            Map.of(
                "http_proxy",
                "http://lower:1",
                "HTTP_PROXY",
                "http://upper:2",
                "HTTPS_PROXY",
                "upper-s:3"),
            NO_PROPS);
    assertThat(proxyFor(p, "http", "a.org", 80)).isEqualTo("http://lower:1");
    assertThat(proxyFor(p, "https", "a.org", 443)).isEqualTo("http://upper-s:3");
    Proxies all = Proxies.fromEnvironment(Map.of("ALL_PROXY", "http://every:8"), NO_PROPS);
    assertThat(proxyFor(all, "https", "a.org", 443)).isEqualTo("http://every:8");
    Proxies empty =
        Proxies.fromEnvironment(Map.of("http_proxy", "", "HTTP_PROXY", "http://used:9"), NO_PROPS);
    assertThat(proxyFor(empty, "http", "a.org", 80)).isEqualTo("http://used:9");
    assertThat(Proxies.fromEnvironment(Map.of(), NO_PROPS)).isSameAs(Proxies.none());
  }

  @Test
  void noProxy_hostSuffixes_leadingDot_star_ports_addressesAndCidr() {
    Proxies p =
        Proxies.fromEnvironment(
            Map.of(
                "HTTP_PROXY",
                "http://p:1",
                "NO_PROXY",
                "example.org, .internal.net *.corp.com,host.com:8080 10.0.0.0/8,192.168.1.5,[::1]"),
            NO_PROPS);
    assertThat(proxyFor(p, "http", "example.org", 80)).isEqualTo("direct");
    assertThat(proxyFor(p, "http", "img.EXAMPLE.org.", 80)).isEqualTo("direct");
    assertThat(proxyFor(p, "http", "notexample.org", 80)).isEqualTo("http://p:1");
    assertThat(proxyFor(p, "http", "internal.net", 80)).isEqualTo("direct");
    assertThat(proxyFor(p, "http", "a.b.internal.net", 80)).isEqualTo("direct");
    assertThat(proxyFor(p, "http", "x.corp.com", 80)).isEqualTo("direct");
    assertThat(proxyFor(p, "http", "host.com", 8080)).isEqualTo("direct");
    assertThat(proxyFor(p, "http", "host.com", 80)).isEqualTo("http://p:1");
    assertThat(proxyFor(p, "http", "10.1.2.3", 80)).isEqualTo("direct");
    assertThat(proxyFor(p, "http", "11.1.2.3", 80)).isEqualTo("http://p:1");
    assertThat(proxyFor(p, "http", "192.168.1.5", 80)).isEqualTo("direct");
    assertThat(proxyFor(p, "http", "[::1]", 80)).isEqualTo("direct");
    Proxies star =
        Proxies.fromEnvironment(Map.of("https_proxy", "http://p:1", "no_proxy", "*"), NO_PROPS);
    assertThat(proxyFor(star, "https", "anything.org", 443)).isEqualTo("direct");
  }

  @Test
  void jvmProperties_whenNoVariable_withNonProxyHosts() {
    Properties props = new Properties();
    props.setProperty("https.proxyHost", "jvmproxy");
    props.setProperty("https.proxyPort", "3128");
    props.setProperty("http.proxyHost", "plain");
    props.setProperty("http.nonProxyHosts", "localhost|*.example.org|intra*");
    Proxies p = Proxies.fromEnvironment(Map.of(), props);
    assertThat(proxyFor(p, "https", "a.org", 443)).isEqualTo("http://jvmproxy:3128");
    assertThat(proxyFor(p, "http", "a.org", 80)).isEqualTo("http://plain:80");
    assertThat(proxyFor(p, "https", "img.example.org", 443)).isEqualTo("direct");
    assertThat(proxyFor(p, "https", "intranet", 443)).isEqualTo("direct");
    assertThat(proxyFor(p, "https", "localhost", 443)).isEqualTo("direct");
    Proxies envWins = Proxies.fromEnvironment(Map.of("HTTPS_PROXY", "http://env:1"), props);
    assertThat(proxyFor(envWins, "https", "img.example.org", 443)).isEqualTo("http://env:1");
  }

  @Test
  void credentials_areParsed_andNeverShown() {
    Proxies p =
        Proxies.fromEnvironment(
            Map.of("HTTPS_PROXY", "http://alice:s%40cret@proxy.org:3128"), NO_PROPS);
    Proxies.Server s = p.select("https", "a.org", 443).orElseThrow();
    assertThat(s.user()).isEqualTo("alice");
    assertThat(s.password()).isEqualTo("s@cret");
    assertThat(p.toString()).contains("alice:***@proxy.org:3128").doesNotContain("cret");
    assertThat(Proxies.of("http://bob:hunter2@p:1").toString()).doesNotContain("hunter2");
  }

  @Test
  void badProxyUrls_failWithTheVariableName_withoutThePassword() {
    assertThatThrownBy(
            () ->
                Proxies.fromEnvironment(
                    Map.of("HTTPS_PROXY", "socks5://u:topsecret@p:1080"), NO_PROPS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTPS_PROXY must be an http:// proxy")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> Proxies.of("http://"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proxy");
  }
}
