package io.github.can4000.io.http;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Which HTTP proxy, if any, a request goes through. Set it with {@link
 * HttpFetchers.Builder#proxies(Proxies)}; the default is {@link #fromSystem()}, so a fetcher
 * honours the proxy settings users already have, as python-requests and curl do.
 *
 * <pre>{@code
 * Proxies.fromSystem();                               // HTTPS_PROXY, HTTP_PROXY, NO_PROXY, JVM properties
 * Proxies.fromEnvironment(Map.of("HTTPS_PROXY", "http://proxy.example.org:3128"), new Properties());
 * Proxies.of("http://user:secret@proxy.example.org:3128");   // every request, no exceptions
 * Proxies.of(ProxySelector.getDefault());
 * Proxies.none();
 * }</pre>
 *
 * <p><b>Environment</b> ({@link #fromEnvironment}): for an {@code https} URL the proxy is {@code
 * https_proxy}, else {@code HTTPS_PROXY}, else {@code all_proxy}/{@code ALL_PROXY}; for {@code
 * http} likewise {@code http_proxy}/{@code HTTP_PROXY}. An empty variable counts as unset. A value
 * without a scheme ({@code proxy:3128}) means {@code http://}; only {@code http://} proxies are
 * supported (HTTPS URLs go through them with {@code CONNECT}). {@code user:password@} in the proxy
 * URL (percent-encoded where needed) is sent as Basic proxy authentication when the proxy asks for
 * it; it is never logged and {@link #toString()} shows {@code ***} instead.
 *
 * <p>{@code no_proxy} (else {@code NO_PROXY}) lists hosts reached directly, separated by commas or
 * spaces, as curl reads it: {@code *} alone bypasses the proxy for every host; {@code example.org}
 * and {@code .example.org} match {@code example.org} and every name ending in {@code .example.org}
 * (but not {@code notexample.org}); {@code *.example.org} is read as {@code .example.org}; {@code
 * host:8080} matches that port only; an IP address matches that address and {@code 10.0.0.0/8}
 * (IPv4 CIDR) the addresses in it. Matching ignores case and a trailing dot.
 *
 * <p><b>JVM properties</b>: when no environment variable names a proxy for the scheme, {@code
 * https.proxyHost}/{@code https.proxyPort} (port 443 by default) and {@code http.proxyHost}/{@code
 * http.proxyPort} (port 80) are used, with {@code http.nonProxyHosts} ({@code |}-separated, {@code
 * *} at either end) as the exceptions; when a variable names the proxy, {@code NO_PROXY} applies.
 *
 * <p>When a request goes through a proxy the proxy resolves the host name, so {@link
 * HttpFetchers.Builder#blockPrivateAddresses} and {@link HttpFetchers.Builder#hostResolver} apply
 * to direct connections only.
 */
public final class Proxies {
  private static final Proxies NONE =
      new Proxies(null, null, false, false, null, List.of(), null, "Proxies.none()");

  /** An HTTP proxy server, with the Basic credentials of its URL if any. */
  record Server(String host, int port, String user, String password) {
    @Override
    public String toString() {
      return "http://" + (user == null ? "" : user + ":***@") + host + ":" + port;
    }
  }

  private final Server http;
  private final Server https;

  /**
   * Whether a scheme's proxy came from JVM properties (then http.nonProxyHosts applies, not
   * NO_PROXY).
   */
  private final boolean httpFromJvm;

  private final boolean httpsFromJvm;
  private final NoProxy noProxy;
  private final List<String> jvmExceptions;
  private final ProxySelector selector;
  private final String description;

  private Proxies(
      Server http,
      Server https,
      boolean httpFromJvm,
      boolean httpsFromJvm,
      NoProxy noProxy,
      List<String> jvmExceptions,
      ProxySelector selector,
      String description) {
    this.http = http;
    this.https = https;
    this.httpFromJvm = httpFromJvm;
    this.httpsFromJvm = httpsFromJvm;
    this.noProxy = noProxy;
    this.jvmExceptions = jvmExceptions;
    this.selector = selector;
    this.description = description;
  }

  /** Returns the setting that connects directly to every host. */
  public static Proxies none() {
    return NONE;
  }

  /**
   * Returns the proxy settings of this process: its environment variables and the JVM's system
   * properties (see the class comment).
   */
  public static Proxies fromSystem() {
    return fromEnvironment(System.getenv(), System.getProperties());
  }

  /**
   * Returns the proxy settings described by {@code env} (variables such as {@code HTTPS_PROXY} and
   * {@code NO_PROXY}) and {@code jvm} (properties such as {@code https.proxyHost}), read as the
   * class comment says. Pass a map rather than changing a process's environment, for example in
   * tests.
   *
   * @throws IllegalArgumentException if a proxy URL is malformed or not {@code http://} (the
   *     message names the variable, without the password)
   */
  public static Proxies fromEnvironment(Map<String, String> env, Properties jvm) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(jvm, "jvm");
    String httpVar = firstSet(env, "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY");
    String httpsVar = firstSet(env, "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY");
    Server http = httpVar == null ? null : parse(env.get(httpVar), httpVar);
    Server https = httpsVar == null ? null : parse(env.get(httpsVar), httpsVar);
    String noProxyVar = firstSet(env, "no_proxy", "NO_PROXY");
    NoProxy noProxy = NoProxy.parse(noProxyVar == null ? "" : env.get(noProxyVar));
    Server jvmHttp = http == null ? jvmServer(jvm, "http", 80) : null;
    Server jvmHttps = https == null ? jvmServer(jvm, "https", 443) : null;
    List<String> jvmExceptions = new ArrayList<>();
    String nonProxy = jvm.getProperty("http.nonProxyHosts");
    if (nonProxy != null) {
      for (String p : nonProxy.split("\\|")) {
        if (!p.isBlank()) {
          jvmExceptions.add(p.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    if (http == null && https == null && jvmHttp == null && jvmHttps == null) {
      return NONE;
    }
    StringBuilder d = new StringBuilder("Proxies(");
    d.append("http=").append(http != null ? http : jvmHttp != null ? jvmHttp : "direct");
    d.append(", https=").append(https != null ? https : jvmHttps != null ? jvmHttps : "direct");
    if (!noProxy.isEmpty()) {
      d.append(", no_proxy=").append(noProxy);
    }
    d.append(')');
    return new Proxies(
        http != null ? http : jvmHttp,
        https != null ? https : jvmHttps,
        http == null,
        https == null,
        noProxy,
        List.copyOf(jvmExceptions),
        null,
        d.toString());
  }

  /**
   * Returns the setting that sends every request through the proxy at {@code url}, such as {@code
   * http://proxy.example.org:3128} or {@code http://user:password@proxy:3128}.
   *
   * @throws IllegalArgumentException if the URL is malformed or not {@code http://} (the message
   *     does not show the password)
   */
  public static Proxies of(String url) {
    Objects.requireNonNull(url, "url");
    Server s = parse(url, "proxy");
    return new Proxies(
        s, s, false, false, NoProxy.parse(""), List.of(), null, "Proxies.of(" + s + ")");
  }

  /**
   * Returns the setting that asks {@code selector} for each request's proxy; only its first {@link
   * Proxy.Type#HTTP} answer is used (SOCKS proxies are not supported). No credentials are sent.
   */
  public static Proxies of(ProxySelector selector) {
    Objects.requireNonNull(selector, "selector");
    return new Proxies(
        null, null, false, false, null, List.of(), selector, "Proxies.of(" + selector + ")");
  }

  /**
   * Returns the proxy for a request to {@code scheme://host:port}, or empty to connect directly.
   */
  Optional<Server> select(String scheme, String host, int port) {
    String h = normalize(host);
    if (selector != null) {
      try {
        for (Proxy p : selector.select(new URI(scheme, null, host, port, "/", null, null))) {
          if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress a) {
            return Optional.of(new Server(a.getHostString(), a.getPort(), null, null));
          }
        }
      } catch (URISyntaxException | RuntimeException e) {
        return Optional.empty();
      }
      return Optional.empty();
    }
    boolean secure = "https".equalsIgnoreCase(scheme);
    Server s = secure ? https : http;
    if (s == null) {
      return Optional.empty();
    }
    boolean fromJvm = secure ? httpsFromJvm : httpFromJvm;
    if (fromJvm ? jvmExcepted(h) : noProxy != null && noProxy.matches(h, port)) {
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /**
   * Returns whether a request for {@code url} ({@code http} or {@code https}) goes through a proxy
   * with these settings; false for a URL that cannot be parsed.
   */
  public boolean usesProxyFor(String url) {
    try {
      URI u = new URI(url.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
        return false;
      }
      int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
      return select(scheme, u.getHost(), port).isPresent();
    } catch (URISyntaxException | RuntimeException e) {
      return false;
    }
  }

  /** Returns the proxies with credentials, for the credentials provider. */
  List<Server> servers() {
    List<Server> l = new ArrayList<>();
    if (http != null) {
      l.add(http);
    }
    if (https != null && !https.equals(http)) {
      l.add(https);
    }
    return l;
  }

  /** Returns whether {@code host} is one of the configured proxy servers. */
  boolean isProxyHost(String host) {
    String h = normalize(host);
    return (http != null && normalize(http.host()).equals(h))
        || (https != null && normalize(https.host()).equals(h));
  }

  /** Returns whether requests may go through a proxy at all. */
  boolean isDirect() {
    return this == NONE;
  }

  /** Describes the setting; passwords are shown as {@code ***}. */
  @Override
  public String toString() {
    return description;
  }

  private boolean jvmExcepted(String host) {
    for (String p : jvmExceptions) {
      boolean lead = p.startsWith("*");
      boolean trail = p.endsWith("*") && p.length() > 1;
      String core = p.substring(lead ? 1 : 0, p.length() - (trail ? 1 : 0));
      if (lead && trail
          ? host.contains(core)
          : lead ? host.endsWith(core) : trail ? host.startsWith(core) : host.equals(core)) {
        return true;
      }
    }
    return false;
  }

  private static Server jvmServer(Properties jvm, String scheme, int defaultPort) {
    String host = jvm.getProperty(scheme + ".proxyHost");
    if (host == null || host.isBlank()) {
      return null;
    }
    String port = jvm.getProperty(scheme + ".proxyPort");
    int p = defaultPort;
    if (port != null && !port.isBlank()) {
      try {
        p = Integer.parseInt(port.trim());
      } catch (NumberFormatException e) {
        p = -1;
      }
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException(
            scheme + ".proxyPort must be a port number: '" + port + "'");
      }
    }
    return new Server(host.trim(), p, null, null);
  }

  private static String firstSet(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) {
        return n;
      }
    }
    return null;
  }

  /** Parses a proxy URL; messages name {@code what} and never show the password. */
  static Server parse(String value, String what) {
    String v = value.trim();
    if (!v.contains("://")) {
      v = "http://" + v;
    }
    URI u;
    try {
      u = new URI(v);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + " is not a usable proxy URL: '" + redact(v) + "'");
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new IllegalArgumentException(
          what
              + " must be an http:// proxy (HTTPS URLs go through it with CONNECT; "
              + scheme
              + " proxies are not supported): '"
              + redact(v)
              + "'");
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException(what + " has no host: '" + redact(v) + "'");
    }
    String user = null;
    String password = null;
    String info = u.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? "" : decode(info.substring(colon + 1));
    }
    String host = u.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Server(host, u.getPort() < 0 ? 80 : u.getPort(), user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Replaces the password of a URL-like string by {@code ***}. */
  static String redact(String url) {
    int at = url.lastIndexOf('@');
    int start = url.indexOf("://");
    if (at < 0 || start < 0 || at < start) {
      return url;
    }
    int colon = url.indexOf(':', start + 3);
    return colon >= 0 && colon < at ? url.substring(0, colon + 1) + "***" + url.substring(at) : url;
  }

  static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  /** The {@code NO_PROXY} list, read as curl reads it. */
  static final class NoProxy {
    private final boolean all;
    private final List<String[]> entries; // {name or address, port or null}
    private final String text;

    private NoProxy(boolean all, List<String[]> entries, String text) {
      this.all = all;
      this.entries = entries;
      this.text = text;
    }

    static NoProxy parse(String value) {
      List<String[]> entries = new ArrayList<>();
      boolean all = false;
      for (String raw : value.split("[,\\s]+")) {
        String e = raw.trim().toLowerCase(Locale.ROOT);
        if (e.isEmpty()) {
          continue;
        }
        if (e.equals("*")) {
          all = true;
          continue;
        }
        if (e.startsWith("*.")) {
          e = e.substring(1);
        }
        while (e.startsWith(".")) {
          e = e.substring(1);
        }
        String port = null;
        if (e.startsWith("[")) {
          int close = e.indexOf(']');
          if (close > 0) {
            port =
                e.length() > close + 2 && e.charAt(close + 1) == ':'
                    ? e.substring(close + 2)
                    : null;
            e = e.substring(1, close);
          }
        } else if (e.indexOf(':') == e.lastIndexOf(':') && e.indexOf(':') > 0) {
          port = e.substring(e.indexOf(':') + 1);
          e = e.substring(0, e.indexOf(':'));
        }
        while (e.endsWith(".")) {
          e = e.substring(0, e.length() - 1);
        }
        if (!e.isEmpty()) {
          entries.add(new String[] {e, port});
        }
      }
      return new NoProxy(all, entries, value.trim());
    }

    boolean isEmpty() {
      return !all && entries.isEmpty();
    }

    boolean matches(String host, int port) {
      if (all) {
        return true;
      }
      for (String[] e : entries) {
        if (e[1] != null && !e[1].equals(Integer.toString(port))) {
          continue;
        }
        String name = e[0];
        int slash = name.indexOf('/');
        if (slash > 0) {
          if (inCidr(host, name.substring(0, slash), name.substring(slash + 1))) {
            return true;
          }
        } else if (host.equals(name) || host.endsWith("." + name)) {
          return true;
        }
      }
      return false;
    }

    private static boolean inCidr(String host, String network, String bits) {
      long h = ipv4(host);
      long n = ipv4(network);
      int b;
      try {
        b = Integer.parseInt(bits);
      } catch (NumberFormatException e) {
        return false;
      }
      if (h < 0 || n < 0 || b < 0 || b > 32) {
        return false;
      }
      long mask = b == 0 ? 0 : (0xFFFFFFFFL << (32 - b)) & 0xFFFFFFFFL;
      return (h & mask) == (n & mask);
    }

    private static long ipv4(String s) {
      String[] p = s.split("\\.");
      if (p.length != 4) {
        return -1;
      }
      long v = 0;
      for (String q : p) {
        if (q.isEmpty() || q.length() > 3 || !q.chars().allMatch(Character::isDigit)) {
          return -1;
        }
        int x = Integer.parseInt(q);
        if (x > 255) {
          return -1;
        }
        v = (v << 8) | x;
      }
      return v;
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
