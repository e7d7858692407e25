package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.ImageData;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.fixtures.Photos;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.lock.LockEntry;
import io.github.can4000.io.lock.Lockfiles;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hygiene commands, run in-process: split, dedupe, verify, stats, thumbnails and download
 * --lock.
 */
class HygieneCommandsTest {

  /**
   * A manifest file of test photos: rows 0-3 crop photo_025 (two URLs of the same picture, twice
   * each) etc.
   */
  private static Path manifestOfPhotos(Path dir, Map<String, byte[]> bodies) throws IOException {
    String[] photos = {
      "photo_025.jpg", "photo_028.jpg", "photo_002.jpg", "photo_033.jpg", "photo_005.jpg"
    };
    StringBuilder sb = new StringBuilder("## test photos\n");
    int no = 0;
    for (String p : photos) {
      String url = "https://photos.example/" + p;
      bodies.put(url, Photos.bytes(p));
      String label =
          p.equals("photo_002.jpg") || p.equals("photo_033.jpg")
              ? "onychomycosis"
              : "naildystrophy";
      sb.append(String.format("%05d %s 0.5 0.5 1 1 %s%n", no++, label, url));
      sb.append(String.format("%05d %s 0.5 0.5 0.6 0.6 %s%n", no++, label, url));
    }
    Path m = dir.resolve("photos.txt");
    Files.writeString(m, sb.toString(), StandardCharsets.UTF_8);
    return m;
  }

  private static Components components(Map<String, byte[]> bodies) {
    return components(bodies, new JdkDecoder());
  }

