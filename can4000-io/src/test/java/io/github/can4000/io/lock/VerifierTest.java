package io.github.can4000.io.lock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.fixtures.Photos;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.http.RetryPolicy;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RegionHint;
import java.awt.image.BufferedImage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final byte[] PHOTO = Photos.bytes("photo_033.jpg");
  private static final byte[] TINY_GIF =
      TestImages.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "gif");
  private static final byte[] SMALL_PNG =
      TestImages.encode(Photos.resize(Photos.image("photo_033.jpg"), 0.05), "png");

  private Map<String, String> urls;

  /** The production HTTP fetcher, without retries so that 503 answers at once. */
  private static Fetcher http() {
    return HttpFetchers.builder().retryPolicy(RetryPolicy.none()).build();
  }

  private String url(String path) {
    return wm.baseUrl() + path;
  }

  private void serve(String path, byte[] body) {
    wm.stubFor(
        get(urlEqualTo(path))
            .willReturn(
                aResponse().withStatus(200).withBody(body).withHeader("ETag", "\"" + path + "\"")));
  }

  /** Locks every URL while it serves the original photo, as a download would. */
  private List<LockEntry> lockAll(List<String> paths) throws Exception {
    for (String p : paths) {
      serve(p, PHOTO);
    }
    LockRecorder rec = Lockfiles.recorder();
    try (var f = rec.wrap(http())) {
      var d = rec.wrap(new JdkDecoder());
      for (String p : paths) {
        d.decode(f.fetch(url(p)).body());
      }
    }
    wm.resetAll();
    return rec.entries();
  }

  @BeforeEach
  void clear() {
    wm.resetAll();
  }

  @Test
  void verify_classifiesEachCase() throws Exception {
    List<String> paths =
        List.of(
            "/identical.jpg",
            "/reencoded.jpg",
            "/changed.jpg",
            "/gone404.jpg",
            "/gone410.jpg",
            "/refused.jpg",
            "/placeholder.gif",
            "/placeholder.html",
            "/tiny.png",
            "/error503.jpg",
            "/known.png");
    List<LockEntry> lock = lockAll(paths);
    // what the web serves now
    serve("/identical.jpg", PHOTO);
    serve("/reencoded.jpg", Photos.jpeg(Photos.read(PHOTO), 0.6f));
    serve("/changed.jpg", Photos.bytes("photo_006.jpg"));
    wm.stubFor(
        get(urlEqualTo("/gone404.jpg"))
            .willReturn(aResponse().withStatus(404).withBody("Not Found")));
    wm.stubFor(get(urlEqualTo("/gone410.jpg")).willReturn(aResponse().withStatus(410)));
    serve("/placeholder.gif", TINY_GIF);
    wm.stubFor(
        get(urlEqualTo("/placeholder.html"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody(
                        "<!DOCTYPE html><html><body>This image has been removed"
                            + " ".repeat(2000)
                            + "</body></html>")));
    serve("/tiny.png", SMALL_PNG);
    wm.stubFor(get(urlEqualTo("/error503.jpg")).willReturn(aResponse().withStatus(503)));
    byte[] removed = Photos.bytes("photo_001.jpg");
    serve("/known.png", removed);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    List<LockEntry> adjusted = new java.util.ArrayList<>();
    for (LockEntry e : lock) {
      adjusted.add(
          e.url().endsWith("/refused.jpg")
              ? new LockEntry(
                  "http://127.0.0.1:" + closedPort + "/refused.jpg",
                  e.sha256(),
                  e.width(),
                  e.height(),
                  e.phash(),
                  e.etag(),
                  e.lastModified(),
                  e.fetchedAt())
              : e);
    }
    long removedHash =
        io.github.can4000.io.dedupe.NearDuplicates.hash(
            io.github.can4000.ImageData.of(Photos.read(removed)));

    List<Verification> results;
    try (Fetcher fetcher = http()) {
      results =
          Lockfiles.verifier()
              .fetcher(fetcher)
              .decoder(new JdkDecoder())
              .concurrency(4)
              .placeholders(Set.of(), Set.of(removedHash))
              .build()
              .verify(adjusted);
    }
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    for (Verification v : results) {
      verdicts.put(v.url().substring(v.url().lastIndexOf('/')), v.verdict());
    }
    assertThat(verdicts)
        .containsExactlyEntriesOf(
            Map.ofEntries(
                    Map.entry("/changed.jpg", Verdict.CHANGED),
                    Map.entry("/error503.jpg", Verdict.UNREACHABLE),
                    Map.entry("/gone404.jpg", Verdict.GONE),
                    Map.entry("/gone410.jpg", Verdict.GONE),
                    Map.entry("/identical.jpg", Verdict.IDENTICAL),
                    Map.entry("/known.png", Verdict.PLACEHOLDER),
                    Map.entry("/placeholder.gif", Verdict.PLACEHOLDER),
                    Map.entry("/placeholder.html", Verdict.PLACEHOLDER),
                    Map.entry("/reencoded.jpg", Verdict.REENCODED),
                    Map.entry("/refused.jpg", Verdict.GONE),
                    Map.entry("/tiny.png", Verdict.PLACEHOLDER))
                .entrySet()
                .stream()
                .sorted(Map.Entry.comparingByKey())
                .collect(
                    LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
    Verification re =
        results.stream().filter(v -> v.url().endsWith("/reencoded.jpg")).findFirst().orElseThrow();
    assertThat(re.distance()).isBetween(0, 8);
    assertThat(re.isSamePicture()).isTrue();
    Verification chg =
        results.stream().filter(v -> v.url().endsWith("/changed.jpg")).findFirst().orElseThrow();
    assertThat(chg.distance()).isGreaterThan(8);
    assertThat(chg.detail()).contains("another picture");
  }

  @Test
  void writeVerifications_oneLinePerEntry(@TempDir Path dir) throws Exception {
    List<LockEntry> lock = lockAll(List.of("/a.jpg"));
    serve("/a.jpg", PHOTO);
    List<Verification> results;
    try (Fetcher fetcher = http()) {
      results =
          Lockfiles.verifier().fetcher(fetcher).decoder(new JdkDecoder()).build().verify(lock);
    }
    Path f = dir.resolve("verify.csv");
    Lockfiles.writeVerifications(f, results);
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(Lockfiles.VERIFY_HEADER);
    assertThat(lines.get(1)).startsWith(url("/a.jpg") + ",IDENTICAL,same bytes,0,");
  }

  /** A region read of the middle half of each side, as a download asks for a box's pixels. */
  private static final RegionHint MIDDLE =
      (w, h) -> new PixelRect(w / 4, h / 4, 3 * w / 4, 3 * h / 4);

  /** {@code img} with {@code rect} (or everything but it) painted over by another photo. */
  private static BufferedImage paint(BufferedImage img, PixelRect rect, boolean inside) {
    BufferedImage out =
        new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    java.awt.Graphics2D g = out.createGraphics();
    BufferedImage other = Photos.image("photo_006.jpg");
    if (inside) {
      g.drawImage(img, 0, 0, null);
      g.drawImage(other, rect.x1(), rect.y1(), rect.width(), rect.height(), null);
    } else {
      g.drawImage(other, 0, 0, img.getWidth(), img.getHeight(), null);
      g.drawImage(
          img.getSubimage(rect.x1(), rect.y1(), rect.width(), rect.height()),
          rect.x1(),
          rect.y1(),
          null);
    }
    g.dispose();
    return out;
  }

  @Test
  void regionRead_lockHashesTheRegion_verifyAndEnforceCompareThatPart() throws Exception {
    List<String> paths =
        List.of("/same.jpg", "/reencoded.jpg", "/resized.jpg", "/outside.png", "/inside.png");
    for (String p : paths) {
      serve(p, PHOTO);
    }
    Decoder decoder = ImageDecoders.standard();
    LockRecorder rec = Lockfiles.recorder();
    PixelRect region;
    try (var f = rec.wrap(http())) {
      Decoder d = rec.wrap(decoder);
      DecodedImage img = null;
      for (String p : paths) {
        img = d.decode(f.fetch(url(p)).body(), MIDDLE);
      }
      // recording kept the region read
      region = MIDDLE.region(img.width(), img.height());
      assertThat(img.decodedRegion()).isEqualTo(region);
    }
    wm.resetAll();
    List<LockEntry> lock = rec.entries();
    BufferedImage photo = Photos.read(PHOTO);
    long regionHash = NearDuplicates.hash(DecodedImage.of(photo, ImageFormat.JPEG), region);
    assertThat(lock)
        .allSatisfy(
            e -> {
              assertThat(e.hashed()).isEqualTo(region);
              assertThat(e.phash()).hasValue(regionHash);
            });

    serve("/same.jpg", PHOTO);
    serve("/reencoded.jpg", Photos.jpeg(photo, 0.6f));
    serve("/resized.jpg", Photos.jpeg(Photos.resize(photo, 0.5), 0.9f));
    BufferedImage outside = paint(photo, region, false);
    BufferedImage inside = paint(photo, region, true);
    serve("/outside.png", TestImages.encode(outside, "png"));
    serve("/inside.png", TestImages.encode(inside, "png"));
    // the whole pictures differ from the original either way; only the locked part tells them apart
    long whole = NearDuplicates.hash(ImageData.of(photo));
    assertThat(NearDuplicates.distance(whole, NearDuplicates.hash(ImageData.of(outside))))
        .isGreaterThan(8);

    List<Verification> results;
    try (Fetcher fetcher = http()) {
      results = Lockfiles.verifier().fetcher(fetcher).decoder(decoder).build().verify(lock);
    }
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    for (Verification v : results) {
      verdicts.put(v.url().substring(v.url().lastIndexOf('/')), v.verdict());
    }
    assertThat(verdicts)
        .containsExactly(
            Map.entry("/inside.png", Verdict.CHANGED),
            Map.entry("/outside.png", Verdict.REENCODED),
            Map.entry("/reencoded.jpg", Verdict.REENCODED),
            Map.entry("/resized.jpg", Verdict.REENCODED),
            Map.entry("/same.jpg", Verdict.IDENTICAL));
    assertThat(
            results.stream()
                .filter(v -> v.url().endsWith("/outside.png"))
                .findFirst()
                .orElseThrow()
                .distance())
        .isZero();

    LockEnforcer enforcer = Lockfiles.enforcer(lock);
    Decoder checking = enforcer.wrap(decoder);
    try (Fetcher strict = enforcer.wrap(http())) {
      assertThat(checking.decode(strict.fetch(url("/resized.jpg")).body(), MIDDLE).width())
          .isPositive();
      assertThat(checking.decode(strict.fetch(url("/outside.png")).body(), MIDDLE).width())
          .isPositive();
      var insideBody = strict.fetch(url("/inside.png")).body();
      assertThatThrownBy(() -> checking.decode(insideBody, MIDDLE))
          .isInstanceOfSatisfying(
              DecodeException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.CHANGED_SINCE_LOCK));
    }
  }

  @Test
  void builder_checksOptions() {
    assertThatThrownBy(() -> Lockfiles.verifier().build())
        .hasMessageContaining("fetcher is not set");
    assertThatThrownBy(() -> Lockfiles.verifier().threshold(64))
        .hasMessageContaining("0 and 63: 64");
    assertThatThrownBy(() -> Lockfiles.verifier().concurrency(2).concurrency(3))
        .hasMessageContaining("already set to 2");
  }
}
