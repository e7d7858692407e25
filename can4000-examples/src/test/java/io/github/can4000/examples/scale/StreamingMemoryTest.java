package io.github.can4000.examples.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.ParseMode;
import io.github.can4000.Sample;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Streams a large generated manifest against a loopback server that answers every URL with one
 * small PNG, and checks that the heap retained after a forced GC does not grow with the rows
 * streamed.
 *
 * <p>Rows: 100,000 rather than 130,000 to stay within about a minute on two loaded cores (each row
 * is one real HTTP request, decode and crop: 60,000 rows took 15 s on two idle cores, about 2.5x
 * that under a load of 10). Every row has its own URL, so a per-row or per-URL leak of 100 bytes (a
 * retained Outcome, a map entry for a URL) would add about 10 MB between the first and the last
 * sample, above the 8 MB bound; the manifest itself is allocated before the first sample.
 */
class StreamingMemoryTest {
  private static final int ROWS = 100_000;
  private static final long BOUND = 8L << 20;

  static {
    // the JDK server otherwise delays small responses on kept-alive connections (Nagle + delayed
    // ACK,
    // about 40 ms per request); must be set before the first HttpServer of the JVM is created
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  @Test
  void stream_retainedHeapStaysFlat() throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(24, 16, BufferedImage.TYPE_3BYTE_BGR), "png", png);
    byte[] body = png.toByteArray();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "image/png");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    try {
      int port = server.getAddress().getPort();
      StringBuilder text = new StringBuilder(ROWS * 80);
      for (int i = 1; i <= ROWS; i++) {
        text.append(i)
            .append(i % 2 == 0 ? " nevus" : " melanoma")
            .append(" 0.5 0.5 0.5 0.5 http://127.0.0.1:")
            .append(port)
            .append("/img/")
            .append(i)
            .append(".png\n");
      }
      Manifest manifest =
          Manifest.read(new StringReader(text.toString()), "generated", ParseMode.LENIENT);
      assertThat(manifest.size()).isEqualTo(ROWS);
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      List<Long> retained = new ArrayList<>();
      long streamed = 0;
      try (Dataset dataset =
              Dataset.builder()
                  .manifest(manifest)
                  .fetcher(HttpFetchers.create())
                  .decoder(ImageDecoders.standard())
                  .concurrency(4)
                  .maxRowsInFlight(8)
                  .build();
          Stream<Sample> samples = dataset.stream()) {
        for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
          Sample s = it.next();
          assertThat(s.image().width()).isEqualTo(12);
          streamed++;
          if (streamed == 2_000 || streamed % 20_000 == 0) {
            retained.add(retainedAfterGc(memory));
          }
        }
      }
      assertThat(streamed).isEqualTo(ROWS);
      long first = retained.get(0);
      for (long r : retained) {
        assertThat(r - first)
            .as("retained heap %s after %d rows", retained, ROWS)
            .isLessThan(BOUND);
      }
    } finally {
      server.stop(0);
    }
  }

  private static long retainedAfterGc(MemoryMXBean memory) throws InterruptedException {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      min = Math.min(min, memory.getHeapMemoryUsage().getUsed());
    }
    return min;
  }
}
