package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.internal.Run;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RegionHint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine's region hints, URL grouping in writeTo, and the fallback to a full decode. */
class RegionReadTest {
  private static final byte[] PNG = TestImages.gradientPng(200, 100);

  /** Decodes fully, then keeps only the hinted region, as a region-reading decoder would. */
  static final class RegionDecoder implements Decoder {
    final List<PixelRect> regions = new CopyOnWriteArrayList<>();
    final JdkDecoder full = new JdkDecoder();
    volatile int fullDecodes;

    @Override
    public DecodedImage decode(Bytes data) throws DecodeException {
      fullDecodes++;
      return full.decode(data);
    }

    @Override
    public DecodedImage decode(Bytes data, RegionHint hint) throws DecodeException {
      java.awt.image.BufferedImage img = read(data);
      PixelRect r = hint.region(img.getWidth(), img.getHeight());
      if (r == null) {
        fullDecodes++;
        return DecodedImage.of(img, ImageFormat.PNG);
      }
      r = r.clampTo(img.getWidth(), img.getHeight());
      regions.add(r);
      return DecodedImage.ofRegion(
          img.getSubimage(r.x1(), r.y1(), r.width(), r.height()),
          ImageFormat.PNG,
          r.x1(),
          r.y1(),
          img.getWidth(),
          img.getHeight());
    }

    private static java.awt.image.BufferedImage read(Bytes data) throws DecodeException {
      try {
        return javax.imageio.ImageIO.read(data.newInputStream());
      } catch (java.io.IOException e) {
        throw new DecodeException(Reason.DECODE_FAILED, e.toString());
      }
    }
  }

  private static Manifest manifest(List<String> urls, List<Box> boxes) {
    List<ManifestEntry> entries = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      entries.add(ManifestEntry.of(i, "nevus", boxes.get(i), urls.get(i)));
    }
    return Manifest.of("test", entries);
  }

  @Test
  void groupedByUrl_keepsFirstOccurrenceOrderAndRowOrder() {
    Manifest m =
        manifest(
            List.of("a", "b", "a", "c", "b", "a"),
            List.of(box(), box(), box(), box(), box(), box()));
    assertThat(Dataset.groupedByUrl(m.entries())).containsExactly(0, 2, 5, 1, 4, 3);
  }

  @Test
  void writeTo_rowsSharingAUrlFarApart_fetchAndDecodeOnce_withTheUnionRegion() throws Exception {
    List<String> urls = new ArrayList<>();
    List<Box> boxes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      urls.add("http://h/" + (i % 20) + ".png");
      boxes.add(i < 20 ? new Box(0.25, 0.25, 0.2, 0.2) : new Box(0.75, 0.75, 0.2, 0.2));
    }
    Manifest m = manifest(urls, boxes);
    MapFetcher f = new MapFetcher();
    urls.forEach(u -> f.put(u, PNG));
    RegionDecoder dec = new RegionDecoder();
    Map<Integer, ImageData> written = new ConcurrentHashMap<>();
    RunReport report;
    try (Dataset ds =
        Dataset.builder()
            .manifest(m)
            .fetcher(f)
            .decoder(dec)
            .concurrency(2)
            .maxRowsInFlight(4)
            .build()) {
      report = ds.writeTo(s -> written.put(s.entry().id(), s.image()));
    }
    assertThat(report.written()).isEqualTo(60);
    assertThat(f.totalCalls()).isEqualTo(20);
    assertThat(dec.regions).hasSize(20).allMatch(r -> r.equals(new PixelRect(30, 15, 170, 85)));
    assertThat(report.outcomes()).extracting(Outcome::sourceWidth).containsOnly(200);
    DecodedImage whole = new JdkDecoder().decode(Bytes.copyOf(PNG));
    for (Outcome o : report.outcomes()) {
      assertThat(written.get(o.entry().id())).isEqualTo(whole.crop(o.rect()));
    }
  }

  @Test
  void rowJoiningAfterARegionRead_getsAFullDecode() throws Exception {
    // maxRowsInFlight 1: the second row of the URL arrives after the first row's region read
    Manifest m =
        manifest(
            List.of("http://h/x.png", "http://h/x.png"),
            List.of(new Box(0.1, 0.1, 0.1, 0.1), new Box(0.9, 0.9, 0.1, 0.1)));
    MapFetcher f = new MapFetcher().put("http://h/x.png", PNG);
    RegionDecoder dec = new RegionDecoder();
    DecodedImage whole = new JdkDecoder().decode(Bytes.copyOf(PNG));
    try (Dataset ds =
            Dataset.builder()
                .manifest(m)
                .fetcher(f)
                .decoder(dec)
                .concurrency(1)
                .maxRowsInFlight(1)
                .build();
        Stream<Sample> s = ds.stream()) {
      List<Sample> samples = s.collect(Collectors.toList());
      assertThat(samples).hasSize(2);
      for (Sample sample : samples) {
        assertThat(sample.image()).isEqualTo(whole.crop(sample.rect()));
      }
    }
  }

  @Test
  void union_ofEmptyRegions_isTheWholeImage() {
    RegionHint empty = (w, h) -> new PixelRect(w + 5, 0, w + 9, 3);
    assertThat(Run.union(List.of(empty, empty)).region(100, 50)).isNull();
    assertThat(Run.union(List.of(empty, RegionHint.WHOLE))).isSameAs(RegionHint.WHOLE);
    RegionHint a = (w, h) -> new PixelRect(-5, 10, 20, 20);
    RegionHint b = (w, h) -> new PixelRect(50, 5, 200, 30);
    assertThat(Run.union(List.of(a, b, empty)).region(100, 50))
        .isEqualTo(new PixelRect(0, 5, 100, 30));
  }

  @Test
  void referenceCropper_region_isTheClampedBox() {
    ManifestEntry e = ManifestEntry.of(1, "nevus", new Box(0.1, 0.5, 0.4, 0.5), "u");
    assertThat(Cropper.reference().region(e).region(200, 100))
        .isEqualTo(new PixelRect(0, 25, 60, 75));
    ManifestEntry nan = ManifestEntry.of(2, "nevus", new Box(Double.NaN, 0.5, 0.4, 0.5), "u");
    assertThat(Cropper.reference().region(nan)).isSameAs(RegionHint.WHOLE);
  }

  private static Box box() {
    return new Box(0.5, 0.5, 0.5, 0.5);
  }
}
