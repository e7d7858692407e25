package io.github.can4000.io.http;

import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Routes each request directly or through the proxy {@link Proxies} chooses for its target. */
final class ProxyRoutePlanner extends DefaultRoutePlanner {
  private final Proxies proxies;

  ProxyRoutePlanner(Proxies proxies) {
    super(DefaultSchemePortResolver.INSTANCE);
    this.proxies = proxies;
  }

  @Override
  protected HttpHost determineProxy(HttpHost target, HttpContext context) {
    if (proxies.isDirect()) {
      return null;
    }
    int port =
        target.getPort() >= 0
            ? target.getPort()
            : "https".equalsIgnoreCase(target.getSchemeName()) ? 443 : 80;
    return proxies
        .select(target.getSchemeName(), target.getHostName(), port)
        .map(s -> new HttpHost("http", s.host(), s.port()))
        .orElse(null);
  }
}