  /** Components that serve {@code bodies} by URL and decode with {@code decoder}. */
  private static Components components(Map<String, byte[]> bodies, Decoder decoder) {
    return new Components() {
      @Override
      public Fetcher fetcher() {
        MapFetcher f = new MapFetcher();
        bodies.forEach(f::put);
        return f;
      }

      @Override
      public Decoder decoder() {
        return decoder;
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"split", "dedupe", "verify", "stats", "thumbnails"})
  void help_printsUsage(String command) {
    Cli.Result r = Cli.run(command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: can4000 " + command);
  }

  @Test
  void split_bundledManifest_writesCsvAndManifestsWithoutLeakage(@TempDir Path dir)
      throws IOException {
    Path csv = dir.resolve("split.csv");
    Cli.Result r =
        Cli.run(
            "split",
            "--seed",
            "3",
            "--out",
            csv.toString(),
            "--manifests",
            dir.resolve("m").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "leakage: 0 URLs, 0 clusters, 0 rows cross sides (none)",
            "malignantmelanoma",
            "requested",
            "80.0%");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(4306);
    assertThat(lines.get(0)).isEqualTo("no,label,url,split");
    int total = 0;
    for (String side : List.of("train", "val", "test")) {
      Manifest m = Manifest.parse(dir.resolve("m/" + side + ".txt"));
      total += m.size();
      long inCsv = lines.stream().filter(l -> l.endsWith("," + side)).count();
      assertThat(m.size()).isEqualTo((int) inCsv);
    }
    assertThat(total).isEqualTo(4305);
    Manifest train = Manifest.parse(dir.resolve("m/train.txt"));
    Map<Integer, ManifestEntry> bundled = new HashMap<>();
    Manifest.can4000().entries().forEach(e -> bundled.put(e.id(), e));
    for (ManifestEntry e : train.entries()) {
      ManifestEntry o = bundled.get(e.id());
      assertThat(e.url()).isEqualTo(o.url());
      assertThat(e.box()).isEqualTo(o.box());
    }
  }

  @Test
  void split_withLock_keepsNearDuplicateUrlsTogether(@TempDir Path dir) throws IOException {
    Map<String, byte[]> bodies = new HashMap<>();
    Path manifest = manifestOfPhotos(dir, bodies);
    List<LockEntry> lock = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
      long h = NearDuplicates.hash(ImageData.of(Photos.read(e.getValue())));
      lock.add(
          new LockEntry(
              e.getKey(),
              Bytes.copyOf(e.getValue()).sha256(),
              1,
              1,
              OptionalLong.of(h),
              "",
              "",
              Instant.EPOCH));
    }
    Path lockFile = dir.resolve("_lock.csv");
    Lockfiles.write(lockFile, lock);
    for (long seed = 0; seed < 10; seed++) {
      Path csv = dir.resolve("split" + seed + ".csv");
      Cli.Result r =
          Cli.run(
              "split",
              "--manifest",
              manifest.toString(),
              "--fractions",
              "0.5,0.5",
              "--seed",
              "" + seed,
              "--lock",
              lockFile.toString(),
              "--out",
              csv.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("near-duplicates: 1 clusters joining 2 URLs");
      List<String> lines = Files.readAllLines(csv);
      String side025 = lines.get(1).substring(lines.get(1).lastIndexOf(',') + 1);
      for (int i = 1; i <= 4; i++) {
        assertThat(lines.get(i)).endsWith("," + side025);
      }
    }
  }

  @Test
  void download_hashesTheRegionItReads_orWholeImagesOnRequest_dedupeComparesLikeParts(
      @TempDir Path dir) throws IOException {
    // two URLs of the same picture, cropped to the same middle box, read by region
    Map<String, byte[]> bodies = new HashMap<>();
    StringBuilder sb = new StringBuilder();
    int no = 0;
    for (String p : List.of("photo_025.jpg", "photo_028.jpg", "photo_033.jpg")) {
      String url = "https://photos.example/" + p;
      bodies.put(url, Photos.bytes(p));
      sb.append(String.format("%05d naildystrophy 0.5 0.5 0.5 0.5 %s%n", no++, url));
    }
    Path manifest = dir.resolve("m.txt");
    Files.writeString(manifest, sb.toString(), StandardCharsets.UTF_8);
    Components regionReading = components(bodies, ImageDecoders.standard());
    Path out = dir.resolve("out");
    Cli.Result r =
        Cli.run(
            regionReading,
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    Path lockFile = out.resolve(Lockfiles.FILE_NAME);
    List<LockEntry> lock = Lockfiles.read(lockFile);
    assertThat(lock)
        .hasSize(3)
        .allSatisfy(
            e -> {
              assertThat(e.hashesWholeImage()).isFalse();
              assertThat(e.hashed().width()).isBetween(e.width() / 2 - 1, e.width() / 2 + 1);
            });
    r = Cli.run("dedupe", "--lock", lockFile.toString(), "--csv", dir.resolve("d.csv").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "3 URLs were hashed by the region",
            "--lock-hash whole",
            "1 clusters of near-duplicate URLs",
            "https://photos.example/photo_028.jpg");

    Path whole = dir.resolve("whole");
    r =
        Cli.run(
            regionReading,
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            whole.toString(),
            "--quiet",
            "--lock-hash",
            "whole");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Lockfiles.read(whole.resolve(Lockfiles.FILE_NAME)))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.hashesWholeImage()).isTrue());
    r =
        Cli.run(
            "dedupe",
            "--lock",
            whole.resolve(Lockfiles.FILE_NAME).toString(),
            "--csv",
            dir.resolve("d2.csv").toString());
    assertThat(r.out())
        .doesNotContain("hashed by the region")
        .contains("1 clusters of near-duplicate URLs");
    // the crops are the same either way
    assertThat(Files.readAllBytes(out.resolve("naildystrophy/00000_naildystrophy.png")))
        .isEqualTo(Files.readAllBytes(whole.resolve("naildystrophy/00000_naildystrophy.png")));
  }

  @Test
  void split_badFractions_exitsWithUsageError() {
    Cli.Result r = Cli.run("split", "--fractions", "0.5,0.6", "--out", "never.csv");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("sum to 1");
    assertThat(Path.of("never.csv")).doesNotExist();
  }

