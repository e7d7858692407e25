package io.github.can4000.io.http;

import io.github.can4000.Reason;
import io.github.can4000.internal.BytesAccess;
import io.github.can4000.io.http.RetryPolicy.FailedAttempt;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.TruncatedChunkException;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP fetcher built by {@link HttpFetchers.Builder}. Redirects, retries, content decoding and
 * the per-host limit are handled here rather than by HttpClient, so that every hop is checked
 * (scheme, loop, host slot, deadline) and every failure maps to one {@link Reason}.
 *
 * <p>Blocking socket reads do not respond to {@link Thread#interrupt()}: a timer thread aborts the
 * connection of an exchange whose attempt deadline passed, whose thread was interrupted, or whose
 * fetcher was closed, so that no read outlives any of those.
 */
final class HttpFetcher implements Fetcher {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** Error and redirect bodies up to this size are read so the connection can be reused. */
  private static final long DRAIN_LIMIT = 16 * 1024;

  private static final long WATCHDOG_MILLIS = 50;
  private static final String ACCEPT =
      "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
  private static final String[] KEPT_HEADERS = {"content-type", "etag", "last-modified"};

  private final HttpConfig config;
  private final CloseableHttpClient client;
  private final ScheduledThreadPoolExecutor timer;
  private final Slots slots;
  private final ByteBudget budget;
  private final HostHealth health;
  private final Set<Exchange> exchanges = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closed;

  HttpFetcher(HttpConfig config) {
    this.config = config;
    this.slots = new Slots(config.maxConnections(), config.maxConnectionsPerHost());
    this.budget = new ByteBudget(config.bodyBufferBudget());
    this.health = new HostHealth(config.offlineAfterHosts(), config.hostMemory());
    Proxies proxies = config.proxies();
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(
                new GuardedDnsResolver(
                    config.blockPrivateAddresses(),
                    config.connectTimeout(),
                    config.hostResolver()::resolve,
                    proxies::isProxyHost))
            .setMaxConnTotal(config.maxConnections())
            .setMaxConnPerRoute(config.maxConnectionsPerHost())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout(config.connectTimeout()))
                    .setSocketTimeout(timeout(config.readTimeout()))
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .setTimeToLive(TimeValue.ofMinutes(5))
                    .build())
            .build();
    RequestConfig requestConfig =
        RequestConfig.custom()
            .setConnectionRequestTimeout(timeout(config.attemptTimeout()))
            .setResponseTimeout(timeout(config.readTimeout()))
            .setRedirectsEnabled(false)
            .setContentCompressionEnabled(false)
            // no "Upgrade: TLS/1.2" on plain http: images need no RFC 2817 upgrade, and servers
            // behind
            // proxies that drop the Connection header answer such requests with 400
            .setProtocolUpgradeEnabled(false)
            .setCookieSpec(StandardCookieSpec.RELAXED)
            .build();
    BasicCredentialsProvider credentials = new BasicCredentialsProvider();
    for (Proxies.Server server : proxies.servers()) {
      if (server.user() != null) {
        credentials.setCredentials(
            new AuthScope(server.host(), server.port()),
            new UsernamePasswordCredentials(server.user(), server.password().toCharArray()));
      }
    }
    this.client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setRoutePlanner(new ProxyRoutePlanner(proxies))
            .setDefaultCredentialsProvider(credentials)
            .setUserAgent(config.userAgent())
            .setDefaultRequestConfig(requestConfig)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableContentCompression()
            .disableAuthCaching()
            .evictIdleConnections(TimeValue.ofSeconds(30))
            .build();
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "can4000-http-timer");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    timer.scheduleWithFixedDelay(
        this::abortInterrupted, WATCHDOG_MILLIS, WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public Fetched fetch(String url) throws FetchException, InterruptedException {
    Objects.requireNonNull(url, "url");
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before fetching " + url);
    }
    if (closed) {
      throw new FetchException(Reason.CANCELLED, url, 0, 0, "fetcher is closed");
    }
    URI uri = toUri(url);
    RetryPolicy policy = config.retryPolicy();
    String host = UrlEncoder.host(uri);
    FetchException previous = null;
    for (int attempt = 1; ; attempt++) {
      if (health.offline()) {
        if (previous != null) {
          throw previous;
        }
        throw new FetchException(
            Reason.NO_NETWORK,
            url,
            0,
            attempt - 1,
            "not tried: the first "
                + health.offlineAfter()
                + " hosts all failed at the DNS or connection level and no server answered, "
                + "so this machine seems to reach no image host (no network, a proxy needed, or a firewall)");
      }
      Failure failure;
      try {
        Response r = attempt(uri);
        LOG.debug(
            "fetched {} ({} bytes, HTTP {}, attempt {})", url, r.body.size(), r.status, attempt);
        return new Fetched(url, r.body, r.status, attempt, r.headers);
      } catch (Failure f) {
        failure = f;
      }
      if (failure.notTried && previous != null) {
        // the retry found the host dead: the first failure says more
        throw previous;
      }
      FetchException error =
          new FetchException(
              failure.reason,
              url,
              failure.status,
              failure.notTried ? attempt - 1 : attempt,
              failure.getMessage(),
              failure.getCause());
      if (failure.reason == Reason.CANCELLED || failure.notTried || closed) {
        throw error;
      }
      if (failure.reason == Reason.OPTED_OUT) {
        throw error;
      }
      if (failure.reason == Reason.TIMEOUT
          && health.remembers()
          && (failure.readTimeout || health.isSlow(host))) {
        // a host that kept silent past the read timeout, or did not finish within the attempt
        // timeout, is slow for the rest of the run: waiting for it again would hold a fetch for as
        // long
        LOG.debug("not retrying {}: its host timed out in this run", url);
        throw new FetchException(
            failure.reason,
            url,
            failure.status,
            attempt,
            failure.getMessage() + "; not retried: the host timed out in this run",
            failure.getCause());
      }
      previous = error;
      Optional<Duration> delay;
      try {
        delay =
            policy.retryDelay(
                new FailedAttempt(
                    url,
                    attempt,
                    failure.reason,
                    failure.status,
                    Optional.ofNullable(failure.retryAfter)));
      } catch (RuntimeException e) {
        LOG.warn("retry policy {} failed on {}; not retrying", policy, url, e);
        throw error;
      }
      if (delay == null || delay.isEmpty()) {
        LOG.debug(
            "giving up on {} after attempt {}: {} {}",
            url,
            attempt,
            failure.reason,
            failure.getMessage());
        throw error;
      }
      long nanos = saturatedNanos(delay.get());
      LOG.debug(
          "attempt {} of {} failed ({}: {}); retrying in {} ms",
          attempt,
          url,
          failure.reason,
          failure.getMessage(),
          nanos / 1_000_000);
      if (nanos > 0 && closedLatch.await(nanos, TimeUnit.NANOSECONDS) || closed) {
        throw new FetchException(
            Reason.CANCELLED,
            url,
            failure.status,
            attempt,
            "fetcher closed while waiting to retry after: " + failure.getMessage(),
            failure.getCause());
      }
    }
  }

  /** Aborts every exchange in progress, then closes the connection pool and the timer. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    closedLatch.countDown();
    for (Exchange e : exchanges) {
      e.request.cancel();
    }
    timer.shutdownNow();
    client.close(CloseMode.IMMEDIATE);
    LOG.debug("HTTP fetcher closed");
  }

  /** Returns the body buffer budget (tests). */
  ByteBudget budget() {
    return budget;
  }

  @Override
  public String toString() {
    return "HttpFetcher" + config.toString().substring("HttpConfig".length());
  }

  private static URI toUri(String url) throws FetchException {
    String scheme = UrlEncoder.scheme(url);
    if (scheme == null) {
      throw new FetchException(Reason.BAD_URL, url, 0, 0, "URL has no scheme: '" + url + "'");
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(
          Reason.UNSUPPORTED_SCHEME,
          url,
          0,
          0,
          "scheme '" + scheme + "' is not supported (only http and https): '" + url + "'");
    }
    try {
      return UrlEncoder.encode(url);
    } catch (UrlEncoder.BadUrlException e) {
      throw new FetchException(Reason.BAD_URL, url, 0, 0, e.getMessage());
    }
  }

  /** One attempt: the request, its redirects and the final body. */
  private Response attempt(URI start) throws Failure, InterruptedException {
    HttpClientContext context = HttpClientContext.create();
    context.setCookieStore(new BasicCookieStore());
    Set<URI> visited = new HashSet<>();
    visited.add(start);
    URI current = start;
    long attemptNanos = config.attemptTimeout().toNanos();
    long deadline = 0;
    boolean started = false;
    int redirects = 0;
    while (true) {
      String host = UrlEncoder.host(current);
      checkAlive(host);
      long slotTimeout = started ? deadline - System.nanoTime() : Long.MAX_VALUE;
      if (slotTimeout <= 0 || !slots.acquire(host, slotTimeout, () -> closed)) {
        if (closed) {
          throw new Failure(Reason.CANCELLED, 0, "fetcher closed", null, null);
        }
        throw new Failure(
            Reason.TIMEOUT,
            0,
            "attempt timeout of "
                + config.attemptTimeout().toMillis()
                + " ms passed waiting for a connection slot for "
                + host,
            null,
            null);
      }
      Hop hop;
      try {
        checkAlive(host);
        if (!started) {
          started = true;
          deadline = System.nanoTime() + attemptNanos;
        }
        hop = exchange(current, context, deadline);
      } catch (Failure f) {
        if (f.hostDown) {
          health.markDead(host, f.reason, f.getMessage());
        } else if (f.readTimeout) {
          health.markSlow(host);
        }
        throw f;
      } finally {
        slots.release(host);
      }
      if (hop.location == null) {
        return hop.response;
      }
      redirects++;
      if (redirects > config.maxRedirects()) {
        throw new Failure(
            Reason.REDIRECT,
            hop.status,
            "more than "
                + config.maxRedirects()
                + " redirects; the last from "
                + current
                + " to '"
                + hop.location
                + "'",
            null,
            null);
      }
      URI next;
      try {
        next = UrlEncoder.resolve(current, hop.location);
      } catch (UrlEncoder.BadUrlException e) {
        throw new Failure(
            Reason.REDIRECT,
            hop.status,
            "unusable redirect from " + current + ": " + e.getMessage(),
            null,
            null);
      }
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new Failure(
            Reason.REDIRECT,
            hop.status,
            "redirect from " + current + " to unsupported scheme '" + scheme + "': " + next,
            null,
            null);
      }
      if (UrlEncoder.host(next) == null) {
        throw new Failure(
            Reason.REDIRECT,
            hop.status,
            "redirect from " + current + " to a URL without host: " + next,
            null,
            null);
      }
      if (!visited.add(next)) {
        throw new Failure(
            Reason.REDIRECT,
            hop.status,
            "redirect loop: " + current + " redirects to " + next + ", visited before",
            null,
            null);
      }
      LOG.debug("HTTP {} redirect from {} to {}", hop.status, current, next);
      current = next;
    }
  }

  /** Fails at once if {@code host} failed at the DNS or connection level earlier in this run. */
  private void checkAlive(String host) throws Failure {
    HostHealth.Dead dead = health.dead(host);
    if (dead != null) {
      throw new Failure(
              dead.reason(),
              0,
              "not tried: host " + host + " failed earlier in this run: " + dead.detail(),
              null,
              null)
          .notTried();
    }
  }

  /** One request and response; returns the body, or the Location of a redirect. */
  private Hop exchange(URI uri, HttpClientContext context, long deadline)
      throws Failure, InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw deadlinePassed(0, false, null);
    }
    HttpGet get = new HttpGet(uri);
    get.setHeader("Accept", ACCEPT);
    get.setHeader("Accept-Encoding", "gzip, deflate");
    Exchange ex = new Exchange(get, Thread.currentThread());
    exchanges.add(ex);
    ScheduledFuture<?> deadlineTask = null;
    ClassicHttpResponse response = null;
    boolean inBody = false;
    boolean released = false;
    int status = 0;
    try {
      if (closed) {
        throw new Failure(Reason.CANCELLED, 0, "fetcher closed", null, null);
      }
      deadlineTask = timer.schedule(ex::expire, left, TimeUnit.NANOSECONDS);
      response = client.executeOpen(null, get, context);
      status = response.getCode();
      health.responded();
      if (REDIRECTS.contains(status)) {
        Header location = response.getFirstHeader("Location");
        if (location != null) {
          discard(get, response);
          released = true;
          return new Hop(status, location.getValue(), null);
        }
      }
      if (status < 200 || status > 299) {
        Duration retryAfter = retryAfter(response);
        String phrase = response.getReasonPhrase();
        discard(get, response);
        released = true;
        throw new Failure(
            Reason.HTTP_STATUS,
            status,
            "HTTP "
                + status
                + (phrase == null || phrase.isEmpty() ? "" : " " + phrase)
                + " from "
                + uri,
            null,
            retryAfter);
      }
      String optOut =
          config.honourRobotsTag() ? RobotsTag.optOut(response.getHeaders("X-Robots-Tag")) : null;
      if (optOut != null) {
        discard(get, response);
        released = true;
        throw new Failure(
            Reason.OPTED_OUT,
            status,
            "X-Robots-Tag '"
                + optOut
                + "' from "
                + uri
                + ": the site opts out of AI use of its images (download --ignore-robots-tag to fetch it anyway)",
            null,
            null);
      }
      inBody = true;
      Bytes body = readBody(response.getEntity(), response, status, deadline);
      response.close();
      released = true;
      return new Hop(status, null, new Response(body, status, keptHeaders(response)));
    } catch (IOException e) {
      get.cancel();
      if (Thread.interrupted()) {
        InterruptedException ie = new InterruptedException("interrupted while fetching " + uri);
        ie.initCause(e);
        throw ie;
      }
      throw failure(e, ex, inBody, status, uri);
    } catch (CancellationException e) {
      // the connection lease was cancelled while waiting for a pooled connection: by close(), by
      // the attempt's deadline (Exchange.expire) or with the calling thread's interrupt
      get.cancel();
      if (Thread.interrupted()) {
        InterruptedException ie = new InterruptedException("interrupted while fetching " + uri);
        ie.initCause(e);
        throw ie;
      }
      IOException io = new IOException("connection request cancelled", e);
      throw failure(io, ex, inBody, status, uri);
    } catch (RejectedExecutionException | IllegalStateException e) {
      get.cancel();
      if (closed) {
        throw new Failure(Reason.CANCELLED, status, "fetcher closed", e, null);
      }
      throw e;
    } finally {
      if (deadlineTask != null) {
        deadlineTask.cancel(false);
      }
      exchanges.remove(ex);
      if (!released) {
        get.cancel();
        if (response != null) {
          try {
            response.close();
          } catch (IOException | RuntimeException ignored) {
            // the connection was aborted: nothing to release gracefully
          }
        }
      }
    }
  }

  private Bytes readBody(HttpEntity entity, ClassicHttpResponse response, int status, long deadline)
      throws IOException, Failure, InterruptedException {
    if (entity == null) {
      return Bytes.empty();
    }
    long max = config.maxBodyBytes();
    long declared = entity.getContentLength();
    if (declared > max) {
      throw new Failure(
          Reason.TOO_LARGE,
          status,
          "Content-Length " + declared + " exceeds the maximum of " + max + " bytes",
          null,
          null);
    }
    InputStream raw = new LimitedInputStream(entity.getContent(), max, "body");
    InputStream in = decode(raw, response.getHeaders("Content-Encoding"));
    try (BudgetedBuffer out = new BudgetedBuffer(deadline, status)) {
      if (in == raw && declared > 0) {
        // the exact size is known: reserve it at once, so this body never waits for memory while
        // holding some (the buffer is handed over without a copy)
        out.reserveUpFront(declared);
        out.ensure(declared, true);
      } else {
        out.ensure(declared > 0 ? declared : 64 * 1024, false);
      }
      out.readAll(in, max);
      in.close();
      return out.toBytes();
    }
  }

  /**
   * A growing byte array whose every allocation is first reserved from the fetcher's {@link
   * ByteBudget}; closing it releases the reservation.
   */
  private final class BudgetedBuffer implements AutoCloseable {
    private final long deadline;
    private final int status;
    private final ByteBudget.Lease lease = budget.lease();
    private byte[] buf = new byte[0];
    private int count;

    /** Bytes reserved before reading, kept until the end. */
    private long floor;

    BudgetedBuffer(long deadline, int status) {
      this.deadline = deadline;
      this.status = status;
    }

    void reserveUpFront(long bytes) throws Failure, InterruptedException {
      need(bytes);
      floor = bytes;
    }

    /** Makes room for {@code min} bytes in all, exactly or with room to grow. */
    void ensure(long min, boolean exact) throws Failure, InterruptedException {
      if (min <= buf.length) {
        return;
      }
      long size =
          exact
              ? min
              : Math.min(
                  config.maxBodyBytes(), Math.max(min, Math.max(64 * 1024, 2L * buf.length)));
      need(buf.length + size); // both arrays exist while copying
      buf = Arrays.copyOf(buf, (int) size);
      trim(size); // the old array is garbage now
    }

    /** Reads {@code in} to its end straight into the buffer, growing it as needed. */
    void readAll(InputStream in, long max) throws IOException, Failure, InterruptedException {
      while (true) {
        if (count == buf.length) {
          // full: grow only if the body goes on (a body of known length never grows)
          int b = in.read();
          if (b == -1) {
            return;
          }
          if (count >= max) {
            throw new BodyTooLargeException(
                "decoded body exceeds the maximum of " + max + " bytes");
          }
          ensure((long) count + 1, false);
          buf[count++] = (byte) b;
          continue;
        }
        int n = in.read(buf, count, buf.length - count);
        if (n == -1) {
          return;
        }
        count += n;
      }
    }

    /**
     * Hands the content over: the buffer itself when it is full (the usual case, as bodies with a
     * Content-Length are read into a buffer of that size), else a copy, reserved too while both
     * exist.
     */
    Bytes toBytes() throws Failure, InterruptedException {
      if (count == 0) {
        return Bytes.empty();
      }
      if (count == buf.length) {
        byte[] b = buf;
        buf = new byte[0];
        count = 0;
        return BytesAccess.wrap(b);
      }
      need((long) buf.length + count);
      return Bytes.copyOf(buf, 0, count);
    }

    /** Makes the reservation at least {@code total} bytes. */
    private void need(long total) throws Failure, InterruptedException {
      long more = total - lease.held();
      if (more <= 0) {
        return;
      }
      if (!lease.reserve(more, deadline, () -> closed)) {
        if (closed) {
          throw new Failure(Reason.CANCELLED, status, "fetcher closed", null, null);
        }
        throw new Failure(
            Reason.TIMEOUT,
            status,
            "attempt timeout of "
                + config.attemptTimeout().toMillis()
                + " ms passed waiting for memory to buffer the body ("
                + budget
                + ")",
            null,
            null);
      }
    }

    /** Lowers the reservation to {@code total} bytes, or the up-front reservation. */
    private void trim(long total) {
      long excess = lease.held() - Math.max(total, floor);
      if (excess > 0) {
        lease.release(excess);
      }
    }

    @Override
    public void close() {
      buf = null;
      lease.close();
    }
  }

  /** Undoes the content codings, last applied first; unknown codings are left as they are. */
  private static InputStream decode(InputStream raw, Header[] headers) throws IOException {
    List<String> codings = new ArrayList<>();
    for (Header h : headers) {
      for (String token : h.getValue().split(",")) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty() && !t.equals("identity")) {
          codings.add(t);
        }
      }
    }
    if (codings.isEmpty()) {
      return raw;
    }
    PushbackInputStream peek = new PushbackInputStream(raw, 1);
    int first = peek.read();
    if (first < 0) {
      return peek; // an empty body is empty in any coding
    }
    peek.unread(first);
    InputStream in = peek;
    for (int i = codings.size() - 1; i >= 0; i--) {
      String coding = codings.get(i);
      switch (coding) {
        case "gzip":
        case "x-gzip":
          in = new GZIPInputStream(in, 8192);
          break;
        case "deflate":
          in = inflate(in);
          break;
        default:
          LOG.debug("leaving unknown content coding '{}' as it is", coding);
          return in;
      }
    }
    return in;
  }

  /** Inflates "deflate" content, which servers send with or without the zlib wrapper. */
  private static InputStream inflate(InputStream in) throws IOException {
    PushbackInputStream p = new PushbackInputStream(in, 2);
    int b0 = p.read();
    int b1 = b0 < 0 ? -1 : p.read();
    if (b1 >= 0) {
      p.unread(b1);
    }
    if (b0 >= 0) {
      p.unread(b0);
    }
    boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
    Inflater inflater = new Inflater(!zlib);
    return new InflaterInputStream(p, inflater, 8192) {
      private boolean ended;

      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          if (!ended) {
            ended = true;
            inflater.end();
          }
        }
      }
    };
  }

  /**
   * Reads a small error or redirect body to its end so the connection can be reused; aborts the
   * connection instead when the body is larger than {@link #DRAIN_LIMIT} or reading it fails.
   */
  private static void discard(HttpGet get, ClassicHttpResponse response) {
    HttpEntity entity = response.getEntity();
    try {
      if (entity != null) {
        if (entity.getContentLength() > DRAIN_LIMIT) {
          get.cancel();
        } else {
          InputStream in = entity.getContent();
          byte[] buffer = new byte[4096];
          long total = 0;
          int n;
          while (total <= DRAIN_LIMIT && (n = in.read(buffer)) != -1) {
            total += n;
          }
          if (total > DRAIN_LIMIT) {
            get.cancel();
          }
        }
      }
      response.close();
    } catch (IOException | RuntimeException e) {
      get.cancel();
      try {
        response.close();
      } catch (IOException | RuntimeException ignored) {
        // aborted: nothing to release gracefully
      }
    }
  }

  private static Duration retryAfter(ClassicHttpResponse response) {
    Header h = response.getFirstHeader("Retry-After");
    if (h == null || h.getValue() == null) {
      return null;
    }
    return parseRetryAfter(h.getValue(), Instant.now());
  }

  /** Parses a Retry-After value: seconds, or an HTTP date; returns null if it is neither. */
  static Duration parseRetryAfter(String value, Instant now) {
    String v = value.trim();
    if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return v.length() > 12
          ? Duration.ofSeconds(999_999_999_999L)
          : Duration.ofSeconds(Long.parseLong(v));
    }
    Instant when = DateUtils.parseStandardDate(v);
    if (when == null) {
      return null;
    }
    Duration d = Duration.between(now, when);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Map<String, String> keptHeaders(ClassicHttpResponse response) {
    Map<String, String> m = new HashMap<>();
    for (String name : KEPT_HEADERS) {
      Header h = response.getFirstHeader(name);
      if (h != null && h.getValue() != null) {
        m.put(name, h.getValue());
      }
    }
    return m;
  }

  private Failure failure(IOException e, Exchange ex, boolean inBody, int status, URI uri) {
    if (closed) {
      return new Failure(Reason.CANCELLED, status, "fetcher closed while fetching " + uri, e, null);
    }
    if (ex.expired) {
      return deadlinePassed(status, inBody, e).readTimeout();
    }
    String detail =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (e instanceof BodyTooLargeException) {
      return new Failure(Reason.TOO_LARGE, status, e.getMessage() + " (" + uri + ")", null, null);
    }
    GuardedDnsResolver.BlockedAddressException blocked =
        find(e, GuardedDnsResolver.BlockedAddressException.class);
    if (blocked != null) {
      return new Failure(Reason.BLOCKED_ADDRESS, status, blocked.getMessage(), e, null);
    }
    if (find(e, UnknownHostException.class) != null) {
      return new Failure(
              Reason.DNS,
              status,
              "unknown host " + UrlEncoder.host(uri) + " (" + detail + ")",
              e,
              null)
          .hostDown();
    }
    if (e instanceof ConnectTimeoutException || find(e, SocketTimeoutException.class) != null) {
      boolean connect = e instanceof ConnectTimeoutException;
      String what =
          connect
              ? "connect timeout of " + config.connectTimeout().toMillis()
              : "read timeout of " + config.readTimeout().toMillis();
      Failure f =
          new Failure(
              Reason.TIMEOUT,
              status,
              what
                  + " ms passed"
                  + (inBody ? " while reading the body" : "")
                  + " from "
                  + uri
                  + " ("
                  + detail
                  + ")",
              e,
              null);
      return connect ? f.hostDown() : f.readTimeout();
    }
    if (inBody
        && (e instanceof ConnectionClosedException
            || e instanceof MalformedChunkCodingException
            || e instanceof TruncatedChunkException
            || e instanceof SocketException
            || e instanceof EOFException)) {
      return new Failure(
          Reason.TRUNCATED, status, "body from " + uri + " ended early (" + detail + ")", e, null);
    }
    if (e instanceof SSLException) {
      return new Failure(
          Reason.IO_ERROR, status, "TLS failure with " + uri + " (" + detail + ")", e, null);
    }
    if (status == 0
        && !inBody
        && (e instanceof ConnectException || e instanceof NoRouteToHostException)) {
      return new Failure(
              Reason.CONNECT, status, "connection to " + uri + " failed (" + detail + ")", e, null)
          .hostDown();
    }
    if (e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof SocketException
        || e instanceof NoHttpResponseException
        || e instanceof ConnectionClosedException) {
      return new Failure(
          Reason.CONNECT, status, "connection to " + uri + " failed (" + detail + ")", e, null);
    }
    return new Failure(
        Reason.IO_ERROR, status, "I/O error with " + uri + " (" + detail + ")", e, null);
  }

  private Failure deadlinePassed(int status, boolean inBody, Throwable cause) {
    return new Failure(
        Reason.TIMEOUT,
        status,
        "attempt timeout of "
            + config.attemptTimeout().toMillis()
            + " ms passed"
            + (inBody ? " while reading the body" : ""),
        cause,
        null);
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /**
   * Runs on the timer: aborts the exchanges of interrupted threads, since socket reads ignore
   * interrupts.
   */
  private void abortInterrupted() {
    for (Exchange e : exchanges) {
      if (e.thread.isInterrupted()) {
        e.request.cancel();
      }
    }
  }

  private static Timeout timeout(Duration d) {
    return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
  }

  private static long saturatedNanos(Duration d) {
    if (d.isNegative()) {
      return 0;
    }
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** A request in progress, so that the timer can abort it. */
  private static final class Exchange {
    final HttpGet request;
    final Thread thread;
    volatile boolean expired;

    Exchange(HttpGet request, Thread thread) {
      this.request = request;
      this.thread = thread;
    }

    void expire() {
      expired = true;
      request.cancel();
    }
  }

  /** The outcome of one request: a final response or a redirect. */
  private static final class Hop {
    final int status;
    final String location;
    final Response response;

    Hop(int status, String location, Response response) {
      this.status = status;
      this.location = location;
      this.response = response;
    }
  }

  /** A successful final response. */
  private static final class Response {
    final Bytes body;
    final int status;
    final Map<String, String> headers;

    Response(Bytes body, int status, Map<String, String> headers) {
      this.body = body;
      this.status = status;
      this.headers = headers;
    }
  }

  /** Why an attempt failed. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final Reason reason;
    final int status;
    final transient Duration retryAfter;

    /** The host failed at the DNS or connection level: remember it as dead. */
    boolean hostDown;

    /** The server did not answer within the read timeout: remember the host as slow. */
    boolean readTimeout;

    /** No attempt was made (the host was known dead). */
    boolean notTried;

    Failure(Reason reason, int status, String message, Throwable cause, Duration retryAfter) {
      super(message, cause, false, false);
      this.reason = reason;
      this.status = status;
      this.retryAfter = retryAfter;
    }

    Failure hostDown() {
      hostDown = true;
      return this;
    }

    Failure readTimeout() {
      readTimeout = true;
      return this;
    }

    Failure notTried() {
      notTried = true;
      return this;
    }
  }

  /** Signals a body past the size limit. */
  private static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(String message) {
      super(message);
    }
  }

  /** Counts the bytes read and fails once more than {@code max} have arrived. */
  private static final class LimitedInputStream extends FilterInputStream {
    private final long max;
    private final String what;
    private long count;

    LimitedInputStream(InputStream in, long max, String what) {
      super(in);
      this.max = max;
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(long n) throws BodyTooLargeException {
      count += n;
      if (count > max) {
        throw new BodyTooLargeException(what + " exceeds the maximum of " + max + " bytes");
      }
    }
  }
}
