package io.github.can4000.io.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Reason;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetcher;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTPS: certificates are verified, so WireMock's self-signed one is refused. */
class HttpsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().dynamicHttpsPort())
          .build();

  @Test
  void untrustedCertificateIsRefused() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(new byte[] {1})));
    try (Fetcher f =
        HttpFetchers.builder()
            .connectTimeout(Duration.ofSeconds(1))
            .readTimeout(Duration.ofSeconds(1))
            .attemptTimeout(Duration.ofSeconds(2))
            .retryPolicy(RetryPolicy.none())
            .build()) {
      FetchException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () -> {
                try {
                  f.fetch("https://localhost:" + wm.getHttpsPort() + "/x.png");
                  throw new AssertionError("accepted a self-signed certificate");
                } catch (FetchException x) {
                  return x;
                }
              });
      assertThat(e.reason()).isEqualTo(Reason.IO_ERROR);
      assertThat(e.getMessage()).contains("TLS");
      assertThat(wm.getAllServeEvents()).isEmpty();
    }
  }
}
