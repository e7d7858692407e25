package io.github.can4000.io.http;

import io.github.can4000.internal.Args;
import io.github.can4000.internal.MemoryPolicy;
import io.github.can4000.spi.Fetcher;
import java.time.Duration;
import java.util.Objects;

/**
 * Creates fetchers that download manifest URLs over HTTP and HTTPS with Apache HttpClient 5.
 *
 * <pre>{@code
 * try (Fetcher fetcher = HttpFetchers.create()) {
 *   Fetched f = fetcher.fetch("http://www.siue.edu/~sumbaug/Borders Complete/Dysplastic Nevus/Ael453.jpg");
 * }
 *
 * Fetcher strict = HttpFetchers.builder()
 *     .attemptTimeout(Duration.ofSeconds(20))
 *     .maxConnectionsPerHost(2)
 *     .retryPolicy(RetryPolicy.none())
 *     .blockPrivateAddresses(true)
 *     .build();
 * }</pre>
 *
 * <p>The fetcher encodes each URL the way python-requests does (spaces, non-ASCII paths, IDN hosts,
 * backslashes; existing {@code %XX} escapes kept), accepts only {@code http} and {@code https},
 * follows a bounded number of redirects, checks the status (anything but 2xx fails with {@link
 * io.github.can4000.Reason#HTTP_STATUS}, so an error page is never handed to a decoder), bounds
 * every attempt in time and the body in size, undoes {@code gzip} and {@code deflate} content
 * encoding, retries transient failures according to a {@link RetryPolicy}, and limits the number of
 * concurrent connections in total and per host. It never reads local files: use {@code
 * FileFetchers} for those. Fetchers are thread-safe; close them to release their connections.
 *
 * <p>Memory is bounded too: bodies are buffered in memory (a decoder needs the whole image), and
 * all requests of one fetcher share a {@link Builder#bodyBufferBudget body buffer budget}, so that
 * many large bodies arriving at once wait for each other instead of exhausting the heap.
 *
 * <p>Failures are reported as {@link io.github.can4000.spi.FetchException}s with these reasons:
 *
 * <table>
 *   <caption>Reasons</caption>
 *   <tr><th>reason</th><th>when</th></tr>
 *   <tr><td>{@code BAD_URL}</td><td>the URL cannot be parsed or encoded (no scheme, no host, bad port,
 *       bad international name); no attempt is made</td></tr>
 *   <tr><td>{@code UNSUPPORTED_SCHEME}</td><td>the scheme is not http or https; no attempt is made</td></tr>
 *   <tr><td>{@code BLOCKED_ADDRESS}</td><td>{@link Builder#blockPrivateAddresses} is on and the host
 *       resolves to a non-public address</td></tr>
 *   <tr><td>{@code DNS}</td><td>the host name does not resolve</td></tr>
 *   <tr><td>{@code CONNECT}</td><td>the connection is refused or reset before a response, or the
 *       server closes it without responding</td></tr>
 *   <tr><td>{@code TIMEOUT}</td><td>the connect, read or attempt timeout passed</td></tr>
 *   <tr><td>{@code HTTP_STATUS}</td><td>the final status is not 2xx (a 3xx without Location
 *       included)</td></tr>
 *   <tr><td>{@code REDIRECT}</td><td>too many redirects, a loop, an unusable Location or one with a
 *       scheme other than http/https</td></tr>
 *   <tr><td>{@code TOO_LARGE}</td><td>the body, compressed or decoded, exceeds the maximum</td></tr>
 *   <tr><td>{@code TRUNCATED}</td><td>the body ends before its Content-Length, or the connection breaks
 *       or the chunked coding is malformed while reading it</td></tr>
 *   <tr><td>{@code IO_ERROR}</td><td>anything else, such as a TLS failure (certificates are
 *       verified) or a protocol violation</td></tr>
 *   <tr><td>{@code CANCELLED}</td><td>the fetcher was closed</td></tr>
 *   <tr><td>{@code OPTED_OUT}</td><td>the response carries {@code X-Robots-Tag: noai} or {@code noimageai}
 *       (see {@link Builder#honourRobotsTag}); the body is not read</td></tr>
 *   <tr><td>{@code NO_NETWORK}</td><td>the network counts as down (see {@link Builder#noNetworkAfterHosts});
 *       no attempt is made</td></tr>
 * </table>
 *
 * <p><b>Hosts within a run</b> (what a fetcher learned in the last {@link Builder#hostMemory 15
 * minutes}): a host that fails at the DNS or connection level (unknown host, lookup timeout,
 * refused, unreachable, connect timeout) is remembered as dead, and its other URLs fail at once
 * with the same reason and a detail that says so, with no new lookup or attempt ({@code attempts}
 * 0). A host that did not answer within the read timeout is remembered as slow: its timeouts, that
 * one included, are not retried. DNS answers and failures are cached for the fetcher's life. A new
 * fetcher (the next run, e.g. {@code download --retry-failed}) starts afresh.
 *
 * <p><b>Proxies</b>: by default requests go through the proxies of the environment ({@code
 * HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}, JVM properties), as with python-requests and
 * curl; see {@link Proxies}.
 *
 * <p>{@link io.github.can4000.spi.FetchException#attempts()} counts the attempts made (0 for a
 * refused URL); an interrupted calling thread gets an {@link InterruptedException} promptly, even
 * while blocked reading a socket, as does a thread waiting to retry. DNS lookups themselves use the
 * system resolver and are bounded only by its own timeouts.
 */