  /** Downloads the photo manifest into {@code out} with in-memory components. */
  private static Cli.Result download(
      Map<String, byte[]> bodies, Path manifest, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "download", "--manifest", manifest.toString(), "--out", out.toString(), "--quiet"));
    args.addAll(List.of(extra));
    return Cli.run(components(bodies), args.toArray(String[]::new));
  }

  @Test
  void download_writesLockfile_andLockRefusesChangedPictures(@TempDir Path dir) throws IOException {
    Map<String, byte[]> bodies = new HashMap<>();
    Path manifest = manifestOfPhotos(dir, bodies);
    Path out = dir.resolve("out");
    Cli.Result r = download(bodies, manifest, out);
    assertThat(r.code()).as(r.err()).isZero();
    List<LockEntry> lock = Lockfiles.read(out.resolve(Lockfiles.FILE_NAME));
    assertThat(lock).hasSize(5);
    assertThat(lock).allSatisfy(e -> assertThat(e.phash()).isPresent());

    // the web changes: one picture re-encoded, one replaced
    bodies.put(
        "https://photos.example/photo_005.jpg", Photos.jpeg(Photos.image("photo_005.jpg"), 0.6f));
    bodies.put("https://photos.example/photo_033.jpg", Photos.bytes("photo_006.jpg"));
    Path out2 = dir.resolve("out2");
    r = download(bodies, manifest, out2, "--lock", out.resolve(Lockfiles.FILE_NAME).toString());
    assertThat(r.code()).as(r.err()).isZero();
    var report = ReportCsv.read(out2.resolve(ReportCsv.FILE_NAME));
    assertThat(report)
        .filteredOn(row -> row.url().endsWith("photo_033.jpg"))
        .extracting(row -> row.reason().name())
        .containsOnly("CHANGED_SINCE_LOCK");
    assertThat(report)
        .filteredOn(row -> row.url().endsWith("photo_005.jpg"))
        .extracting(row -> row.reason().name())
        .containsOnly("WRITTEN");
    assertThat(r.out()).contains("8 written");

    // a resumed run keeps the lock entries of rows it did not fetch again
    r = download(bodies, manifest, out);
    assertThat(r.code()).isZero();
    assertThat(Lockfiles.read(out.resolve(Lockfiles.FILE_NAME))).isEqualTo(lock);
  }

  @Test
  void dedupe_folderAndLockAndContamination(@TempDir Path dir) throws IOException {
    Map<String, byte[]> bodies = new HashMap<>();
    Path manifest = manifestOfPhotos(dir, bodies);
    Path out = dir.resolve("out");
    assertThat(download(bodies, manifest, out).code()).isZero();

    Path csv = dir.resolve("dedupe.csv");
    Cli.Result r =
        Cli.run(
            components(bodies),
            "dedupe",
            "--manifest",
            manifest.toString(),
            "--out",
            out.toString(),
            "--csv",
            csv.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "10 crops hashed",
            "2 clusters of near-duplicate crops",
            "2 of them spanning several URLs",
            "naildystrophy/00000_naildystrophy.png  https://photos.example/photo_025.jpg",
            "naildystrophy/00002_naildystrophy.png  https://photos.example/photo_028.jpg");
    assertThat(Files.readAllLines(csv).get(0)).isEqualTo("cluster,size,max_distance,file,url");

    r =
        Cli.run(
            "dedupe",
            "--lock",
            out.resolve(Lockfiles.FILE_NAME).toString(),
            "--csv",
            csv.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("1 clusters of near-duplicate URLs", "https://photos.example/photo_028.jpg");

    Path val = dir.resolve("val");
    Files.createDirectories(val.resolve("onychomycosis"));
    Files.write(
        val.resolve("onychomycosis/v1.jpg"),
        Photos.jpeg(Photos.resize(Photos.image("photo_033.jpg"), 0.5), 0.6f));
    Files.write(val.resolve("onychomycosis/v2.jpg"), Photos.bytes("photo_006.jpg"));
    r =
        Cli.run(
            components(bodies),
            "dedupe",
            "--out",
            out.toString(),
            "--against",
            val.toString(),
            "--csv",
            dir.resolve("cont.csv").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("onychomycosis/00006_onychomycosis.png ~ onychomycosis/v1.jpg");
    assertThat(Files.readAllLines(dir.resolve("cont.csv")).get(0))
        .isEqualTo("key,reference,distance");

    assertThat(Cli.run("dedupe").code()).isEqualTo(2);
    assertThat(Cli.run("dedupe", "--lock", "x", "--threshold", "64").err()).contains("--threshold");
  }

  @Test
  void verify_reportsVerdicts_andStrictFails(@TempDir Path dir) throws IOException {
    Map<String, byte[]> bodies = new HashMap<>();
    Path manifest = manifestOfPhotos(dir, bodies);
    Path out = dir.resolve("out");
    assertThat(download(bodies, manifest, out).code()).isZero();
    Path lock = out.resolve(Lockfiles.FILE_NAME);

    Cli.Result r = Cli.run(components(bodies), "verify", "--lock", lock.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("IDENTICAL +5");
    assertThat(out.resolve("_verify.csv")).exists();

    bodies.put(
        "https://photos.example/photo_005.jpg", Photos.jpeg(Photos.image("photo_005.jpg"), 0.6f));
    bodies.put("https://photos.example/photo_033.jpg", Photos.bytes("photo_006.jpg"));
    bodies.remove("https://photos.example/photo_002.jpg");
    bodies.put(
        "https://photos.example/photo_025.jpg",
        "<html>removed</html>".getBytes(StandardCharsets.UTF_8));
    r =
        Cli.run(
            components(bodies),
            "verify",
            "--lock",
            lock.toString(),
            "--strict",
            "--report",
            dir.resolve("v.csv").toString());
    assertThat(r.code()).isEqualTo(VerifyCommand.DIFFERENCES);
    assertThat(r.out())
        .containsPattern("IDENTICAL +1")
        .containsPattern("REENCODED +1")
        .containsPattern("CHANGED +1")
        .containsPattern("GONE +1")
        .containsPattern("PLACEHOLDER +1");
    assertThat(Files.readAllLines(dir.resolve("v.csv"))).hasSize(6);

    // a known "image removed" picture, given as a file
    Path removed = dir.resolve("removed.jpg");
    Files.write(removed, Photos.bytes("photo_001.jpg"));
    bodies.put("https://photos.example/photo_028.jpg", Photos.bytes("photo_001.jpg"));
    r =
        Cli.run(
            components(bodies),
            "verify",
            "--lock",
            lock.toString(),
            "--placeholder",
            removed.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .containsPattern("IDENTICAL +0")
        .containsPattern("PLACEHOLDER +2")
        .contains("photo_028.jpg: a known placeholder");
    assertThat(
            Cli.run(
                    components(bodies),
                    "verify",
                    "--lock",
                    lock.toString(),
                    "--placeholder",
                    dir.resolve("nope.jpg").toString())
                .code())
        .isEqualTo(2);
  }

  @Test
  void stats_fromDownloadedFolder_printsAndWritesCsv(@TempDir Path dir) throws IOException {
    Map<String, byte[]> bodies = new HashMap<>();
    Path manifest = manifestOfPhotos(dir, bodies);
    bodies.remove("https://photos.example/photo_005.jpg");
    Path out = dir.resolve("out");
    assertThat(download(bodies, manifest, out).code()).isZero();

    Cli.Result r = Cli.run("stats", "--manifest", manifest.toString(), "--dataset", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "10 rows matched", "photos.example", "HTTP_STATUS", "crop width", "naildystrophy");
    List<String> csv = Files.readAllLines(out.resolve("_stats.csv"));
    assertThat(csv)
        .contains(
            "label,naildystrophy,failed,2", "tld,example,rows,10", "reason,HTTP_STATUS,rows,2");

    r = Cli.run("stats", "--csv", dir.resolve("s.csv").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("report: none", "4,305 rows");
  }

  @Test
  void thumbnails_oneSheetPerLabel(@TempDir Path dir) throws IOException {
    Map<String, byte[]> bodies = new HashMap<>();
    Path manifest = manifestOfPhotos(dir, bodies);
    Path out = dir.resolve("out");
    assertThat(download(bodies, manifest, out).code()).isZero();

    Cli.Result r =
        Cli.run(
            "thumbnails",
            "--dataset",
            out.toString(),
            "--size",
            "48",
            "--count",
            "4",
            "--columns",
            "2");
    assertThat(r.code()).as(r.err()).isZero();
    // beside the dataset, never inside it, where folder loaders would take the sheets for a class
    assertThat(dir.resolve("out-sheets/naildystrophy.jpg")).exists();
    assertThat(dir.resolve("out-sheets/onychomycosis.jpg")).exists();
    assertThat(out.resolve("_sheets")).doesNotExist();
    assertThat(dir.resolve("out-sheets").resolve(RunRecord.FILE_NAME)).exists();
    assertThat(r.out()).contains("naildystrophy.jpg");
    Cli.Result told =
        Cli.run("thumbnails", "--dataset", out.toString(), "--out", dir.resolve("s").toString());
    assertThat(told.code()).as(told.err()).isZero();
    assertThat(dir.resolve("s/naildystrophy.jpg")).exists();
    assertThat(Cli.run("thumbnails", "--dataset", out.toString(), "--size", "8").code())
        .isEqualTo(2);
    assertThat(Cli.run("thumbnails", "--dataset", dir.resolve("missing").toString()).code())
        .isEqualTo(2);
    assertThat(Cli.run("thumbnails", "--out", out.toString()).err()).contains("--dataset");
  }
}
