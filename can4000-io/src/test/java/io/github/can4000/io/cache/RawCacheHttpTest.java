package io.github.can4000.io.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Reason;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The cache in front of the real HTTP fetcher, against a local WireMock server. */
class RawCacheHttpTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  @Test
  void offline_afterAnOnlineRun_makesZeroHttpRequests() throws Exception {
    byte[] png = TestImages.gradientPng(16, 8);
    server.stubFor(
        get(urlPathEqualTo("/a.png"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "image/png")
                    .withHeader("ETag", "\"v1\"")
                    .withBody(png)));
    String a = server.baseUrl() + "/a.png";
    String b = server.baseUrl() + "/b.png";
    RawCache cache = RawCache.open(dir, 1L << 30);

    try (Fetcher online = cache.wrap(HttpFetchers.create())) {
      online.fetch(a);
      online.fetch(a);
    }
    assertThat(server.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount())
        .isEqualTo(1);
    server.resetRequests();

    try (Fetcher offline = cache.offline()) {
      Fetched hit = offline.fetch(a);
      assertThat(hit.body().toByteArray()).isEqualTo(png);
      assertThat(hit.httpStatus()).isEqualTo(200);
      assertThat(hit.headers()).containsEntry("etag", "\"v1\"");
      assertThatThrownBy(() -> offline.fetch(b))
          .isInstanceOfSatisfying(
              FetchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_CACHED));
    }
    assertThat(server.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount()).isZero();
  }
}
