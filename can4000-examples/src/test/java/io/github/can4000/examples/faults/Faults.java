package io.github.can4000.examples.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.can4000.Reason;
import io.github.can4000.fixtures.RawServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/**
 * The real-world faults of the CAN4000 hosts (see the bench server's list), as WireMock stubs and
 * {@link RawServer} routes, each with the outcome a download must report. The timings assume the
 * {@link #SHORT_TIMEOUTS}: connect 500 ms, read 1 s, attempt 1500 ms, 3 attempts with short
 * backoff. WireMock needs enough threads for the faults that hold one (see {@link
 * #WIREMOCK_THREADS}).
 */
public final class Faults {
  /** The connect timeout the faults are made for. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

  /**
   * The read (first byte, silence) timeout the faults are made for: 1 s, well below the 3 s
   * first-byte delay, and long enough for a loopback server busy with every fault at once on a
   * loaded machine.
   */
  public static final Duration READ_TIMEOUT = Duration.ofMillis(1000);

  /** The attempt timeout the faults are made for. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);

  /** The attempts made per URL. */
  public static final int ATTEMPTS = 3;

  /** The largest body accepted, 1 MiB (the endless body passes it quickly). */
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  /** The same settings as {@code download} options. */
  public static final List<String> SHORT_TIMEOUTS =
      List.of(
          "--connect-timeout",
          "500ms",
          "--read-timeout",
          "1s",
          "--attempt-timeout",
          "1500ms",
          "--retries",
          String.valueOf(ATTEMPTS - 1),
          "--max-body-mb",
          "1");

  /**
   * WireMock threads for a server running every fault at once (delays and dribbles hold threads).
   */
  public static final int WIREMOCK_THREADS = 64;

  private static final String[] PHOTOS = {"photo_000.jpg", "photo_001.jpg", "photo_002.jpg"};

  private Faults() {}