public final class HttpFetchers {
  /** The project's address, named in the default User-Agent. */
  public static final String PROJECT_URL = "https://github.com/can4000/can4000-java";

  /**
   * The default User-Agent, which names the tool, its version and the project's address as
   * img2dataset does: {@code Mozilla/5.0 (compatible; can4000/VERSION;
   * +https://github.com/can4000/can4000-java)}. A site can see who downloads and opt out; a few
   * sites refuse agents that are not browsers (see {@link #BROWSER_USER_AGENT} and
   * docs/robustness.md for the trade-off).
   */
  public static final String DEFAULT_USER_AGENT =
      "Mozilla/5.0 (compatible; can4000/" + Version.VALUE + "; +" + PROJECT_URL + ")";

  /**
   * The User-Agent of a desktop Chrome, which the original script sent; pass it to {@link
   * Builder#userAgent}.
   */
  public static final String BROWSER_USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
          + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

  /**
   * The default number of distinct hosts that must all fail at the DNS or connection level, with no
   * response from any server, before the fetcher decides there is no network, 50.
   */
  public static final int DEFAULT_NO_NETWORK_AFTER_HOSTS = 50;

  /** How long a fetcher remembers a dead or slow host by default, 15 minutes. */
  public static final Duration DEFAULT_HOST_MEMORY = Duration.ofMinutes(15);

  /** The default connect timeout, 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The default read timeout (time to first byte, and longest silence while reading), 30 s. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** The default time limit of one attempt, redirects and the whole body included, 60 s. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);

  /** The default number of redirects followed, 10. */
  public static final int DEFAULT_MAX_REDIRECTS = 10;

  /** The default largest body accepted, 32 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

  /** The default number of connections open at once, 64. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;

  /** The default number of requests in progress at once to one host, 4. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_HOST = 4;

  /** The largest default body buffer budget, 64 MiB; see {@link #defaultBodyBufferBudget()}. */
  public static final long MAX_DEFAULT_BODY_BUFFER_BUDGET = MemoryPolicy.MAX_BODY_BUFFER_BUDGET;

  /** The largest body size that can be configured (the largest Java array). */
  public static final long MAX_BODY_LIMIT = Integer.MAX_VALUE - 8;

  private HttpFetchers() {}

  /** Returns a fetcher with all defaults; see {@link Builder}. */
  public static Fetcher create() {
    return builder().build();
  }

