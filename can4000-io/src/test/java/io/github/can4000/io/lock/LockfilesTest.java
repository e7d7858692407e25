package io.github.can4000.io.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.Dataset;
import io.github.can4000.ImageData;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.RunReport;
import io.github.can4000.Sink;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.fixtures.Photos;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import io.github.can4000.spi.RegionHint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockfilesTest {
  private static final Instant T0 = Instant.parse("2026-11-27T18:00:00Z");
  private static final String SHA = "a".repeat(64);

  @Test
  void writeThenRead_roundTrips(@TempDir Path dir) throws IOException {
    List<LockEntry> entries =
        List.of(
            new LockEntry(
                "https://x.example/b, \"quoted\" and spaced ünïcode.jpg",
                SHA,
                640,
                480,
                OptionalLong.of(0x8000_0000_0000_0001L),
                "W/\"abc,def\"",
                "Wed, 21 Oct 2015 07:28:00 GMT",
                T0),
            new LockEntry(
                "https://x.example/a.jpg",
                "0".repeat(64),
                0,
                0,
                OptionalLong.empty(),
                "",
                "",
                T0.plusMillis(1234)));
    Path file = dir.resolve(Lockfiles.FILE_NAME);
    Lockfiles.write(file, entries);

    List<LockEntry> read = Lockfiles.read(file);
    assertThat(read).containsExactly(entries.get(1), entries.get(0));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo(Lockfiles.HEADER);
    assertThat(lines.get(1))
        .isEqualTo(
            "https://x.example/a.jpg," + "0".repeat(64) + ",0,0,,,,,2026-11-27T18:00:01.234Z");
    assertThat(lines.get(2)).contains(",8000000000000001,");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void writeThenRead_hashedRegion_roundTrips_wholeImageWrittenEmpty(@TempDir Path dir)
      throws IOException {
    LockEntry region =
        new LockEntry(
            "r", SHA, 640, 480, OptionalLong.of(7), new PixelRect(10, 20, 330, 470), "", "", T0);
    LockEntry whole = new LockEntry("w", SHA, 640, 480, OptionalLong.of(7), "", "", T0);
    Path file = dir.resolve(Lockfiles.FILE_NAME);
    Lockfiles.write(file, List.of(region, whole));

    assertThat(Lockfiles.read(file)).containsExactly(region, whole);
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .containsExactly(
            Lockfiles.HEADER,
            "r," + SHA + ",640,480,0000000000000007,10 20 330 470,,," + T0,
            "w," + SHA + ",640,480,0000000000000007,,,," + T0);
    assertThat(region.hashesWholeImage()).isFalse();
    assertThat(whole.hashesWholeImage()).isTrue();
    assertThat(whole.hashed()).isEqualTo(new PixelRect(0, 0, 640, 480));
  }

  @Test
  void read_lockfileWithoutRegionColumn_hashesWholeImages(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("old.csv");
    Files.writeString(
        f,
        "url,sha256,width,height,phash,etag,last_modified,fetched_at\n"
            + "u,"
            + SHA
            + ",64,48,00000000000000ff,\"W/\"\"e\"\"\",,2026-11-27T18:00:00Z\n"
            + "v,"
            + SHA
            + ",0,0,,,,2026-11-27T18:00:00Z\n");
    assertThat(Lockfiles.read(f))
        .containsExactly(
            new LockEntry("u", SHA, 64, 48, OptionalLong.of(0xff), "W/\"e\"", "", T0),
            new LockEntry("v", SHA, 0, 0, OptionalLong.empty(), "", "", T0));
  }

  @Test
  void hashedIn_scalesTheHashedPartToAnotherSize_neverEmpty() {
    LockEntry e =
        new LockEntry(
            "r", SHA, 640, 480, OptionalLong.of(7), new PixelRect(160, 120, 480, 360), "", "", T0);
    assertThat(e.hashedIn(640, 480)).isEqualTo(new PixelRect(160, 120, 480, 360));
    assertThat(e.hashedIn(320, 240)).isEqualTo(new PixelRect(80, 60, 240, 180));
    assertThat(e.hashedIn(1, 1)).isEqualTo(new PixelRect(0, 0, 1, 1));
    assertThat(new LockEntry("w", SHA, 640, 480, OptionalLong.of(7), "", "", T0).hashedIn(100, 50))
        .isEqualTo(new PixelRect(0, 0, 100, 50));
    assertThatThrownBy(
            () -> new LockEntry("n", SHA, 0, 0, OptionalLong.empty(), "", "", T0).hashedIn(5, 5))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                new LockEntry(
                    "x", SHA, 64, 48, OptionalLong.of(7), new PixelRect(0, 0, 0, 0), "", "", T0))
        .hasMessageContaining("empty or outside 64x48");
  }

  @Test
  void clusters_compareOnlyHashesOfTheSamePart() {
    long h = 0x0F0F_0F0F_0F0F_0F0FL;
    PixelRect middle = new PixelRect(160, 120, 480, 360);
    List<LockEntry> lock =
        List.of(
            new LockEntry("whole-a", SHA, 640, 480, OptionalLong.of(h), "", "", T0),
            new LockEntry("whole-b", SHA, 320, 240, OptionalLong.of(h ^ 3), "", "", T0),
            new LockEntry("mid-a", SHA, 640, 480, OptionalLong.of(h), middle, "", "", T0),
            // the same part of a copy at half the size, one pixel off
            new LockEntry(
                "mid-b",
                SHA,
                320,
                240,
                OptionalLong.of(h ^ 1),
                new PixelRect(81, 60, 240, 180),
                "",
                "",
                T0),
            // the same hash, but of another part: not comparable
            new LockEntry(
                "left",
                SHA,
                640,
                480,
                OptionalLong.of(h),
                new PixelRect(0, 0, 320, 480),
                "",
                "",
                T0),
            new LockEntry("none", SHA, 0, 0, OptionalLong.empty(), "", "", T0));
    var c = Lockfiles.clusters(lock, NearDuplicates.DEFAULT_THRESHOLD);
    assertThat(c.groups())
        .containsExactlyInAnyOrder(Set.of("whole-a", "whole-b"), Set.of("mid-a", "mid-b"));
    assertThat(c.keyCount()).isEqualTo(5);
    assertThat(lock.get(2).hashesSamePartAs(lock.get(3))).isTrue();
    assertThat(lock.get(2).hashesSamePartAs(lock.get(4))).isFalse();
    assertThat(lock.get(0).hashesSamePartAs(lock.get(2))).isFalse();
    assertThat(lock.get(0).hashesSamePartAs(lock.get(5))).isFalse();
  }

  @Test
  void recorder_wholeImages_decodesWhole_regionWrapKeepsRegionReads() throws Exception {
    byte[] jpg = Photos.bytes("photo_005.jpg");
    io.github.can4000.spi.RegionHint middle = (w, h) -> new PixelRect(w / 4, h / 4, w / 2, h / 2);
    io.github.can4000.spi.Decoder standard = io.github.can4000.io.image.ImageDecoders.standard();
    LockRecorder region = Lockfiles.recorder();
    LockRecorder whole = Lockfiles.recorder();
    MapFetcher f = new MapFetcher().put("u", jpg);
    var a = region.wrap(standard).decode(region.wrap(f).fetch("u").body(), middle);
    var b = whole.wrapWholeImages(standard).decode(whole.wrap(f).fetch("u").body(), middle);
    assertThat(a.decodedRegion()).isEqualTo(middle.region(a.width(), a.height()));
    assertThat(b.decodedRegion()).isEqualTo(new PixelRect(0, 0, b.width(), b.height()));
    LockEntry r = region.entries().get(0);
    LockEntry w = whole.entries().get(0);
    assertThat(r.hashed()).isEqualTo(a.decodedRegion());
    assertThat(r.phash()).hasValue(NearDuplicates.hash(b, a.decodedRegion()));
    assertThat(w.hashesWholeImage()).isTrue();
    assertThat(w.phash()).hasValue(NearDuplicates.hash(ImageData.of(Photos.read(jpg))));
  }

  @Test
  void write_duplicateUrl_rejected(@TempDir Path dir) {
    LockEntry e = new LockEntry("u", SHA, 1, 1, OptionalLong.empty(), "", "", T0);
    assertThatThrownBy(() -> Lockfiles.write(dir.resolve("l.csv"), List.of(e, e)))
        .hasMessageContaining("twice: u");
  }

  @Test
  void read_malformed_namesFileAndLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(
        f,
        Lockfiles.HEADER
            + "\nu,"
            + SHA
            + ",1,1,,,,,2026-11-27T18:00:00Z\nv,"
            + SHA
            + ",x,1,,,,,"
            + T0
            + "\n");
    assertThatThrownBy(() -> Lockfiles.read(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.csv:3:");
    Files.writeString(f, "url,sha\n");
    assertThatThrownBy(() -> Lockfiles.read(f)).hasMessageContaining("bad.csv:1: expected header");
    Files.writeString(f, Lockfiles.HEADER + "\nu,XYZ,1,1,,,,," + T0 + "\n");
    assertThatThrownBy(() -> Lockfiles.read(f)).hasMessageContaining("bad.csv:2: sha256 must be");
    Files.writeString(f, Lockfiles.HEADER + "\nu," + SHA + ",1,1,zz,,,," + T0 + "\n");
    assertThatThrownBy(() -> Lockfiles.read(f)).hasMessageContaining("bad.csv:2: a hash is 16");
    Files.writeString(
        f, Lockfiles.HEADER + "\nu," + SHA + ",8,8,00000000000000ff,1 2 3,,," + T0 + "\n");
    assertThatThrownBy(() -> Lockfiles.read(f))
        .hasMessageContaining("bad.csv:2: phash_region must be four numbers");
    Files.writeString(
        f, Lockfiles.HEADER + "\nu," + SHA + ",8,8,00000000000000ff,4 4 9 9,,," + T0 + "\n");
    assertThatThrownBy(() -> Lockfiles.read(f))
        .hasMessageContaining("bad.csv:2: hashed region")
        .hasMessageContaining("outside 8x8");
  }

  @Test
  void merge_newerWinsPerUrl() {
    LockEntry a1 = new LockEntry("a", SHA, 1, 1, OptionalLong.empty(), "", "", T0);
    LockEntry b1 = new LockEntry("b", SHA, 1, 1, OptionalLong.empty(), "", "", T0);
    LockEntry a2 = new LockEntry("a", SHA, 2, 2, OptionalLong.of(3), "", "", T0.plusSeconds(1));
    assertThat(Lockfiles.merge(List.of(a1, b1), List.of(a2))).containsExactly(a2, b1);
  }

  /** Serves registered bodies with an ETag and Last-Modified. */
  private static final class HeaderFetcher implements Fetcher {
    private final Map<String, byte[]> bodies;

    HeaderFetcher(Map<String, byte[]> bodies) {
      this.bodies = bodies;
    }

    @Override
    public Fetched fetch(String url) throws FetchException {
      byte[] b = bodies.get(url);
      if (b == null) {
        throw new FetchException(Reason.HTTP_STATUS, url, 404, 1, "404");
      }
      return new Fetched(
          url,
          Bytes.copyOf(b),
          200,
          1,
          Map.of(
              "etag",
              "\"" + url.hashCode() + "\"",
              "last-modified",
              "Tue, 01 Dec 2026 10:00:00 GMT"));
    }
  }

  @Test
  void recorder_wrappingDatasetComponents_recordsEveryFetchedUrl() throws IOException {
    byte[] photo = Photos.bytes("photo_033.jpg");
    byte[] html = "<html>removed</html>".getBytes(StandardCharsets.UTF_8);
    Manifest m =
        Manifest.of(
            "m",
            List.of(
                ManifestEntry.of(0, "a", new Box(0.5, 0.5, 0.5, 0.5), "https://h/p.jpg"),
                ManifestEntry.of(1, "a", new Box(0.3, 0.3, 0.2, 0.2), "https://h/p.jpg"),
                ManifestEntry.of(2, "b", new Box(0.5, 0.5, 0.5, 0.5), "https://h/gone.jpg"),
                ManifestEntry.of(3, "b", new Box(0.5, 0.5, 0.5, 0.5), "https://h/page.html")));
    LockRecorder rec = Lockfiles.recorder(Clock.fixed(T0, ZoneOffset.UTC));
    RunReport report;
    try (Dataset d =
        Dataset.builder()
            .manifest(m)
            .fetcher(
                rec.wrap(
                    new HeaderFetcher(
                        Map.of("https://h/p.jpg", photo, "https://h/page.html", html))))
            .decoder(rec.wrap(new JdkDecoder()))
            .build()) {
      report = d.writeTo(sample -> {});
    }
    assertThat(report.written()).isEqualTo(2);
    List<LockEntry> entries = rec.entries();
    assertThat(entries)
        .extracting(LockEntry::url)
        .containsExactly("https://h/p.jpg", "https://h/page.html");
    LockEntry p = entries.get(0);
    assertThat(p.sha256()).isEqualTo(Bytes.copyOf(photo).sha256());
    assertThat(p.width()).isEqualTo(451);
    assertThat(p.height()).isEqualTo(451);
    assertThat(p.phash())
        .hasValue(NearDuplicates.hash(io.github.can4000.ImageData.of(Photos.read(photo))));
    assertThat(p.etag()).isEqualTo("\"" + "https://h/p.jpg".hashCode() + "\"");
    assertThat(p.lastModified()).isEqualTo("Tue, 01 Dec 2026 10:00:00 GMT");
    assertThat(p.fetchedAt()).isEqualTo(T0);
    LockEntry h = entries.get(1);
    assertThat(h.wasDecoded()).isFalse();
    assertThat(h.phash()).isEmpty();
  }

  @Test
  void enforcer_passesSameAndReencoded_refusesChangedPicture() throws Exception {
    byte[] photo = TestImages.encode(Photos.image("photo_005.jpg"), "png");
    byte[] reencoded = Photos.jpeg(Photos.image("photo_005.jpg"), 0.6f);
    byte[] other = Photos.bytes("photo_006.jpg");
    List<LockEntry> lock = record(photo, "same", "re", "chg");
    MapFetcher now =
        new MapFetcher()
            .put("same", photo)
            .put("re", reencoded)
            .put("chg", other)
            .put("new", other);
    LockEnforcer strict = Lockfiles.enforcer(lock);
    Fetcher fetcher = strict.wrap(now);
    Decoder decoder = strict.wrap(new JdkDecoder());
    int width = Photos.image("photo_005.jpg").getWidth();
    assertThat(decoder.decode(fetcher.fetch("same").body()).width()).isEqualTo(width);
    assertThat(decoder.decode(fetcher.fetch("re").body()).width()).isEqualTo(width);
    assertThat(decoder.decode(fetcher.fetch("new").body()).width()).isPositive();
    Bytes changed = fetcher.fetch("chg").body();
    assertThatThrownBy(() -> decoder.decode(changed))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CHANGED_SINCE_LOCK))
        .hasMessageContaining("picture changed since the lockfile");
    // a copy of the body (a decorator between fetcher and decoder) is still checked
    Bytes copy = Bytes.copyOf(fetcher.fetch("chg").body().toByteArray());
    assertThatThrownBy(() -> decoder.decode(copy))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CHANGED_SINCE_LOCK));

    Manifest m =
        Manifest.of(
            "m",
            List.of(
                ManifestEntry.of(0, "a", new Box(0.5, 0.5, 0.5, 0.5), "chg"),
                ManifestEntry.of(1, "a", new Box(0.5, 0.5, 0.5, 0.5), "re")));
    try (Dataset d = Dataset.builder().manifest(m).fetcher(fetcher).decoder(decoder).build()) {
      Sink sink = sample -> {};
      RunReport r = d.writeTo(sink);
      assertThat(r.outcomes())
          .extracting(o -> o.reason())
          .containsExactly(Reason.CHANGED_SINCE_LOCK, Reason.WRITTEN);
      assertThat(r.outcomes().get(0).detail()).contains("picture changed since the lockfile");
    }
    assertThat(now.isClosed()).isTrue();
  }

  @Test
  void enforcer_refusesChangedBytesWithoutLockedHashAtFetch() throws Exception {
    byte[] photo = Photos.bytes("photo_005.jpg");
    LockEntry noHash =
        new LockEntry(
            "u",
            Bytes.copyOf(photo).sha256(),
            0,
            0,
            OptionalLong.empty(),
            new PixelRect(0, 0, 0, 0),
            "",
            "",
            Instant.EPOCH);
    Fetcher strict =
        Lockfiles.enforcer(List.of(noHash))
            .wrap(new MapFetcher().put("u", Photos.bytes("photo_006.jpg")));
    assertThatThrownBy(() -> strict.fetch("u"))
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CHANGED_SINCE_LOCK))
        .hasMessageContaining("no perceptual hash");
    assertThatThrownBy(() -> Lockfiles.enforcer(List.of(noHash), 64))
        .hasMessage("threshold must be between 0 and 63: 64");
  }

  /**
   * A download that enforces a lockfile and records a new one, as {@code download --lock} does,
   * decodes every body once: the same, a re-encoded, a changed body and an unlocked URL, one of
   * them named by two rows whose region union is read.
   */
  @Test
  void enforcingAndRecordingDownload_decodesEveryBodyOnce() throws Exception {
    byte[] photo = TestImages.encode(Photos.image("photo_005.jpg"), "png");
    byte[] reencoded = Photos.jpeg(Photos.image("photo_005.jpg"), 0.6f);
    byte[] other = Photos.bytes("photo_006.jpg");
    List<LockEntry> lock = record(photo, "same", "re", "chg");
    MapFetcher now =
        new MapFetcher()
            .put("same", photo)
            .put("re", reencoded)
            .put("chg", other)
            .put("new", Photos.bytes("photo_007.jpg"));
    Map<String, Integer> decodes = new ConcurrentHashMap<>();
    Decoder counting =
        new Decoder() {
          private final Decoder inner = ImageDecoders.standard();

          @Override
          public DecodedImage decode(Bytes data) throws DecodeException {
            decodes.merge(data.sha256(), 1, Integer::sum);
            return inner.decode(data);
          }

          @Override
          public DecodedImage decode(Bytes data, RegionHint hint) throws DecodeException {
            decodes.merge(data.sha256(), 1, Integer::sum);
            return inner.decode(data, hint);
          }

          @Override
          public long decodedBytes(Bytes data, RegionHint hint) {
            return inner.decodedBytes(data, hint);
          }
        };
    LockEnforcer strict = Lockfiles.enforcer(lock);
    LockRecorder rec = Lockfiles.recorder();
    Manifest m =
        Manifest.of(
            "m",
            List.of(
                ManifestEntry.of(0, "a", new Box(0.5, 0.5, 0.2, 0.2), "same"),
                ManifestEntry.of(1, "a", new Box(0.5, 0.5, 0.2, 0.2), "re"),
                ManifestEntry.of(2, "a", new Box(0.2, 0.2, 0.1, 0.1), "re"),
                ManifestEntry.of(3, "a", new Box(0.5, 0.5, 0.2, 0.2), "chg"),
                ManifestEntry.of(4, "a", new Box(0.5, 0.5, 0.2, 0.2), "new")));
    RunReport r;
    try (Dataset d =
        Dataset.builder()
            .manifest(m)
            .fetcher(rec.wrap(strict.wrap(now)))
            .decoder(rec.wrap(strict.wrap(counting)))
            .build()) {
      r = d.writeTo(sample -> {});
    }
    assertThat(r.outcomes())
        .extracting(o -> o.reason())
        .containsExactly(
            Reason.WRITTEN,
            Reason.WRITTEN,
            Reason.WRITTEN,
            Reason.CHANGED_SINCE_LOCK,
            Reason.WRITTEN);
    assertThat(decodes)
        .containsOnlyKeys(
            Bytes.copyOf(photo).sha256(),
            Bytes.copyOf(reencoded).sha256(),
            Bytes.copyOf(other).sha256(),
            Bytes.copyOf(Photos.bytes("photo_007.jpg")).sha256());
    assertThat(decodes.values()).containsOnly(1);
    // the refused URL is not recorded (the lockfile keeps the locked entry); the others are, hashed
    List<LockEntry> recorded = rec.entries();
    assertThat(recorded).extracting(LockEntry::url).containsExactly("new", "re", "same");
    assertThat(recorded).allSatisfy(e -> assertThat(e.phash()).isPresent());
    assertThat(recorded.get(1).sha256()).isEqualTo(Bytes.copyOf(reencoded).sha256());
    assertThat(Lockfiles.merge(lock, recorded))
        .filteredOn(e -> e.url().equals("chg"))
        .extracting(LockEntry::sha256)
        .containsExactly(Bytes.copyOf(photo).sha256());
  }

  /** Records a lock of {@code body} served at each of {@code urls}, whole images. */
  private static List<LockEntry> record(byte[] body, String... urls) throws Exception {
    LockRecorder rec = Lockfiles.recorder();
    MapFetcher original = new MapFetcher();
    for (String u : urls) {
      original.put(u, body);
    }
    for (String u : urls) {
      rec.wrap(new JdkDecoder()).decode(rec.wrap(original).fetch(u).body());
    }
    return rec.entries();
  }
}
