package io.github.can4000.io.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-host limit, observed by the server: a transformer counts requests it is handling at once.
 */
class PerHostLimitTest {
  private static final ConcurrencyTracker TRACKER = new ConcurrencyTracker();

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(TRACKER))
          .build();

  /** Holds each request for 300 ms and records the largest number held at once. */
  static final class ConcurrencyTracker implements ResponseTransformerV2 {
    final AtomicInteger current = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
      int now = current.incrementAndGet();
      max.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        current.decrementAndGet();
      }
      return response;
    }

    @Override
    public String getName() {
      return "concurrency-tracker";
    }
  }

  @BeforeAll
  static void warmUp() throws IOException {
    HttpFetcherTest.warmUp(wm);
  }

  @BeforeEach
  void reset() {
    TRACKER.max.set(0);
    wm.stubFor(
        any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(new byte[] {1, 2, 3})));
  }

  @Test
  void neverMoreThanTheLimitPerHost() throws Exception {
    try (Fetcher f =
        HttpFetchers.builder()
            .maxConnectionsPerHost(2)
            .readTimeout(Duration.ofSeconds(2))
            .attemptTimeout(Duration.ofSeconds(5))
            .retryPolicy(RetryPolicy.none())
            .build()) {
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        long start = System.nanoTime();
        List<Future<Fetched>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          String url = wm.url("/img" + i + ".png");
          results.add(pool.submit(() -> f.fetch(url)));
        }
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> {
              for (Future<Fetched> r : results) {
                assertThat(r.get().body().size()).isEqualTo(3);
              }
            });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(TRACKER.max.get()).isEqualTo(2);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(850));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void otherHostsDoNotWait() throws Exception {
    try (Fetcher f =
        HttpFetchers.builder()
            .maxConnectionsPerHost(1)
            .readTimeout(Duration.ofSeconds(2))
            .attemptTimeout(Duration.ofSeconds(5))
            .retryPolicy(RetryPolicy.none())
            .build()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Fetched>> busy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          String url = "http://127.0.0.1:" + wm.getPort() + "/busy" + i;
          busy.add(pool.submit(() -> f.fetch(url)));
        }
        Thread.sleep(50);
        long start = System.nanoTime();
        Future<Fetched> other =
            pool.submit(() -> f.fetch("http://localhost:" + wm.getPort() + "/other"));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> other.get());
        // 127.0.0.1's requests run one after another for 900 ms; localhost's runs alongside them
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(750));
        for (Future<Fetched> b : busy) {
          b.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
