package io.github.can4000.io.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.can4000.Reason;
import io.github.can4000.fixtures.RawServer;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP fetcher against real sockets on loopback: WireMock, and a raw server for lying
 * responses.
 */
class HttpFetcherTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Duration BOUND = Duration.ofSeconds(3);
  private static byte[] png;
  private Fetcher fetcher;

  @BeforeAll
  static void makeImageAndWarmUp() throws IOException {
    warmUp(wm);
    BufferedImage img = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 12; y++) {
      for (int x = 0; x < 16; x++) {
        img.setRGB(x, y, (x * 16) << 16 | (y * 20) << 8 | 0x40);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    png = out.toByteArray();
  }

  @AfterEach
  void closeFetcher() {
    if (fetcher != null) {
      fetcher.close();
    }
  }

  /** A builder with short timeouts (the read timeout leaves room for WireMock's first request). */
  private static HttpFetchers.Builder fast() {
    return HttpFetchers.builder()
        .connectTimeout(Duration.ofMillis(500))
        .readTimeout(Duration.ofMillis(1000))
        .attemptTimeout(Duration.ofSeconds(2));
  }

  private Fetcher use(HttpFetchers.Builder b) {
    fetcher = b.build();
    return fetcher;
  }

  private static FetchException failure(Fetcher f, String url) {
    return assertTimeoutPreemptively(
        BOUND,
        () -> {
          try {
            Fetched ok = f.fetch(url);
            throw new AssertionError("expected a failure but fetched " + ok);
          } catch (FetchException e) {
            return e;
          }
        });
  }

  private static Fetched success(Fetcher f, String url) {
    return assertTimeoutPreemptively(BOUND, () -> f.fetch(url));
  }

  @Test
  void fetchesImageBytesAndKeepsSelectedHeaders() {
    wm.stubFor(
        get("/img.png")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "image/png")
                    .withHeader("ETag", "\"abc\"")
                    .withHeader("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT")
                    .withHeader("X-Other", "dropped")
                    .withBody(png)));
    Fetcher f = use(fast().retryPolicy(RetryPolicy.none()));

    Fetched r = success(f, wm.url("/img.png"));

    assertThat(r.body().toByteArray()).isEqualTo(png);
    assertThat(r.httpStatus()).isEqualTo(200);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.url()).isEqualTo(wm.url("/img.png"));
    assertThat(r.headers())
        .containsEntry("content-type", "image/png")
        .containsEntry("etag", "\"abc\"")
        .containsEntry("last-modified", "Wed, 21 Oct 2015 07:28:00 GMT")
        .doesNotContainKey("x-other");
    wm.verify(
        getRequestedFor(urlEqualTo("/img.png"))
            .withHeader(
                "User-Agent",
                com.github.tomakehurst.wiremock.client.WireMock.containing("Mozilla/5.0"))
            .withHeader(
                "Accept-Encoding",
                com.github.tomakehurst.wiremock.client.WireMock.containing("gzip")));
  }

  @Test
  void reusesPooledConnections() {
    wm.stubFor(get("/img.png").willReturn(aResponse().withStatus(200).withBody(png)));
    Fetcher f = use(fast().retryPolicy(RetryPolicy.none()));
    for (int i = 0; i < 5; i++) {
      assertThat(success(f, wm.url("/img.png")).body().size()).isEqualTo(png.length);
    }
  }

  @Test
  void userAgentIsConfigurable() {
    wm.stubFor(get("/img.png").willReturn(aResponse().withStatus(200).withBody(png)));
    Fetcher f = use(fast().userAgent("can4000-test/1.0"));
    success(f, wm.url("/img.png"));
    wm.verify(
        getRequestedFor(urlEqualTo("/img.png"))
            .withHeader(
                "User-Agent",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("can4000-test/1.0")));
  }

  @Test
  void slowFirstByteTimesOut() {
    wm.stubFor(
        get("/slow").willReturn(aResponse().withStatus(200).withBody(png).withFixedDelay(2000)));
    Fetcher f =
        use(
            HttpFetchers.builder()
                .connectTimeout(Duration.ofMillis(500))
                .readTimeout(Duration.ofMillis(300))
                .attemptTimeout(Duration.ofSeconds(2))
                .retryPolicy(RetryPolicy.none()));
    long start = System.nanoTime();

    FetchException e = failure(f, wm.url("/slow"));

    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void drippingBodyIsEndedByTheAttemptDeadline() {
    byte[] body = new byte[20_000];
    // 10 chunks over 4 s: a chunk every 400 ms, each within the 600 ms read timeout
    wm.stubFor(
        get("/drip")
            .willReturn(
                aResponse().withStatus(200).withBody(body).withChunkedDribbleDelay(10, 4000)));
    Fetcher f =
        use(
            HttpFetchers.builder()
                .connectTimeout(Duration.ofMillis(500))
                .readTimeout(Duration.ofMillis(600))
                .attemptTimeout(Duration.ofMillis(1000))
                .retryPolicy(RetryPolicy.none()));
    long start = System.nanoTime();

    FetchException e = failure(f, wm.url("/drip"));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(e.getMessage()).contains("attempt timeout");
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(900))
        .isLessThan(Duration.ofMillis(2000));
  }

  @Test
  void connectionResetIsConnect() {
    wm.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    FetchException e = failure(use(fast().retryPolicy(RetryPolicy.none())), wm.url("/reset"));
    assertThat(e.reason()).isEqualTo(Reason.CONNECT);
    assertThat(e.httpStatus()).isZero();
  }

  @Test
  void emptyResponseIsConnectAndRetried() {
    wm.stubFor(get("/empty").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    FetchException e = failure(use(fast().retryPolicy(fastBackoff(2))), wm.url("/empty"));
    assertThat(e.reason()).isEqualTo(Reason.CONNECT);
    assertThat(e.attempts()).isEqualTo(2);
    wm.verify(2, getRequestedFor(urlEqualTo("/empty")));
  }

  @Test
  void malformedChunkIsTruncated() {
    wm.stubFor(get("/chunk").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
    FetchException e = failure(use(fast().retryPolicy(RetryPolicy.none())), wm.url("/chunk"));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.httpStatus()).isEqualTo(200);
  }

  @Test
  void randomDataThenCloseIsConnect() {
    // HttpClient skips garbage before a status line, then meets the end of the stream: no response
    wm.stubFor(get("/random").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
    FetchException e = failure(use(fast().retryPolicy(RetryPolicy.none())), wm.url("/random"));
    assertThat(e.reason()).isEqualTo(Reason.CONNECT);
    assertThat(e.httpStatus()).isZero();
  }

  @Test
  void notFoundIsNotRetried() {
    wm.stubFor(
        get("/missing").willReturn(aResponse().withStatus(404).withBody("<html>not here</html>")));
    FetchException e = failure(use(fast()), wm.url("/missing"));
    assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.url()).isEqualTo(wm.url("/missing"));
    wm.verify(1, getRequestedFor(urlEqualTo("/missing")));
  }

  @Test
  void serverErrorIsRetriedThenReported() {
    wm.stubFor(get("/error").willReturn(aResponse().withStatus(500).withBody("oops")));
    FetchException e = failure(use(fast().retryPolicy(fastBackoff(3))), wm.url("/error"));
    assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e.attempts()).isEqualTo(3);
    wm.verify(3, getRequestedFor(urlEqualTo("/error")));
  }

  @Test
  void unavailableThenOkSucceedsOnSecondAttempt() {
    wm.stubFor(
        get("/flaky")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    wm.stubFor(
        get("/flaky")
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(200).withBody(png)));

    Fetched r = success(use(fast()), wm.url("/flaky"));

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.body().toByteArray()).isEqualTo(png);
  }

  @Test
  void tooManyRequestsHonoursRetryAfter() {
    wm.stubFor(
        get("/busy")
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("free"));
    wm.stubFor(
        get("/busy")
            .inScenario("busy")
            .whenScenarioStateIs("free")
            .willReturn(aResponse().withStatus(200).withBody(png)));
    long start = System.nanoTime();

    Fetched r = success(use(fast()), wm.url("/busy"));

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(950), Duration.ofMillis(2500));
  }

  @Test
  void retryAfterBeyondTheCapIsNotWaitedFor() {
    wm.stubFor(
        get("/later").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));
    FetchException e = failure(use(fast()), wm.url("/later"));
    assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
    assertThat(e.attempts()).isEqualTo(1);
  }

  @Test
  void followsRedirectChain() {
    wm.stubFor(
        get("/r1").willReturn(aResponse().withStatus(301).withHeader("Location", wm.url("/r2"))));
    wm.stubFor(get("/r2").willReturn(aResponse().withStatus(302).withHeader("Location", "/r3")));
    wm.stubFor(
        get("/r3")
            .willReturn(aResponse().withStatus(307).withHeader("Location", "final image.png")));
    wm.stubFor(get("/final%20image.png").willReturn(aResponse().withStatus(200).withBody(png)));

    Fetched r = success(use(fast().retryPolicy(RetryPolicy.none())), wm.url("/r1"));

    assertThat(r.body().toByteArray()).isEqualTo(png);
    assertThat(r.url()).isEqualTo(wm.url("/r1"));
    assertThat(r.attempts()).isEqualTo(1);
  }

  @Test
  void tooManyRedirectsFail() {
    wm.stubFor(get("/r1").willReturn(aResponse().withStatus(301).withHeader("Location", "/r2")));
    wm.stubFor(get("/r2").willReturn(aResponse().withStatus(301).withHeader("Location", "/r3")));
    wm.stubFor(get("/r3").willReturn(aResponse().withStatus(301).withHeader("Location", "/r4")));
    wm.stubFor(get("/r4").willReturn(aResponse().withStatus(200).withBody(png)));
    FetchException e = failure(use(fast().maxRedirects(2)), wm.url("/r1"));
    assertThat(e.reason()).isEqualTo(Reason.REDIRECT);
    assertThat(e.getMessage()).contains("more than 2 redirects");
  }

  @Test
  void redirectLoopFails() {
    wm.stubFor(get("/a").willReturn(aResponse().withStatus(302).withHeader("Location", "/b")));
    wm.stubFor(get("/b").willReturn(aResponse().withStatus(302).withHeader("Location", "/a")));
    FetchException e = failure(use(fast()), wm.url("/a"));
    assertThat(e.reason()).isEqualTo(Reason.REDIRECT);
    assertThat(e.getMessage()).contains("loop");
    assertThat(e.attempts()).isEqualTo(1);
  }

  @Test
  void redirectToFtpOrFileFails() {
    wm.stubFor(
        get("/ftp")
            .willReturn(
                aResponse().withStatus(301).withHeader("Location", "ftp://example.com/x.jpg")));
    wm.stubFor(
        get("/file")
            .willReturn(aResponse().withStatus(302).withHeader("Location", "file:///etc/passwd")));
    Fetcher f = use(fast());
    for (String path : new String[] {"/ftp", "/file"}) {
      FetchException e = failure(f, wm.url(path));
      assertThat(e.reason()).isEqualTo(Reason.REDIRECT);
      assertThat(e.getMessage()).contains("unsupported scheme");
    }
  }

  @Test
  void unsupportedSchemesAndBadUrlsFailWithoutNetwork() {
    Fetcher f = use(fast());
    assertThat(failure(f, "ftp://example.com/x.jpg").reason()).isEqualTo(Reason.UNSUPPORTED_SCHEME);
    assertThat(failure(f, "file:///etc/passwd").reason()).isEqualTo(Reason.UNSUPPORTED_SCHEME);
    assertThat(failure(f, "data:image/png;base64,AAAA").reason())
        .isEqualTo(Reason.UNSUPPORTED_SCHEME);
    assertThat(failure(f, "/etc/passwd").reason()).isEqualTo(Reason.BAD_URL);
    assertThat(failure(f, "http://exa mple.com/x").reason()).isEqualTo(Reason.BAD_URL);
    FetchException e = failure(f, "http://");
    assertThat(e.reason()).isEqualTo(Reason.BAD_URL);
    assertThat(e.attempts()).isZero();
  }

  @Test
  void declaredHugeContentLengthFailsAtOnce() throws Exception {
    try (RawServer server = RawServer.faults(png)) {
      long start = System.nanoTime();
      FetchException e =
          failure(use(fast().retryPolicy(RetryPolicy.none())), server.url(RawServer.HUGE));
      assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(e.getMessage()).contains("2147483648");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }
  }

  @Test
  void endlessChunkedBodyIsAbortedPastTheLimit() throws Exception {
    try (RawServer server = RawServer.faults(png)) {
      long start = System.nanoTime();
      FetchException e =
          failure(
              use(fast().maxBodyBytes(256 * 1024).retryPolicy(RetryPolicy.none())),
              server.url(RawServer.ENDLESS));
      assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }
  }

  @Test
  void bodyWithinTheLimitWithoutContentLengthIsRead() {
    wm.stubFor(
        get("/chunked")
            .willReturn(aResponse().withStatus(200).withBody(png).withChunkedDribbleDelay(3, 30)));
    Fetched r = success(use(fast().maxBodyBytes(png.length + 100)), wm.url("/chunked"));
    assertThat(r.body().toByteArray()).isEqualTo(png);
  }

  @Test
  void bodyOverTheLimitFromWireMockIsTooLarge() {
    wm.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody(new byte[100_000])));
    FetchException e = failure(use(fast().maxBodyBytes(50_000)), wm.url("/big"));
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(e.attempts()).isEqualTo(1);
  }

  @Test
  void bodyShorterThanContentLengthIsTruncated() throws Exception {
    try (RawServer server = RawServer.faults(png)) {
      FetchException e =
          failure(use(fast().retryPolicy(fastBackoff(2))), server.url(RawServer.SHORT));
      assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
      assertThat(e.httpStatus()).isEqualTo(200);
      assertThat(e.attempts()).isEqualTo(2);
    }
  }

  @Test
  void gzipBodyIsDecoded() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(png);
    }
    wm.stubFor(
        get("/gz")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Encoding", "gzip")
                    .withHeader("Content-Type", "image/png")
                    .withBody(gz.toByteArray())));
    Fetched r = success(use(fast()), wm.url("/gz"));
    assertThat(r.body().toByteArray()).isEqualTo(png);
  }

  @Test
  void deflateBodyIsDecodedWithOrWithoutZlibWrapper() throws IOException {
    for (boolean nowrap : new boolean[] {false, true}) {
      ByteArrayOutputStream z = new ByteArrayOutputStream();
      try (DeflaterOutputStream out =
          new DeflaterOutputStream(z, new Deflater(Deflater.DEFAULT_COMPRESSION, nowrap))) {
        out.write(png);
      }
      wm.stubFor(
          get("/deflate-" + nowrap)
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Encoding", "deflate")
                      .withBody(z.toByteArray())));
    }
    Fetcher f = use(fast());
    assertThat(success(f, wm.url("/deflate-false")).body().toByteArray()).isEqualTo(png);
    assertThat(success(f, wm.url("/deflate-true")).body().toByteArray()).isEqualTo(png);
  }

  @Test
  void gzipBombIsBoundedByTheLimit() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(new byte[4 * 1024 * 1024]);
    }
    wm.stubFor(
        get("/bomb")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(gz.toByteArray())));
    FetchException e = failure(use(fast().maxBodyBytes(1024 * 1024)), wm.url("/bomb"));
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(e.getMessage()).contains("decoded");
  }

  @Test
  void verbatimUrlsReachTheServerEncoded() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(png)));
    Fetcher f = use(fast());

    success(f, wm.baseUrl() + "/~sumbaug/Borders Complete/Dysplastic Nevus/Ael453.jpg");
    success(f, wm.baseUrl() + "/bilder/größe\\ä 100%.jpg?q=a b");
    success(f, wm.baseUrl() + "/image/chp%3A10.1007%2F978-3-030-29447-2_17/Fig1.png");

    assertThat(wm.getAllServeEvents())
        .extracting(ev -> ev.getRequest().getUrl())
        .containsExactlyInAnyOrder(
            "/~sumbaug/Borders%20Complete/Dysplastic%20Nevus/Ael453.jpg",
            "/bilder/gr%C3%B6%C3%9Fe%5C%C3%A4%20100%25.jpg?q=a%20b",
            "/image/chp%3A10.1007%2F978-3-030-29447-2_17/Fig1.png");
  }

  @Test
  void blockPrivateAddressesRefusesLoopback() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(png)));
    Fetcher f = use(fast().blockPrivateAddresses(true));

    FetchException e = failure(f, wm.url("/img.png"));
    assertThat(e.reason()).isEqualTo(Reason.BLOCKED_ADDRESS);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(failure(f, "http://localhost:" + wm.getPort() + "/img.png").reason())
        .isEqualTo(Reason.BLOCKED_ADDRESS);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void unknownHostIsDns() {
    FetchException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(15),
            () -> {
              try {
                use(fast().retryPolicy(RetryPolicy.none()))
                    .fetch("http://no-such-host.invalid/x.jpg");
                throw new AssertionError("resolved an .invalid name");
              } catch (FetchException x) {
                return x;
              }
            });
    assertThat(e.reason()).isEqualTo(Reason.DNS);
  }

  @Test
  void refusedConnectionIsConnect() throws IOException {
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    FetchException e =
        failure(use(fast().retryPolicy(RetryPolicy.none())), "http://127.0.0.1:" + port + "/x.jpg");
    assertThat(e.reason()).isEqualTo(Reason.CONNECT);
  }

  @Test
  void closeEndsASlowFetchPromptly() throws Exception {
    wm.stubFor(
        get("/slow").willReturn(aResponse().withStatus(200).withBody(png).withFixedDelay(5000)));
    Fetcher f =
        HttpFetchers.builder()
            .readTimeout(Duration.ofSeconds(10))
            .attemptTimeout(Duration.ofSeconds(20))
            .retryPolicy(RetryPolicy.none())
            .build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Fetched> pending = pool.submit(() -> f.fetch(wm.url("/slow")));
      Thread.sleep(300);
      long start = System.nanoTime();
      f.close();
      ExecutionException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(2),
              () ->
                  org.junit.jupiter.api.Assertions.assertThrows(
                      ExecutionException.class, () -> pending.get(2, TimeUnit.SECONDS)));
      assertThat(e.getCause()).isInstanceOf(FetchException.class);
      assertThat(((FetchException) e.getCause()).reason()).isEqualTo(Reason.CANCELLED);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
      assertThat(failure(f, wm.url("/slow")).reason()).isEqualTo(Reason.CANCELLED);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void interruptEndsASlowFetchPromptly() throws Exception {
    wm.stubFor(
        get("/slow").willReturn(aResponse().withStatus(200).withBody(png).withFixedDelay(5000)));
    Fetcher f =
        use(
            HttpFetchers.builder()
                .readTimeout(Duration.ofSeconds(10))
                .attemptTimeout(Duration.ofSeconds(20))
                .retryPolicy(RetryPolicy.none()));
    java.util.concurrent.atomic.AtomicReference<Object> result =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                result.set(f.fetch(wm.url("/slow")));
              } catch (Exception e) {
                result.set(e);
              }
            });
    caller.start();
    Thread.sleep(300);
    long start = System.nanoTime();
    caller.interrupt();
    caller.join(2000);
    assertThat(caller.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
    assertThat(result.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void closeEndsARetryWaitPromptly() throws Exception {
    wm.stubFor(
        get("/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));
    Fetcher f = use(fast());
    java.util.concurrent.atomic.AtomicReference<Object> result =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                result.set(f.fetch(wm.url("/busy")));
              } catch (Exception e) {
                result.set(e);
              }
            });
    caller.start();
    Thread.sleep(400);
    long start = System.nanoTime();
    f.close();
    caller.join(2000);
    assertThat(caller.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
    assertThat(result.get())
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.CANCELLED);
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.attempts()).isEqualTo(1);
            });
  }

  @Test
  void interruptDuringRetryWaitPropagates() throws Exception {
    wm.stubFor(
        get("/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));
    Fetcher f =
        use(
            fast()
                .retryPolicy(
                    RetryPolicy.exponentialBackoff(
                        3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(60))));
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              try {
                Thread.sleep(500);
              } catch (InterruptedException e) {
                return;
              }
              caller.interrupt();
            });
    interrupter.start();
    long start = System.nanoTime();
    assertThatThrownBy(() -> f.fetch(wm.url("/busy"))).isInstanceOf(InterruptedException.class);
    assertThat(Thread.interrupted()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
  }

  /**
   * Sends one request so that WireMock's first-request class loading does not count against a test.
   */
  static void warmUp(WireMockExtension server) throws IOException {
    java.net.HttpURLConnection c =
        (java.net.HttpURLConnection)
            java.net.URI.create(server.url("/warm-up")).toURL().openConnection();
    c.getResponseCode();
    c.disconnect();
  }

  static RetryPolicy fastBackoff(int attempts) {
    return RetryPolicy.exponentialBackoff(
        attempts, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));
  }
}
