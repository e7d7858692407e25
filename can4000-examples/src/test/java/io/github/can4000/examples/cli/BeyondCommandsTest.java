package io.github.can4000.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.ImageData;
import io.github.can4000.Reason;
import io.github.can4000.RowResult;
import io.github.can4000.Sample;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.archive.TarArchives;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.report.ReportRow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** download --cache/--offline/--format tar and import, run in-process through picocli. */
class BeyondCommandsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @TempDir Path tmp;

  @BeforeEach
  void stubs() {
    wm.stubFor(
        get(urlEqualTo("/a.png")).willReturn(aResponse().withBody(TestImages.gradientPng(60, 40))));
    wm.stubFor(
        get(urlEqualTo("/b.jpg"))
            .willReturn(
                aResponse().withBody(TestImages.encode(TestImages.gradient(50, 50), "jpg"))));
    wm.stubFor(
        get(urlEqualTo("/c.bmp"))
            .willReturn(
                aResponse().withBody(TestImages.encode(TestImages.gradient(30, 20), "bmp"))));
    wm.stubFor(get(urlEqualTo("/gone.png")).willReturn(aResponse().withStatus(404)));
  }

  private Path manifest() throws IOException {
    String u = wm.baseUrl();
    return Files.write(
        tmp.resolve("manifest.csv"),
        List.of(
            "0 melanoma 0.5 0.5 0.5 0.5 " + u + "/a.png",
            "1 nevus 0.3 0.4 0.2 0.3 " + u + "/b.jpg",
            "2 nevus 0.5 0.5 1 1 " + u + "/c.bmp",
            "3 melanoma 0.6 0.6 0.2 0.2 " + u + "/a.png",
            "4 wart 0.5 0.5 0.2 0.2 " + u + "/gone.png"));
  }

  private static long requests() {
    return wm.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
  }

  @Test
  void download_cacheThenOffline_sameCropsAndZeroRequests() throws Exception {
    Path manifest = manifest();
    Path cache = tmp.resolve("cache");
    Cli.Result online =
        Cli.run(
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            tmp.resolve("o1").toString(),
            "--cache",
            cache.toString(),
            "--cache-size",
            "50m",
            "--quiet");
    assertThat(online.code()).as(online.err()).isZero();
    assertThat(online.out()).contains("5 rows: 4 written, 0 skipped, 1 failed");
    long afterOnline = requests();
    assertThat(afterOnline).isGreaterThanOrEqualTo(4);

    Path o2 = tmp.resolve("o2");
    Cli.Result offline =
        Cli.run(
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            o2.toString(),
            "--cache",
            cache.toString(),
            "--offline",
            "--quiet");
    assertThat(offline.code()).as(offline.err()).isZero();
    assertThat(requests()).as("requests during the offline run").isEqualTo(afterOnline);
    assertThat(ReportCsv.read(o2.resolve(ReportCsv.FILE_NAME)))
        .extracting(ReportRow::reason)
        .containsExactly(
            Reason.WRITTEN, Reason.WRITTEN, Reason.WRITTEN, Reason.WRITTEN, Reason.NOT_CACHED);
    for (String f :
        List.of(
            "melanoma/00000_melanoma.png",
            "nevus/00001_nevus.png",
            "nevus/00002_nevus.png",
            "melanoma/00003_melanoma.png")) {
      assertThat(Files.readAllBytes(o2.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(tmp.resolve("o1").resolve(f)));
    }
  }

  @Test
  void download_formatTar_writesShardsThatReadBack() throws Exception {
    Path out = tmp.resolve("shards");
    Cli.Result r =
        Cli.run(
            "download",
            "--manifest",
            manifest().toString(),
            "--out",
            out.toString(),
            "--format",
            "tar",
            "--shard-size",
            "3",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(shards(out)).containsExactly("can4000-000000.tar", "can4000-000001.tar");
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve(RunRecord.FILE_NAME).toFile())
                .get("written")
                .asInt())
        .isEqualTo(4);
    Map<Integer, Sample> samples = readShards(out);
    assertThat(samples.keySet()).containsExactly(0, 1, 2, 3);
    assertThat(samples.get(2).image())
        .isEqualTo(
            ImageData.of(
                ImageIO.read(
                    new java.io.ByteArrayInputStream(
                        TestImages.encode(TestImages.gradient(30, 20), "bmp")))));
    assertThat(ReportCsv.read(out.resolve(ReportCsv.FILE_NAME))).hasSize(5);
  }

  @Test
  void download_badBeyondOptions_exitTwo() throws Exception {
    Path manifest = manifest();
    Cli.Result offline =
        Cli.run(
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            tmp.resolve("o").toString(),
            "--offline");
    assertThat(offline.code()).isEqualTo(2);
    assertThat(offline.err()).contains("--offline").contains("--cache");
    Cli.Result size =
        Cli.run(
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            tmp.resolve("o").toString(),
            "--cache",
            tmp.resolve("c").toString(),
            "--cache-size",
            "lots");
    assertThat(size.code()).isEqualTo(2);
    assertThat(size.err()).contains("--cache-size").contains("lots");
    Cli.Result shardSize =
        Cli.run(
            "download",
            "--manifest",
            manifest.toString(),
            "--out",
            tmp.resolve("o").toString(),
            "--shard-size",
            "5");
    assertThat(shardSize.code()).isEqualTo(2);
    assertThat(shardSize.err()).contains("--format tar");
    Cli.Result format =
        Cli.run("download", "--out", tmp.resolve("o").toString(), "--format", "zip");
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("--format");
    assertThat(requests()).isZero();
  }

  @Test
  void parseSize_units() {
    assertThat(DownloadCommand.parseSize("123")).isEqualTo(123);
    assertThat(DownloadCommand.parseSize("500m")).isEqualTo(500L << 20);
    assertThat(DownloadCommand.parseSize("20G")).isEqualTo(20L << 30);
  }

  @Test
  void import_folderWithSplit_shardsLabelsAndReport() throws Exception {
    Path root = tmp.resolve("skin");
    writeTree(root.resolve("train"));
    writeTree(root.resolve("val"));
    Path out = tmp.resolve("imported");
    Cli.Result r =
        Cli.run(
            "import",
            "--from",
            root.toString(),
            "--split",
            "train",
            "--out",
            out.toString(),
            "--shard-size",
            "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("5 rows: 3 written, 0 skipped, 2 failed");
    assertThat(shards(out)).containsExactly("can4000-000000.tar", "can4000-000001.tar");
    Map<Integer, Sample> samples = readShards(out);
    assertThat(samples.values())
        .extracting(Sample::label)
        .containsExactly("melanoma", "melanoma", "nevus");
    assertThat(samples.values())
        .extracting(s -> s.entry().url())
        .containsExactly("train/melanoma/a.png", "train/melanoma/b.jpg", "train/nevus/c.gif");
    assertThat(ReportCsv.read(out.resolve(ReportCsv.FILE_NAME)))
        .extracting(ReportRow::reason)
        .containsExactly(
            Reason.WRITTEN,
            Reason.WRITTEN,
            Reason.DECODE_FAILED,
            Reason.WRITTEN,
            Reason.NOT_AN_IMAGE);
  }

  @Test
  void import_tarGz_shardsSameAsFolder() throws Exception {
    Path tree = tmp.resolve("tree");
    writeTree(tree.resolve("data"));
    Path archive = tmp.resolve("skin.tar.gz");
    try (OutputStream raw = Files.newOutputStream(archive);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
      try (Stream<Path> files = Files.walk(tree)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          TarArchiveEntry e =
              new TarArchiveEntry(f.toFile(), tree.relativize(f).toString().replace('\\', '/'));
          tar.putArchiveEntry(e);
          Files.copy(f, tar);
          tar.closeArchiveEntry();
        }
      }
    }
    Path out = tmp.resolve("from-tar");
    Cli.Result r =
        Cli.run(
            "import", "--from", archive.toString(), "--out", out.toString(), "--prefix", "skin");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("5 rows: 3 written, 0 skipped, 2 failed");
    assertThat(shards(out)).containsExactly("skin-000000.tar");
    Map<Integer, Sample> fromTar = readShards(out);
    Path out2 = tmp.resolve("from-folder");
    assertThat(
            Cli.run("import", "--from", tree.resolve("data").toString(), "--out", out2.toString())
                .code())
        .isZero();
    Map<Integer, Sample> fromFolder = readShards(out2);
    assertThat(fromTar.values())
        .extracting(Sample::label)
        .containsExactlyElementsOf(fromFolder.values().stream().map(Sample::label).toList());
    List<ImageData> a = new ArrayList<>();
    fromTar.values().forEach(s -> a.add(s.image()));
    List<ImageData> b = new ArrayList<>();
    fromFolder.values().forEach(s -> b.add(s.image()));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void import_badArguments_exitTwo() throws Exception {
    Cli.Result missing =
        Cli.run(
            "import",
            "--from",
            tmp.resolve("nope").toString(),
            "--out",
            tmp.resolve("o").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope");
    Path file = Files.writeString(tmp.resolve("x.tar"), "not a tar at all, just text");
    Cli.Result notTar =
        Cli.run("import", "--from", file.toString(), "--out", tmp.resolve("o").toString());
    assertThat(notTar.code()).isEqualTo(2);
    assertThat(notTar.err()).contains("x.tar");
    Cli.Result split =
        Cli.run(
            "import",
            "--from",
            file.toString(),
            "--split",
            "train",
            "--out",
            tmp.resolve("o").toString());
    assertThat(split.code()).isEqualTo(2);
    assertThat(split.err()).contains("--split");
  }

  /** melanoma/a.png, melanoma/b.jpg, nevus/c.gif, nevus/broken.png (truncated), nevus/notes.txt. */
  private static void writeTree(Path base) throws IOException {
    Files.createDirectories(base.resolve("melanoma"));
    Files.createDirectories(base.resolve("nevus"));
    Files.write(base.resolve("melanoma/a.png"), TestImages.gradientPng(20, 10));
    Files.write(
        base.resolve("melanoma/b.jpg"), TestImages.encode(TestImages.gradient(16, 16), "jpg"));
    Files.write(base.resolve("nevus/c.gif"), TestImages.encode(TestImages.gradient(8, 8), "gif"));
    Files.write(
        base.resolve("nevus/broken.png"), Arrays.copyOf(TestImages.gradientPng(30, 30), 50));
    Files.writeString(base.resolve("nevus/notes.txt"), "just some notes about these images\n");
  }

  private static List<String> shards(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tar"))
          .sorted()
          .toList();
    }
  }

  private static Map<Integer, Sample> readShards(Path out) throws IOException {
    Map<Integer, Sample> all = new TreeMap<>();
    for (String name : shards(out)) {
      try (Stream<RowResult> rows =
          TarArchives.results(out.resolve(name), ImageDecoders.standard())) {
        rows.forEach(r -> all.put(r.outcome().entry().id(), r.sample().orElseThrow()));
      }
    }
    return all;
  }
}
