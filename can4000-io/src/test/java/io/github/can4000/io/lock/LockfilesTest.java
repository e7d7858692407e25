package io.github.can4000.io.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Bytes;
import io.github.can4000.Dataset;
import io.github.can4000.FetchException;
import io.github.can4000.Fetched;
import io.github.can4000.Fetcher;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Box;
import io.github.can4000.Reason;
import io.github.can4000.RunReport;
import io.github.can4000.Sink;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.fixtures.Photos;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockfilesTest {
  private static final Instant T0 = Instant.parse("2026-11-27T18:00:00Z");
  private static final String SHA = "a".repeat(64);

  @Test
  void writeThenRead_roundTrips(@TempDir Path dir) throws IOException {
    List<LockEntry> entries = List.of(
        new LockEntry("https://x.example/b, \"quoted\" and spaced ünïcode.jpg", SHA, 640, 480,
            OptionalLong.of(0x8000_0000_0000_0001L), "W/\"abc,def\"", "Wed, 21 Oct 2015 07:28:00 GMT", T0),
        new LockEntry("https://x.example/a.jpg", "0".repeat(64), 0, 0, OptionalLong.empty(), "", "",
            T0.plusMillis(1234)));
    Path file = dir.resolve(Lockfiles.FILE_NAME);
    Lockfiles.write(file, entries);

    List<LockEntry> read = Lockfiles.read(file);
    assertThat(read).containsExactly(entries.get(1), entries.get(0));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo(Lockfiles.HEADER);
    assertThat(lines.get(1)).isEqualTo("https://x.example/a.jpg," + "0".repeat(64) + ",0,0,,,,2026-11-27T18:00:01.234Z");
    assertThat(lines.get(2)).contains(",8000000000000001,");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void write_duplicateUrl_rejected(@TempDir Path dir) {
    LockEntry e = new LockEntry("u", SHA, 1, 1, OptionalLong.empty(), "", "", T0);
    assertThatThrownBy(() -> Lockfiles.write(dir.resolve("l.csv"), List.of(e, e))).hasMessageContaining("twice: u");
  }

  @Test
  void read_malformed_namesFileAndLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, Lockfiles.HEADER + "\nu," + SHA + ",1,1,,,,2026-11-27T18:00:00Z\nv," + SHA + ",x,1,,,,"
        + T0 + "\n");
    assertThatThrownBy(() -> Lockfiles.read(f)).isInstanceOf(IOException.class).hasMessageContaining("bad.csv:3:");
    Files.writeString(f, "url,sha\n");
    assertThatThrownBy(() -> Lockfiles.read(f)).hasMessageContaining("bad.csv:1: expected header");
    Files.writeString(f, Lockfiles.HEADER + "\nu,XYZ,1,1,,,," + T0 + "\n");
    assertThatThrownBy(() -> Lockfiles.read(f)).hasMessageContaining("bad.csv:2: sha256 must be");
    Files.writeString(f, Lockfiles.HEADER + "\nu," + SHA + ",1,1,zz,,," + T0 + "\n");
    assertThatThrownBy(() -> Lockfiles.read(f)).hasMessageContaining("bad.csv:2: a hash is 16");
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
      return new Fetched(url, Bytes.copyOf(b), 200, 1,
          Map.of("etag", "\"" + url.hashCode() + "\"", "last-modified", "Tue, 01 Dec 2026 10:00:00 GMT"));
    }
  }

  @Test
  void recorder_wrappingDatasetComponents_recordsEveryFetchedUrl() throws IOException {
    byte[] photo = Photos.bytes("photo_033.jpg");
    byte[] html = "<html>removed</html>".getBytes(StandardCharsets.UTF_8);
    Manifest m = Manifest.of("m", List.of(
        ManifestEntry.of(0, "a", new Box(0.5, 0.5, 0.5, 0.5), "https://h/p.jpg"),
        ManifestEntry.of(1, "a", new Box(0.3, 0.3, 0.2, 0.2), "https://h/p.jpg"),
        ManifestEntry.of(2, "b", new Box(0.5, 0.5, 0.5, 0.5), "https://h/gone.jpg"),
        ManifestEntry.of(3, "b", new Box(0.5, 0.5, 0.5, 0.5), "https://h/page.html")));
    LockRecorder rec = Lockfiles.recorder(Clock.fixed(T0, ZoneOffset.UTC));
    RunReport report;
    try (Dataset d = Dataset.builder().manifest(m)
        .fetcher(rec.wrap(new HeaderFetcher(Map.of("https://h/p.jpg", photo, "https://h/page.html", html))))
        .decoder(rec.wrap(new JdkDecoder())).build()) {
      report = d.writeTo(sample -> { });
    }
    assertThat(report.written()).isEqualTo(2);
    List<LockEntry> entries = rec.entries();
    assertThat(entries).extracting(LockEntry::url).containsExactly("https://h/p.jpg", "https://h/page.html");
    LockEntry p = entries.get(0);
    assertThat(p.sha256()).isEqualTo(Bytes.copyOf(photo).sha256());
    assertThat(p.width()).isEqualTo(451);
    assertThat(p.height()).isEqualTo(451);
    assertThat(p.phash()).hasValue(NearDuplicates.hash(io.github.can4000.ImageData.of(Photos.read(photo))));
    assertThat(p.etag()).isEqualTo("\"" + "https://h/p.jpg".hashCode() + "\"");
    assertThat(p.lastModified()).isEqualTo("Tue, 01 Dec 2026 10:00:00 GMT");
    assertThat(p.fetchedAt()).isEqualTo(T0);
    LockEntry h = entries.get(1);
    assertThat(h.wasDecoded()).isFalse();
    assertThat(h.phash()).isEmpty();
  }

  @Test
  void enforce_passesSameAndReencoded_refusesChangedPicture() throws Exception {
    byte[] photo = TestImages.encode(Photos.image("photo_005.jpg"), "png");
    byte[] reencoded = Photos.jpeg(Photos.image("photo_005.jpg"), 0.6f);
    byte[] other = Photos.bytes("photo_006.jpg");
    LockRecorder rec = Lockfiles.recorder();
    MapFetcher original = new MapFetcher().put("same", photo).put("re", photo).put("chg", photo);
    for (String u : List.of("same", "re", "chg")) {
      rec.wrap(new JdkDecoder()).decode(rec.wrap(original).fetch(u).body());
    }
    MapFetcher now = new MapFetcher().put("same", photo).put("re", reencoded).put("chg", other)
        .put("new", other);
    Fetcher strict = Lockfiles.enforce(now, new JdkDecoder(), rec.entries());
    assertThat(strict.fetch("same").body().size()).isEqualTo(photo.length);
    assertThat(strict.fetch("re").body().size()).isEqualTo(reencoded.length);
    assertThat(strict.fetch("new").body().size()).isEqualTo(other.length);
    assertThatThrownBy(() -> strict.fetch("chg")).isInstanceOfSatisfying(FetchException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.CHANGED_SINCE_LOCK))
        .hasMessageContaining("picture changed since the lockfile");

    Manifest m = Manifest.of("m", List.of(ManifestEntry.of(0, "a", new Box(0.5, 0.5, 0.5, 0.5), "chg"),
        ManifestEntry.of(1, "a", new Box(0.5, 0.5, 0.5, 0.5), "re")));
    try (Dataset d = Dataset.builder().manifest(m).fetcher(strict).decoder(new JdkDecoder()).build()) {
      Sink sink = sample -> { };
      RunReport r = d.writeTo(sink);
      assertThat(r.outcomes()).extracting(o -> o.reason()).containsExactly(Reason.CHANGED_SINCE_LOCK, Reason.WRITTEN);
    }
    assertThat(now.isClosed()).isTrue();
  }
}
