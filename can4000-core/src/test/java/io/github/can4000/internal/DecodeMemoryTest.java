package io.github.can4000.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.Dataset;
import io.github.can4000.DatasetBuilder;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.RunReport;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.RegionHint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link DatasetBuilder#decodeMemory}: a decoded image counts from its decode until its rows are
 * written, and images are let in only while they fit.
 */
class DecodeMemoryTest {
  private static final int ROWS = 12;

  /** Counts the sources alive at once: from the start of their decode to the write of their row. */
  private static final class Tracker implements Decoder, Sink {
    final long bytesPerImage;
    final Set<String> alive = ConcurrentHashMap.newKeySet();
    final AtomicInteger max = new AtomicInteger();
    final Map<Bytes, String> urlOf = new ConcurrentHashMap<>();
    final Decoder delegate = new JdkDecoder();

    Tracker(long bytesPerImage) {
      this.bytesPerImage = bytesPerImage;
    }

    @Override
    public long decodedBytes(Bytes data, RegionHint hint) {
      return bytesPerImage;
    }

    @Override
    public DecodedImage decode(Bytes data) throws DecodeException {
      alive.add(urlOf.get(data));
      max.accumulateAndGet(alive.size(), Math::max);
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delegate.decode(data);
    }

    @Override
    public void write(Sample sample) {
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      alive.remove(sample.entry().url());
    }
  }

  private static int maxAlive(long bytesPerImage, Long budget) throws Exception {
    Tracker t = new Tracker(bytesPerImage);
    MapFetcher fetcher = new MapFetcher();
    List<ManifestEntry> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String url = "http://x.example/" + i + ".png";
      // distinct bodies, so that the tracker can tell the sources apart
      byte[] png = TestImages.gradientPng(40 + i, 30);
      fetcher.put(url, png);
      t.urlOf.put(Bytes.copyOf(png), url);
      rows.add(ManifestEntry.of(i, "a", new Box(0.5, 0.5, 0.5, 0.5), url));
    }
    DatasetBuilder b =
        Dataset.builder()
            .manifest(Manifest.of("m", rows))
            .fetcher(fetcher)
            .decoder(t)
            .decodeThreads(4)
            .concurrency(8);
    if (budget != null) {
      b.decodeMemory(budget);
    }
    try (Dataset d = b.build()) {
      RunReport r = d.writeTo(t);
      assertThat(r.written()).isEqualTo(ROWS);
    }
    assertThat(t.alive).isEmpty();
    return t.max.get();
  }

  @Test
  void imagesAreHeldOnlyWhileTheyFit_fromDecodeUntilTheirRowsAreWritten() throws Exception {
    assertThat(maxAlive(1000, 1500L)).isEqualTo(1);
    assertThat(maxAlive(1000, 2500L)).isEqualTo(2);
    // an image larger than the whole budget waits until it is alone, and then goes
    assertThat(maxAlive(5000, 1500L)).isEqualTo(1);
    // without a bound, the four decode threads work at once (the control for the cases above)
    assertThat(maxAlive(1000, null)).isGreaterThan(2);
    // images whose size the decoder does not know are not counted
    assertThat(maxAlive(-1, 1500L)).isGreaterThan(2);
  }

  @Test
  void builder_checksTheBudget() {
    assertThatThrownBy(() -> Dataset.builder().decodeMemory(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> Dataset.builder().decodeMemory(1).decodeMemory(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set to 1");
  }

  @Test
  void budget_clampsHugeRequests_andWaitsForReleases() throws Exception {
    DecodeMemory m = new DecodeMemory(100);
    assertThat(m.acquire(1000)).isEqualTo(100);
    assertThat(m.free()).isZero();
    Thread waiter =
        new Thread(
            () -> {
              try {
                m.release(m.acquire(10));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    waiter.start();
    waiter.join(200);
    assertThat(waiter.isAlive()).as("waits while nothing is free").isTrue();
    m.release(100);
    waiter.join(5_000);
    assertThat(waiter.isAlive()).isFalse();
    assertThat(m.free()).isEqualTo(100);
    assertThat(m.acquire(-1)).isZero();
  }
}