  /**
   * One manifest row's source: a name, a path on WireMock (or a {@link RawServer} URL), the
   * expected reason and, for rows that must succeed after retries, the expected attempts (0: any).
   */
  public record Case(String name, String url, Reason expected, int attempts) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Registers every fault on {@code wm} and returns the cases, those of {@code hostile} included.
   */
  public static List<Case> stubAll(WireMockExtension wm, RawServer hostile) {
    List<Case> cases = new ArrayList<>();
    byte[] photo = photo(0);
    // waits longer than the read timeout before the first byte
    wm.stubFor(
        get(urlEqualTo("/fault/slow-first-byte.jpg"))
            .willReturn(aResponse().withStatus(200).withBody(photo).withFixedDelay(3000)));
    cases.add(
        new Case(
            "slow first byte", wm.url("/fault/slow-first-byte.jpg"), Reason.TIMEOUT, ATTEMPTS));
    // each piece arrives within the read timeout, but the whole body takes longer than an attempt
    wm.stubFor(
        get(urlEqualTo("/fault/dribble.jpg"))
            .willReturn(
                aResponse().withStatus(200).withBody(photo).withChunkedDribbleDelay(40, 4000)));
    cases.add(
        new Case(
            "chunked dribble past the deadline",
            wm.url("/fault/dribble.jpg"),
            Reason.TIMEOUT,
            ATTEMPTS));
    wm.stubFor(
        get(urlEqualTo("/fault/reset.jpg"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    cases.add(new Case("connection reset", wm.url("/fault/reset.jpg"), Reason.CONNECT, ATTEMPTS));
    wm.stubFor(
        get(urlEqualTo("/fault/empty.jpg"))
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    cases.add(new Case("empty response", wm.url("/fault/empty.jpg"), Reason.CONNECT, ATTEMPTS));
    wm.stubFor(
        get(urlEqualTo("/fault/bad-chunk.jpg"))
            .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
    cases.add(
        new Case(
            "malformed response chunk",
            wm.url("/fault/bad-chunk.jpg"),
            Reason.TRUNCATED,
            ATTEMPTS));
    wm.stubFor(
        get(urlEqualTo("/fault/random.jpg"))
            .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
    cases.add(
        new Case("random bytes then close", wm.url("/fault/random.jpg"), Reason.CONNECT, ATTEMPTS));
    wm.stubFor(
        get(urlEqualTo("/fault/404.jpg"))
            .willReturn(aResponse().withStatus(404).withBody("not found")));
    cases.add(new Case("404", wm.url("/fault/404.jpg"), Reason.HTTP_STATUS, 1));
    wm.stubFor(
        get(urlEqualTo("/fault/500.jpg")).willReturn(aResponse().withStatus(500).withBody("oops")));
    cases.add(new Case("500", wm.url("/fault/500.jpg"), Reason.HTTP_STATUS, ATTEMPTS));
    thenOk(wm, "/fault/503-then-200.jpg", aResponse().withStatus(503).withBody("busy"), photo);
    cases.add(new Case("503 then 200", wm.url("/fault/503-then-200.jpg"), Reason.WRITTEN, 2));
    thenOk(
        wm,
        "/fault/429-then-200.jpg",
        aResponse().withStatus(429).withHeader("Retry-After", "1"),
        photo);
    cases.add(
        new Case(
            "429 with Retry-After then 200", wm.url("/fault/429-then-200.jpg"), Reason.WRITTEN, 2));
    for (int i = 1; i <= 3; i++) {
      wm.stubFor(
          get(urlEqualTo("/fault/hop" + i))
              .willReturn(
                  aResponse()
                      .withStatus(i == 2 ? 301 : 302)
                      .withHeader(
                          "Location",
                          wm.url(i < 3 ? "/fault/hop" + (i + 1) : "/fault/target.jpg"))));
    }
    wm.stubFor(
        get(urlEqualTo("/fault/target.jpg"))
            .willReturn(aResponse().withStatus(200).withBody(photo)));
    cases.add(new Case("redirect chain", wm.url("/fault/hop1"), Reason.WRITTEN, 1));
    wm.stubFor(
        get(urlEqualTo("/fault/loop"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/fault/loop")));
    cases.add(new Case("redirect loop", wm.url("/fault/loop"), Reason.REDIRECT, 1));
    wm.stubFor(
        get(urlEqualTo("/fault/page.jpg"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody(
                        "<!DOCTYPE html><html><body>Hotlinking is not allowed.</body></html>")));
    cases.add(new Case("HTML with status 200", wm.url("/fault/page.jpg"), Reason.NOT_AN_IMAGE, 1));
    wm.stubFor(
        get(urlEqualTo("/fault/gzip.jpg"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(gzip(photo))));
    cases.add(new Case("gzip", wm.url("/fault/gzip.jpg"), Reason.WRITTEN, 1));
    wm.stubFor(
        get(urlEqualTo("/fault/bomb.png"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "image/png")
                    .withBody(pixelBomb())));
    cases.add(new Case("pixel bomb PNG", wm.url("/fault/bomb.png"), Reason.TOO_MANY_PIXELS, 1));
    wm.stubFor(
        get(urlEqualTo("/fault/corrupt.jpg"))
            .willReturn(
                aResponse().withStatus(200).withBody(Arrays.copyOf(photo, photo.length / 2))));
    cases.add(new Case("corrupt JPEG", wm.url("/fault/corrupt.jpg"), Reason.DECODE_FAILED, 1));
    wm.stubFor(
        get(urlEqualTo("/fault/corrupt.png"))
            .willReturn(aResponse().withStatus(200).withBody(corruptPng())));
    cases.add(new Case("corrupt PNG", wm.url("/fault/corrupt.png"), Reason.DECODE_FAILED, 1));
    cases.add(new Case("declared 2 GiB body", hostile.url(RawServer.HUGE), Reason.TOO_LARGE, 1));
    cases.add(
        new Case(
            "body shorter than Content-Length",
            hostile.url(RawServer.SHORT),
            Reason.TRUNCATED,
            ATTEMPTS));
    cases.add(
        new Case("endless chunked body", hostile.url(RawServer.ENDLESS), Reason.TOO_LARGE, 1));
    return cases;
  }

  private static void thenOk(
      WireMockExtension wm,
      String path,
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first,
      byte[] body) {
    String scenario = path;
    wm.stubFor(
        get(urlEqualTo(path))
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(first)
            .willSetStateTo("recovered"));
    wm.stubFor(
        get(urlEqualTo(path))
            .inScenario(scenario)
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withStatus(200).withBody(body)));
  }

  /** Returns real photo {@code i} (0 to 2), a 256x256 baseline JPEG. */
  public static byte[] photo(int i) {
    try (InputStream in = Faults.class.getResourceAsStream("/photos/" + PHOTOS[i])) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code data} gzip-compressed. */
  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Returns a valid PNG of 200x150 noisy pixels. */
  public static byte[] png() {
    BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(42);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, r.nextInt(0x1000000));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Returns a PNG cut in the middle of its image data. */
  public static byte[] corruptPng() {
    byte[] png = png();
    return Arrays.copyOf(png, png.length / 2);
  }

  /**
   * Returns a tiny PNG (under 100 bytes) whose IHDR declares 60000x60000 RGB pixels: a decoder that
   * trusted it would allocate 10.8 GB.
   */
  public static byte[] pixelBomb() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream h = new DataOutputStream(ihdr);
      h.writeInt(60000);
      h.writeInt(60000);
      h.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter method, no interlace
      chunk(out, "IHDR", ihdr.toByteArray());
      ByteArrayOutputStream idat = new ByteArrayOutputStream();
      try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
        z.write(new byte[1024]);
      }
      chunk(out, "IDAT", idat.toByteArray());
      chunk(out, "IEND", new byte[0]);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeInt(data.length);
    out.write(t);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }
}
