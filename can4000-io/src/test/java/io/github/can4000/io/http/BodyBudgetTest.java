package io.github.can4000.io.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared budget of buffered body bytes, with real requests. */
class BodyBudgetTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
          .build();

  private static final int KIB = 1024;
  private static byte[] body;

  @BeforeAll
  static void warmUp() throws IOException {
    HttpFetcherTest.warmUp(wm);
    body = new byte[512 * KIB];
    new Random(7).nextBytes(body);
  }

  private static HttpFetchers.Builder fast(long budget) {
    return HttpFetchers.builder()
        .connectTimeout(Duration.ofMillis(500))
        .readTimeout(Duration.ofSeconds(2))
        .attemptTimeout(Duration.ofSeconds(5))
        .retryPolicy(RetryPolicy.none())
        .maxConnections(16)
        .maxConnectionsPerHost(16)
        .bodyBufferBudget(budget);
  }

  @Test
  void aLoneBodyLargerThanTheBudgetStillArrives() {
    wm.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody(body)));
    wm.stubFor(
        get("/big-chunked")
            .willReturn(aResponse().withStatus(200).withBody(body).withChunkedDribbleDelay(8, 50)));
    try (Fetcher f = fast(64 * KIB).build()) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            assertThat(f.fetch(wm.url("/big")).body().toByteArray()).isEqualTo(body);
            assertThat(f.fetch(wm.url("/big-chunked")).body().toByteArray()).isEqualTo(body);
          });
      assertThat(((HttpFetcher) f).budget().used()).isZero();
    }
  }

  /** Fetches 16 bodies of 512 KiB, 8 at a time; returns the budget's peak. */
  private static long fetchConcurrently(Fetcher f, String path) {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () -> {
            List<Future<Fetched>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
              futures.add(pool.submit(() -> f.fetch(wm.url(path))));
            }
            for (Future<Fetched> fut : futures) {
              assertThat(fut.get().body().toByteArray()).isEqualTo(body);
            }
          });
    } finally {
      pool.shutdownNow();
    }
    ByteBudget b = ((HttpFetcher) f).budget();
    assertThat(b.used()).isZero();
    return b.peak();
  }

  @Test
  void concurrentBodiesOfKnownLengthStayWithinTheBudget() {
    wm.stubFor(
        get("/big")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(body)
                    .withHeader("Content-Length", String.valueOf(body.length))));
    long budget = 1024 * KIB;
    try (Fetcher f = fast(budget).build()) {
      // a body of known length reserves its size before reading and is handed over without a copy:
      // two at a time fill the budget
      assertThat(fetchConcurrently(f, "/big")).isEqualTo(budget);
    }
  }

  @Test
  void concurrentChunkedBodiesExceedTheBudgetByOneBodyAtMost() {
    wm.stubFor(
        get("/chunked")
            .willReturn(aResponse().withStatus(200).withBody(body).withChunkedDribbleDelay(4, 20)));
    long budget = 1024 * KIB;
    long maxBody = 600 * KIB;
    try (Fetcher f = fast(budget).maxBodyBytes(maxBody).build()) {
      // growing bodies never wait for each other: the oldest goes on, holding at most two buffers
      assertThat(fetchConcurrently(f, "/chunked"))
          .isPositive()
          .isLessThanOrEqualTo(budget + 2 * maxBody);
    }
  }

  @Test
  void budgetIsConfigurableOnceAndPositive() {
    assertThatThrownBy(() -> HttpFetchers.builder().bodyBufferBudget(0))
        .hasMessageContaining("bodyBufferBudget");
    assertThatThrownBy(() -> HttpFetchers.builder().bodyBufferBudget(5).bodyBufferBudget(6))
        .isInstanceOf(IllegalStateException.class);
    try (Fetcher f = HttpFetchers.create()) {
      assertThat(f.toString())
          .contains("bodyBufferBudget=" + HttpFetchers.defaultBodyBufferBudget());
    }
    assertThat(HttpFetchers.defaultBodyBufferBudget())
        .isBetween(1024L * KIB, HttpFetchers.MAX_DEFAULT_BODY_BUFFER_BUDGET);
  }
}
