package io.github.can4000.spark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.ParseMode;
import io.github.can4000.Reason;
import io.github.can4000.RunReport;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.archive.TarArchives;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.report.ReportRow;
import io.github.can4000.io.sink.Sinks;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job with local[2] against a WireMock-served manifest, compared with a single-process
 * run.
 */
class SparkShardsTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  @Test
  void run_local2_sameCropsAndOutcomesAsSingleProcess() throws Exception {
    serveImages();
    Manifest manifest =
        Manifest.read(
            new StringReader(httpGet(server.baseUrl() + "/manifest.txt")),
            "wiremock",
            ParseMode.STRICT);
    assertThat(manifest.size()).isEqualTo(23);

    Path single = dir.resolve("single");
    RunReport singleReport;
    try (Dataset d =
            Dataset.builder()
                .manifest(manifest)
                .fetcher(HttpFetchers.create())
                .decoder(ImageDecoders.standard())
                .build();
        Sink sink =
            Sinks.tarShards(single).maxSamplesPerShard(4).labels(manifest.labels()).build()) {
      singleReport = d.writeTo(sink);
    }

    Path spark = dir.resolve("spark");
    RunReport sparkReport;
    SparkConf conf =
        new SparkConf()
            .setMaster("local[2]")
            .setAppName("can4000-test")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.sql.shuffle.partitions", "2");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sparkReport =
          SparkShards.builder()
              .manifest(manifest)
              .outputDir(spark)
              .partitions(3)
              .maxSamplesPerShard(4)
              .concurrency(2)
              .fetcher(HttpFetchers::create)
              .decoder(ImageDecoders::standard)
              .build()
              .run(sc);
    }

    assertThat(sparkReport.total()).isEqualTo(manifest.size());
    for (int i = 0; i < manifest.size(); i++) {
      assertThat(sparkReport.outcomes().get(i).entry()).isEqualTo(manifest.entries().get(i));
      assertThat(sparkReport.outcomes().get(i).reason())
          .as("row %d", i)
          .isEqualTo(singleReport.outcomes().get(i).reason());
      assertThat(sparkReport.outcomes().get(i).rect())
          .isEqualTo(singleReport.outcomes().get(i).rect());
    }
    assertThat(sparkReport.written()).as(sparkReport.reasons().toString()).isEqualTo(17);
    assertThat(sparkReport.reasons())
        .containsEntry(Reason.HTTP_STATUS, 3)
        .containsEntry(Reason.NOT_AN_IMAGE, 2)
        .containsEntry(Reason.BAD_BOX, 1);

    Map<Integer, Sample> a = readAll(single);
    Map<Integer, Sample> b = readAll(spark);
    assertThat(b.keySet()).isEqualTo(a.keySet()).hasSize(17);
    for (int id : a.keySet()) {
      assertThat(b.get(id).label()).isEqualTo(a.get(id).label());
      assertThat(b.get(id).rect()).isEqualTo(a.get(id).rect());
      assertThat(b.get(id).image()).as("pixels of row %d", id).isEqualTo(a.get(id).image());
    }
    try (Stream<Path> s = Files.list(spark)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .allMatch(n -> n.matches("can4000-p0000[0-2]-(00000[0-9]\\.tar|report\\.csv)"))
          .contains(
              "can4000-p00000-000000.tar",
              "can4000-p00001-000000.tar",
              "can4000-p00002-000000.tar");
    }
    // the partial reports, one per partition, together hold every row once
    List<ReportRow> partial = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      partial.addAll(ReportCsv.read(spark.resolve(String.format("can4000-p%05d-report.csv", p))));
    }
    partial.sort(java.util.Comparator.comparingInt(ReportRow::no));
    assertThat(partial)
        .extracting(ReportRow::no)
        .containsExactlyElementsOf(manifest.entries().stream().map(e -> e.id()).toList());
    assertThat(partial)
        .extracting(ReportRow::reason)
        .containsExactlyElementsOf(sparkReport.outcomes().stream().map(o -> o.reason()).toList());
    // Manifest.shard keeps the rows of one URL in one partition: no source is fetched by two tasks
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int p = 0; p < 3; p++) {
      java.util.Set<String> urls = new java.util.HashSet<>();
      ReportCsv.read(spark.resolve(String.format("can4000-p%05d-report.csv", p)))
          .forEach(r -> urls.add(r.url()));
      for (String u : urls) {
        assertThat(seen.add(u)).as(u + " is in one partition only").isTrue();
      }
    }
  }

  /** Six images in four formats, an HTML page, a missing image; 23 rows over them. */
  private static void serveImages() {
    Map<String, byte[]> images =
        Map.of(
            "/img/a.png", TestImages.encode(TestImages.gradient(64, 48), "png"),
            "/img/b.jpg", TestImages.encode(TestImages.gradient(50, 40), "jpg"),
            "/img/c.bmp", TestImages.encode(TestImages.gradient(31, 17), "bmp"),
            "/img/d.gif", TestImages.encode(TestImages.gradient(20, 20), "gif"),
            "/img/e-f.png", TestImages.encode(TestImages.gradient(80, 60), "png"),
            "/img/g.png", TestImages.encode(TestImages.gradient(9, 9), "png"));
    images.forEach(
        (path, body) ->
            server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withBody(body))));
    server.stubFor(
        get(urlPathEqualTo("/img/page.html"))
            .willReturn(aResponse().withBody("<html>moved</html>")));
    server.stubFor(get(urlPathEqualTo("/img/missing.png")).willReturn(aResponse().withStatus(404)));
    String base = server.baseUrl() + "/img/";
    String[] urls = {"a.png", "b.jpg", "c.bmp", "d.gif", "e-f.png", "g.png"};
    String[] labels = {"melanoma", "nevus", "seborrheickeratosis", "wart"};
    StringBuilder m = new StringBuilder("## test manifest\n");
    int id = 0;
    for (int i = 0; i < 18; i++) {
      double x = 0.2 + 0.05 * (i % 9);
      double w = i == 7 ? 0 : 0.1 + 0.07 * (i % 5); // row 7 has a zero-width box
      m.append(id++)
          .append(' ')
          .append(labels[i % 4])
          .append(' ')
          .append(x)
          .append(" 0.5 ")
          .append(w)
          .append(" 0.4 ")
          .append(base)
          .append(urls[i % 6])
          .append('\n');
    }
    for (int i = 0; i < 3; i++) {
      m.append(id++).append(" nevus 0.5 0.5 0.2 0.2 ").append(base).append("missing.png\n");
    }
    for (int i = 0; i < 2; i++) {
      m.append(id++).append(" wart 0.5 0.5 0.2 0.2 ").append(base).append("page.html\n");
    }
    server.stubFor(
        get(urlPathEqualTo("/manifest.txt")).willReturn(aResponse().withBody(m.toString())));
  }

  private static Map<Integer, Sample> readAll(Path shards) throws IOException {
    Map<Integer, Sample> out = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(shards)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".tar")).sorted().toList();
    }
    for (Path f : files) {
      try (Stream<Sample> samples = TarArchives.samples(f, new JdkDecoder())) {
        for (Sample s : samples.toList()) {
          assertThat(out.put(s.entry().id(), s)).as("row %d appears once", s.entry().id()).isNull();
        }
      }
    }
    return out;
  }

  private static String httpGet(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