  /**
   * Returns the default {@link Builder#bodyBufferBudget body buffer budget}: an eighth of the
   * maximum heap ({@link Runtime#maxMemory()}), at least 1 MiB and at most {@link
   * #MAX_DEFAULT_BODY_BUFFER_BUDGET 64 MiB}. With {@code -Xmx256m} that is 32 MiB.
   */
  public static long defaultBodyBufferBudget() {
    return MemoryPolicy.bodyBufferBudget(Runtime.getRuntime().maxMemory());
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures an HTTP fetcher. Every option may be set at most once; values are checked at once
   * and combinations in {@link #build()}. Defaults:
   *
   * <table>
   *   <caption>Defaults</caption>
   *   <tr><th>option</th><th>default</th></tr>
   *   <tr><td>{@link #userAgent}</td><td>{@link #DEFAULT_USER_AGENT} (names can4000 and its address)</td></tr>
   *   <tr><td>{@link #connectTimeout}</td><td>10 s</td></tr>
   *   <tr><td>{@link #readTimeout}</td><td>30 s (first byte, and any silence while reading)</td></tr>
   *   <tr><td>{@link #attemptTimeout}</td><td>60 s per attempt, redirects and body included</td></tr>
   *   <tr><td>{@link #maxRedirects}</td><td>10</td></tr>
   *   <tr><td>{@link #maxBodyBytes}</td><td>32 MiB (compressed and decompressed)</td></tr>
   *   <tr><td>{@link #retryPolicy}</td><td>{@link RetryPolicy#defaults()}: 3 attempts, backoff 500 ms
   *       to 30 s with full jitter, {@code Retry-After} up to 60 s</td></tr>
   *   <tr><td>{@link #maxConnections}</td><td>64</td></tr>
   *   <tr><td>{@link #maxConnectionsPerHost}</td><td>4</td></tr>
   *   <tr><td>{@link #blockPrivateAddresses}</td><td>false</td></tr>
   *   <tr><td>{@link #bodyBufferBudget}</td><td>{@link #defaultBodyBufferBudget()}: an eighth of the
   *       heap, 1 to 64 MiB</td></tr>
   *   <tr><td>{@link #proxies}</td><td>{@link Proxies#fromSystem()}: environment and JVM properties</td></tr>
   *   <tr><td>{@link #hostResolver}</td><td>{@link HostResolver#system()}</td></tr>
   *   <tr><td>{@link #honourRobotsTag}</td><td>true</td></tr>
   *   <tr><td>{@link #noNetworkAfterHosts}</td><td>50</td></tr>
   *   <tr><td>{@link #hostMemory}</td><td>15 minutes</td></tr>
   * </table>
   */
  public static final class Builder {
    private String userAgent;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration attemptTimeout;
    private Integer maxRedirects;
    private Long maxBodyBytes;
    private RetryPolicy retryPolicy;
    private Integer maxConnections;
    private Integer maxConnectionsPerHost;
    private Boolean blockPrivateAddresses;
    private Long bodyBufferBudget;
    private Proxies proxies;
    private HostResolver hostResolver;
    private Boolean honourRobotsTag;
    private Integer noNetworkAfterHosts;
    private Duration hostMemory;

    Builder() {}

    /**
     * Sets how long a host that failed at the DNS or connection level stays dead (its URLs fail at
     * once, with no attempt), and a host that timed out stays slow (its timeouts are not retried).
     * Long enough to cover a download; short enough for a long-lived fetcher (a service, training
     * epochs) to try again later. {@link Duration#ZERO} remembers nothing: every URL is tried, and
     * timeouts are retried as the {@link #retryPolicy} says. Default 15 minutes.
     *
     * @param memory zero or a positive duration of at most {@code Integer.MAX_VALUE} ms
     * @return this builder
     */
    public Builder hostMemory(Duration memory) {
      Args.requireUnset(this.hostMemory, "hostMemory");
      Objects.requireNonNull(memory, "hostMemory");
      this.hostMemory = memory.isZero() ? memory : Args.checkTimeout(memory, "hostMemory");
      return this;
    }

    /**
     * Sets which proxy requests go through. Default {@link Proxies#fromSystem()}: the {@code
     * HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY} environment variables, else the JVM's {@code
     * https.proxyHost}/{@code http.proxyHost} properties. {@link Proxies#none()} connects directly.
     *
     * @param proxies the proxy setting
     * @return this builder
     */
    public Builder proxies(Proxies proxies) {
      Args.requireUnset(this.proxies, "proxies");
      this.proxies = Objects.requireNonNull(proxies, "proxies");
      return this;
    }

    /**
     * Sets how host names are resolved for direct connections. Default {@link
     * HostResolver#system()}.
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder hostResolver(HostResolver resolver) {
      Args.requireUnset(this.hostResolver, "hostResolver");
      this.hostResolver = Objects.requireNonNull(resolver, "hostResolver");
      return this;
    }

    /**
     * Sets whether a response whose {@code X-Robots-Tag} header says {@code noai} or {@code
     * noimageai} (for all agents, or for {@code can4000}) fails with {@link
     * io.github.can4000.Reason#OPTED_OUT} before its body is read, as img2dataset does by default.
     * Default true.
     *
     * @param honour whether to respect the opt-out
     * @return this builder
     */
    public Builder honourRobotsTag(boolean honour) {
      Args.requireUnset(this.honourRobotsTag, "honourRobotsTag");
      this.honourRobotsTag = honour;
      return this;
    }

    /**
     * Sets after how many distinct hosts that all failed at the DNS or connection level, while no
     * server answered at all, the fetcher decides that there is no network: every later fetch fails
     * at once with {@link io.github.can4000.Reason#NO_NETWORK}, so that a run on a machine that
     * reaches no image host ends in seconds instead of trying every host. One answer from any
     * server (any status) lifts it. Default {@value HttpFetchers#DEFAULT_NO_NETWORK_AFTER_HOSTS}; 0
     * never stops.
     *
     * @param hosts 0 to 100000
     * @return this builder
     */
    public Builder noNetworkAfterHosts(int hosts) {
      Args.requireUnset(this.noNetworkAfterHosts, "noNetworkAfterHosts");
      this.noNetworkAfterHosts = Args.checkRange(hosts, 0, 100_000, "noNetworkAfterHosts");
      return this;
    }

    /**
     * Sets the User-Agent header sent with every request.
     *
     * @param userAgent a non-blank value without line breaks
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      Args.requireUnset(this.userAgent, "userAgent");
      Objects.requireNonNull(userAgent, "userAgent");
      if (userAgent.isBlank() || userAgent.indexOf('\r') >= 0 || userAgent.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(
            "userAgent must be non-blank and on one line: '" + userAgent + "'");
      }
      this.userAgent = userAgent;
      return this;
    }

    /**
     * Sets how long making a TCP (and TLS) connection may take. Default 10 s.
     *
     * @param timeout a positive duration of at most {@code Integer.MAX_VALUE} ms
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      Args.requireUnset(this.connectTimeout, "connectTimeout");
      this.connectTimeout = Args.checkTimeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long the server may stay silent: before the first byte of the response, and between
     * any two reads after that. Default 30 s.
     *
     * @param timeout a positive duration of at most {@code Integer.MAX_VALUE} ms
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      Args.requireUnset(this.readTimeout, "readTimeout");
      this.readTimeout = Args.checkTimeout(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets the time limit of one attempt: from the first request to the end of the body, redirects
     * included. It also ends a server that sends the body a byte at a time, which no read timeout
     * catches: when it passes, the connection is aborted and the attempt fails with {@link
     * io.github.can4000.Reason#TIMEOUT}. Waiting for a free connection slot before the first
     * request is not counted. Default 60 s.
     *
     * @param timeout a positive duration of at most {@code Integer.MAX_VALUE} ms
     * @return this builder
     */
    public Builder attemptTimeout(Duration timeout) {
      Args.requireUnset(this.attemptTimeout, "attemptTimeout");
      this.attemptTimeout = Args.checkTimeout(timeout, "attemptTimeout");
      return this;
    }

    /**
     * Sets how many redirects are followed; one more, or a redirect back to a URL already visited,
     * fails with {@link io.github.can4000.Reason#REDIRECT}. Default 10.
     *
     * @param max 0 (redirects fail) or more
     * @return this builder
     */
    public Builder maxRedirects(int max) {
      Args.requireUnset(this.maxRedirects, "maxRedirects");
      this.maxRedirects = Args.checkRange(max, 0, Integer.MAX_VALUE, "maxRedirects");
      return this;
    }

    /**
     * Sets the largest body accepted, before and after content decoding. A larger declared
     * Content-Length fails at once without reading; a body that grows past it while streaming is
     * aborted without reading the rest. Both fail with {@link io.github.can4000.Reason#TOO_LARGE}.
     * Default 32 MiB.
     *
     * @param bytes 1 to {@link #MAX_BODY_LIMIT}
     * @return this builder
     */
    public Builder maxBodyBytes(long bytes) {
      Args.requireUnset(this.maxBodyBytes, "maxBodyBytes");
      this.maxBodyBytes = Args.checkRange(bytes, 1, MAX_BODY_LIMIT, "maxBodyBytes");
      return this;
    }

    /**
     * Sets when failed attempts are tried again. Default {@link RetryPolicy#defaults()}.
     *
     * @param policy the policy; {@link RetryPolicy#none()} for a single attempt
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      Args.requireUnset(this.retryPolicy, "retryPolicy");
      this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
      return this;
    }

    /**
     * Sets how many requests may be in progress at once over all hosts (and how many connections
     * the pool keeps). Default 64.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxConnections(int max) {
      Args.requireUnset(this.maxConnections, "maxConnections");
      Args.checkPositive(max, "maxConnections");
      this.maxConnections = max;
      return this;
    }

    /**
     * Sets how many requests may be in progress at once to one host name, to be polite to the small
     * sites a manifest points at. Further requests to that host wait for a free slot (not counted
     * in the attempt timeout) while requests to other hosts go ahead. Default 4.
     *
     * @param max at least 1, and at most {@link #maxConnections}
     * @return this builder
     */
    public Builder maxConnectionsPerHost(int max) {
      Args.requireUnset(this.maxConnectionsPerHost, "maxConnectionsPerHost");
      Args.checkPositive(max, "maxConnectionsPerHost");
      this.maxConnectionsPerHost = max;
      return this;
    }

    /**
     * Sets whether to refuse hosts that resolve to non-public addresses: loopback, private (10/8,
     * 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10), any-local and
     * multicast. The check is made after DNS resolution on every connection, redirects included,
     * and fails with {@link io.github.can4000.Reason#BLOCKED_ADDRESS}. Turn it on in services that
     * download manifests supplied by others, so that a manifest cannot make the service reach its
     * internal network. Default false.
     *
     * @param block whether to refuse non-public addresses
     * @return this builder
     */
    public Builder blockPrivateAddresses(boolean block) {
      Args.requireUnset(this.blockPrivateAddresses, "blockPrivateAddresses");
      this.blockPrivateAddresses = block;
      return this;
    }

    /**
     * Sets how many bytes of response bodies all requests of this fetcher may buffer in memory at
     * once. Each body reserves heap from this budget as it grows (its whole Content-Length at once
     * when one is declared); when the budget is exhausted, a growing body waits for others to
     * finish, within its attempt timeout, and fails with {@link io.github.can4000.Reason#TIMEOUT}
     * if they do not. A body that is the only one holding budget may always grow to {@link
     * #maxBodyBytes}, so a budget smaller than the maximum body size never fails a download by
     * itself. The bytes are released when the fetch returns: bodies handed to the caller are no
     * longer counted.
     *
     * <p>Without a budget, {@code n} concurrent requests could buffer {@code n} times {@link
     * #maxBodyBytes} (16 rows in flight at 32 MiB: 512 MiB). Default {@link
     * HttpFetchers#defaultBodyBufferBudget()}.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder bodyBufferBudget(long bytes) {
      Args.requireUnset(this.bodyBufferBudget, "bodyBufferBudget");
      this.bodyBufferBudget = Args.checkPositive(bytes, "bodyBufferBudget");
      return this;
    }

    /**
     * Returns a new fetcher with these settings. Close it when done.
     *
     * @throws IllegalArgumentException if the settings contradict each other (a per-host limit
     *     above the total, or a connect or read timeout explicitly set longer than the attempt
     *     timeout)
     */
    public Fetcher build() {
      int total = maxConnections != null ? maxConnections : DEFAULT_MAX_CONNECTIONS;
      int perHost =
          maxConnectionsPerHost != null
              ? maxConnectionsPerHost
              : Math.min(DEFAULT_MAX_CONNECTIONS_PER_HOST, total);
      if (perHost > total) {
        throw new IllegalArgumentException(
            "maxConnectionsPerHost " + perHost + " exceeds maxConnections " + total);
      }
      Duration attempt = attemptTimeout != null ? attemptTimeout : DEFAULT_ATTEMPT_TIMEOUT;
      if (connectTimeout != null && connectTimeout.compareTo(attempt) > 0) {
        throw new IllegalArgumentException(
            "connectTimeout "
                + Args.format(connectTimeout)
                + " exceeds attemptTimeout "
                + Args.format(attempt));
      }
      if (readTimeout != null && readTimeout.compareTo(attempt) > 0) {
        throw new IllegalArgumentException(
            "readTimeout "
                + Args.format(readTimeout)
                + " exceeds attemptTimeout "
                + Args.format(attempt));
      }
      Duration connect =
          min(connectTimeout != null ? connectTimeout : DEFAULT_CONNECT_TIMEOUT, attempt);
      Duration read = min(readTimeout != null ? readTimeout : DEFAULT_READ_TIMEOUT, attempt);
      HttpConfig config =
          new HttpConfig(
              userAgent != null ? userAgent : DEFAULT_USER_AGENT,
              connect,
              read,
              attempt,
              maxRedirects != null ? maxRedirects : DEFAULT_MAX_REDIRECTS,
              maxBodyBytes != null ? maxBodyBytes : DEFAULT_MAX_BODY_BYTES,
              retryPolicy != null ? retryPolicy : RetryPolicy.defaults(),
              total,
              perHost,
              blockPrivateAddresses != null && blockPrivateAddresses,
              bodyBufferBudget != null ? bodyBufferBudget : defaultBodyBufferBudget(),
              proxies != null ? proxies : Proxies.fromSystem(),
              hostResolver != null ? hostResolver : HostResolver.system(),
              honourRobotsTag == null || honourRobotsTag,
              noNetworkAfterHosts != null ? noNetworkAfterHosts : DEFAULT_NO_NETWORK_AFTER_HOSTS,
              hostMemory != null ? hostMemory : DEFAULT_HOST_MEMORY);
      return new HttpFetcher(config);
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }
}
