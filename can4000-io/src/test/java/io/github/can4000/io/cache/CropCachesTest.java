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
import io.github.can4000.Box;
import io.github.can4000.CropCache;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.ImageData;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.PixelRect;
import io.github.can4000.Sample;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CropCachesTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static Manifest manifest(int rows) {
    List<ManifestEntry> entries = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      // two rows per image, as CAN4000 has for some sources
      entries.add(
          ManifestEntry.of(
              i,
              i % 3 == 0 ? "malignantmelanoma" : "nevus",
              new Box(i % 2 == 0 ? 0.3 : 0.7, 0.5, 0.2, 0.4),
              server.baseUrl() + "/img/" + (i / 2) + ".png"));
    }
    return Manifest.of("wiremock", entries);
  }

  private static byte[] photo(String name) throws IOException {
    try (InputStream in = CropCachesTest.class.getResourceAsStream("/photos/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void secondEpoch_makesNoHttpRequest() throws IOException {
    // real JPEG photographs, served on loopback
    String[] photos = {
      "photo_000.jpg", "photo_016.jpg", "photo_024.jpg", "photo_029.jpg", "photo_031.jpg"
    };
    for (int i = 0; i < 10; i++) {
      server.stubFor(
          get(urlPathEqualTo("/img/" + i + ".png"))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "image/jpeg")
                      .withBody(photo(photos[i % photos.length]))));
    }
    Manifest m = manifest(20);
    try (Dataset ds =
        Dataset.builder()
            .manifest(m)
            .fetcher(HttpFetchers.create())
            .decoder(ImageDecoders.standard())
            .cropper(Cropper.reference().square().resize(16, 16))
            .cache(CropCaches.inMemory(1 << 20))
            .build()) {
      List<Sample> epoch1;
      try (Stream<Sample> s = ds.stream(m.shuffled(1))) {
        epoch1 = s.collect(Collectors.toList());
      }
      assertThat(epoch1).hasSize(20);
      // 10 images, two rows each: at most one request per row (rows of a URL in flight together
      // share one)
      int requests = server.findAll(anyRequestedFor(anyUrl())).size();
      assertThat(requests).isBetween(10, 20);
      server.resetRequests();
      List<Sample> epoch2;
      try (Stream<Sample> s = ds.stream(m.shuffled(2))) {
        epoch2 = s.collect(Collectors.toList());
      }
      assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
      assertThat(epoch2).containsExactlyInAnyOrderElementsOf(epoch1);
      assertThat(epoch2.get(0).image().width()).isEqualTo(16);
    }
  }

  @Test
  void inMemory_evictsBeyondItsBudget() {
    CropCache cache = CropCaches.inMemory(10 * (16 * 16 * 3 + CropCaches.OVERHEAD_BYTES));
    byte[] px = new byte[16 * 16 * 3];
    for (int i = 0; i < 100; i++) {
      ManifestEntry e = ManifestEntry.of(i, "nevus", new Box(0.5, 0.5, 0.1, 0.1), "u" + i);
      cache.put(
          new Sample(
              e, 100, 100, new PixelRect(0, 0, 16, 16), Set.of(), ImageData.of(16, 16, 3, px)));
    }
    long held = 0;
    for (int i = 0; i < 100; i++) {
      ManifestEntry e = ManifestEntry.of(i, "nevus", new Box(0.5, 0.5, 0.1, 0.1), "u" + i);
      held += cache.get(e).isPresent() ? 1 : 0;
    }
    assertThat(held).isBetween(1L, 10L);
    assertThat(cache).hasToString("CropCaches.inMemory(" + 10 * (16 * 16 * 3 + 512) + ")");
    assertThatThrownBy(() -> CropCaches.inMemory(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBytes must be positive: 0");
  }
}
