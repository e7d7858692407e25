package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static final byte[] PNG = TestImages.gradientPng(200, 100);

  private static Manifest manifest(int rows, String urlPattern) {
    List<ManifestEntry> entries = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      entries.add(
          ManifestEntry.of(
              i,
              i % 3 == 0 ? "melanoma" : "nevus",
              new Box(0.5, 0.5, 0.2, 0.4),
              String.format(urlPattern, i)));
    }
    return Manifest.of("test", entries);
  }

  private static MapFetcher serving(Manifest m) {
    MapFetcher f = new MapFetcher();
    for (ManifestEntry e : m.entries()) {
      f.put(e.url(), PNG);
    }
    return f;
  }

  private static Dataset dataset(Manifest m, Fetcher f) {
    return Dataset.builder()
        .manifest(m)
        .fetcher(f)
        .decoder(new JdkDecoder())
        .concurrency(4)
        .build();
  }

  @Test
  void stream_yieldsSamplesInManifestOrder() {
    Manifest m = manifest(40, "http://h/%d.png");
    MapFetcher f = serving(m);
    try (Dataset ds = dataset(m, f);
        Stream<Sample> s = ds.stream()) {
      List<Sample> samples = s.collect(Collectors.toList());
      assertThat(samples)
          .extracting(x -> x.entry().id())
          .containsExactlyElementsOf(
              m.entries().stream().map(ManifestEntry::id).collect(Collectors.toList()));
      Sample first = samples.get(0);
      assertThat(first.rect()).isEqualTo(new PixelRect(80, 30, 120, 70));
      assertThat(first.sourceWidth()).isEqualTo(200);
      assertThat(first.image().width()).isEqualTo(40);
      assertThat(first.toFloatChw()).hasSize(40 * 40 * 3);
    }
  }

  @Test
  void results_reportFailuresInsteadOfDroppingThem() {
    Manifest m = manifest(6, "http://h/%d.png");
    MapFetcher f =
        new MapFetcher()
            .put("http://h/0.png", PNG)
            .put("http://h/1.png", "<html>oops</html>".getBytes())
            .put("http://h/3.png", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
    try (Dataset ds = dataset(m, f);
        Stream<RowResult> s = ds.results()) {
      List<Reason> reasons = s.map(r -> r.outcome().reason()).collect(Collectors.toList());
      assertThat(reasons)
          .containsExactly(
              Reason.STREAMED,
              Reason.NOT_AN_IMAGE,
              Reason.HTTP_STATUS,
              Reason.NOT_AN_IMAGE,
              Reason.HTTP_STATUS,
              Reason.HTTP_STATUS);
    }
  }

  @Test
  void stream_boundsRowsInFlight() {
    Manifest m = manifest(200, "http://h/%d.png");
    MapFetcher f = serving(m).delay(2);
    try (Dataset ds =
            Dataset.builder()
                .manifest(m)
                .fetcher(f)
                .decoder(new JdkDecoder())
                .concurrency(3)
                .maxRowsInFlight(5)
                .build();
        Stream<Sample> s = ds.stream()) {
      Iterator<Sample> it = s.iterator();
      int n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
        assertThat(f.totalCalls()).isLessThanOrEqualTo(n + 5);
      }
      assertThat(n).isEqualTo(200);
    }
    assertThat(f.maxInProgress()).isLessThanOrEqualTo(3);
  }

  @Test
  void stream_closedEarly_cancelsOutstandingFetches() {
    Manifest m = manifest(100, "http://h/%d.png");
    MapFetcher f = serving(m);
    try (Dataset ds = dataset(m, f)) {
      Stream<Sample> s = ds.stream();
      Iterator<Sample> it = s.iterator();
      it.next();
      f.hold();
      assertTimeoutPreemptively(Duration.ofSeconds(5), s::close);
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () -> {
            while (f.inProgress() > 0) {
              Thread.sleep(5);
            }
          });
      assertThat(f.totalCalls()).isLessThan(100);
    }
  }

  @Test
  void close_stopsHeldFetchesAndClosesFetcher() {
    Manifest m = manifest(20, "http://h/%d.png");
    MapFetcher f = serving(m).hold();
    Dataset ds = dataset(m, f);
    Stream<Sample> s = ds.stream();
    Thread consumer =
        new Thread(
            () -> {
              try {
                s.forEach(x -> {});
              } catch (RuntimeException expected) {
                // closing the dataset under a running stream ends it
              }
            });
    consumer.start();
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          while (f.inProgress() < 4) {
            Thread.sleep(5);
          }
          ds.close();
          consumer.join();
        });
    assertThat(f.isClosed()).isTrue();
    assertThat(f.interrupted()).isGreaterThan(0);
    assertThatThrownBy(ds::stream).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writeTo_oneOutcomePerRow_andSkipsRowsTheSinkHas() {
    List<ManifestEntry> entries = new ArrayList<>(manifest(10, "http://h/%d.png").entries());
    entries.add(ManifestEntry.of(10, "../evil", new Box(0.5, 0.5, 0.2, 0.2), "http://h/0.png"));
    entries.add(ManifestEntry.of(11, "nevus", new Box(0.5, 0.5, 0, 0.2), "http://h/0.png"));
    entries.add(ManifestEntry.of(12, "nevus", new Box(0.5, 0.5, 0.2, 0.2), "http://h/missing.png"));
    Manifest m = Manifest.of("test", entries);
    MapFetcher f = serving(manifest(10, "http://h/%d.png"));
    Map<Integer, Sample> written = new ConcurrentHashMap<>();
    Sink sink =
        new Sink() {
          @Override
          public boolean contains(ManifestEntry e) {
            return e.id() == 4;
          }

          @Override
          public void write(Sample s) throws IOException {
            if (s.entry().id() == 5) {
              throw new IOException("disk full");
            }
            written.put(s.entry().id(), s);
          }
        };
    List<Outcome> seen = new CopyOnWriteArrayList<>();
    try (Dataset ds =
        Dataset.builder()
            .manifest(m)
            .fetcher(f)
            .decoder(new JdkDecoder())
            .listener(
                new ProgressListener() {
                  @Override
                  public void onOutcome(Outcome o) {
                    seen.add(o);
                  }
                })
            .build()) {
      RunReport report = ds.writeTo(sink);
      assertThat(report.total()).isEqualTo(13);
      assertThat(report.outcomes())
          .extracting(o -> o.entry().id())
          .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
      assertThat(report.outcomes().get(4).reason()).isEqualTo(Reason.ALREADY_PRESENT);
      assertThat(report.outcomes().get(5).reason()).isEqualTo(Reason.WRITE_FAILED);
      assertThat(report.outcomes().get(10).reason()).isEqualTo(Reason.BAD_LABEL);
      assertThat(report.outcomes().get(11).reason()).isEqualTo(Reason.BAD_BOX);
      assertThat(report.outcomes().get(12).reason()).isEqualTo(Reason.HTTP_STATUS);
      assertThat(report.outcomes().get(12).httpStatus()).isEqualTo(404);
      assertThat(report.reasons()).containsEntry(Reason.WRITTEN, 8);
      assertThat(report.written()).isEqualTo(8);
      assertThat(report.written() + report.skipped() + report.failed()).isEqualTo(report.total());
      assertThat(written.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 6, 7, 8, 9);
      assertThat(report.outcomes().get(0).rect()).isEqualTo(new PixelRect(80, 30, 120, 70));
      assertThat(report.outcomes().get(0).sourceWidth()).isEqualTo(200);
      assertThat(seen).hasSize(13);
      assertThat(f.calls("http://h/4.png")).isZero();
    }
  }

  @Test
  void rowsSharingAUrl_inFlightTogether_fetchOnce() {
    List<ManifestEntry> entries = new ArrayList<>();
    double[] xs = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
    for (int i = 0; i < xs.length; i++) {
      entries.add(ManifestEntry.of(i, "nevus", new Box(xs[i], 0.5, 0.1, 0.1), "http://h/same.png"));
    }
    MapFetcher f = new MapFetcher().put("http://h/same.png", PNG).delay(100);
    try (Dataset ds = dataset(Manifest.of("t", entries), f);
        Stream<Sample> s = ds.stream()) {
      List<Sample> samples = s.collect(Collectors.toList());
      assertThat(samples).hasSize(6);
      assertThat(samples).extracting(x -> x.rect().x1()).containsExactly(30, 50, 70, 90, 109, 129);
    }
    assertThat(f.calls("http://h/same.png")).isEqualTo(1);
  }

  @Test
  void componentBugs_becomeInternalErrorOutcomes() {
    Manifest m = manifest(3, "http://h/%d.png");
    Fetcher throwing =
        url -> {
          throw new IllegalStateException("bug in fetcher");
        };
    try (Dataset ds =
        Dataset.builder().manifest(m).fetcher(throwing).decoder(new JdkDecoder()).build()) {
      RunReport r = ds.writeTo(s -> {});
      assertThat(r.reasons()).containsExactly(Map.entry(Reason.INTERNAL_ERROR, 3));
      assertThat(r.outcomes().get(0).detail()).contains("bug in fetcher");
    }
    MapFetcher f = serving(m);
    Cropper broken =
        (e, src) -> {
          throw new ArithmeticException("bug in cropper");
        };
    try (Dataset ds =
        Dataset.builder()
            .manifest(m)
            .fetcher(f)
            .decoder(new JdkDecoder())
            .cropper(broken)
            .build()) {
      assertThat(ds.writeTo(s -> {}).reasons())
          .containsExactly(Map.entry(Reason.INTERNAL_ERROR, 3));
    }
  }

  @Test
  void dataset_canBeStreamedTwice() {
    Manifest m = manifest(5, "http://h/%d.png");
    MapFetcher f = serving(m);
    try (Dataset ds = dataset(m, f)) {
      try (Stream<Sample> s = ds.stream()) {
        assertThat(s.count()).isEqualTo(5);
      }
      try (Stream<Sample> s = ds.stream()) {
        assertThat(s.count()).isEqualTo(5);
      }
    }
  }

  @Test
  void builder_validates() {
    MapFetcher f = new MapFetcher();
    assertThatThrownBy(() -> Dataset.builder().decoder(new JdkDecoder()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fetcher is not set");
    assertThatThrownBy(() -> Dataset.builder().fetcher(f).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("decoder is not set");
    assertThatThrownBy(() -> Dataset.builder().concurrency(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrency must be between 1 and 1024: 0");
    assertThatThrownBy(() -> Dataset.builder().concurrency(2).concurrency(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("concurrency was already set to 2");
    assertThatThrownBy(
            () ->
                Dataset.builder()
                    .fetcher(f)
                    .decoder(new JdkDecoder())
                    .concurrency(8)
                    .maxRowsInFlight(4)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxRowsInFlight (4)");
    DatasetBuilder b = Dataset.builder().fetcher(f).decoder(new JdkDecoder());
    try (Dataset a = b.build();
        Dataset c = b.build()) {
      assertThat(a.manifest().size()).isEqualTo(4305);
      assertThat(c).isNotSameAs(a);
    }
  }
}
