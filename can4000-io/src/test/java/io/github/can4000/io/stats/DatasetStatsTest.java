package io.github.can4000.io.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.RunReport;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetStatsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://www.Example.COM/a/b.jpg|www.example.com|com",
        "http://user:pw@host.co.kr:8080/x y.jpg|host.co.kr|kr",
        "https://example.org.|example.org|org",
        "https://10.0.0.1/a.png|10.0.0.1|(ip)",
        "https://[::1]:8443/a|[::1]|(ip)",
        "http://localhost?x=1|localhost|(none)",
        "no scheme at all|(none)|(none)",
        "https://cdn.example.net\\img.jpg|cdn.example.net|net",
      })
  void host_andTld_fromMessyUrls(String url, String host, String tld) {
    assertThat(Hosts.host(url)).isEqualTo(host);
    assertThat(Hosts.tld(Hosts.host(url))).isEqualTo(tld);
  }

  @Test
  void distribution_nearestRank() {
    int[] v = new int[100];
    for (int i = 0; i < 100; i++) {
      v[i] = 100 - i;
    }
    assertThat(Distribution.of(v)).isEqualTo(new Distribution(100, 1, 5, 25, 50, 75, 95, 100));
    assertThat(Distribution.of(new int[] {7})).isEqualTo(new Distribution(1, 7, 7, 7, 7, 7, 7, 7));
    assertThat(Distribution.of(new int[0]).count()).isZero();
  }

  @Test
  void of_bundledManifest_countsLabelsHostsAndDomains() {
    StatsReport s = DatasetStats.of(Manifest.can4000());
    assertThat(s.rows()).isEqualTo(4305);
    assertThat(s.urls()).isEqualTo(3847);
    assertThat(s.byLabel()).containsOnlyKeys("malignantmelanoma", "melanocyticnevus");
    assertThat(s.byLabel().get("melanocyticnevus").rows()).isEqualTo(3074);
    assertThat(s.byLabel().get("melanocyticnevus").unknown()).isEqualTo(3074);
    assertThat(s.byHost().values().stream().mapToInt(Counts::rows).sum()).isEqualTo(4305);
    assertThat(s.byTld().values().stream().mapToInt(Counts::rows).sum()).isEqualTo(4305);
    assertThat(s.byTld()).containsKey("com");
    assertThat(s.topHosts(5)).hasSize(5);
    assertThat(s.failureReasons()).isEmpty();
    assertThat(Double.isNaN(s.byLabel().get("melanocyticnevus").successRate())).isTrue();
  }

  @Test
  void of_withOutcomes_countsOutcomesSizesAndReasons(@TempDir Path dir) throws IOException {
    Manifest m =
        Manifest.of(
            "m",
            List.of(
                ManifestEntry.of(
                    0, "a", new Box(0.5, 0.5, 0.5, 0.5), "https://h1.example.com/1.png"),
                ManifestEntry.of(
                    1, "a", new Box(0.5, 0.5, 1.0, 1.0), "https://h1.example.com/1.png"),
                ManifestEntry.of(
                    2, "b", new Box(0.5, 0.5, 0.5, 0.5), "https://h2.example.kr/gone.png"),
                ManifestEntry.of(3, "b", new Box(0.5, 0.5, -1, 0.5), "https://h2.example.kr/2.png"),
                ManifestEntry.of(
                    4, "b", new Box(0.5, 0.5, 0.5, 0.5), "https://h2.example.kr/2.png")));
    MapFetcher f =
        new MapFetcher()
            .put("https://h1.example.com/1.png", TestImages.gradientPng(100, 80))
            .put("https://h2.example.kr/2.png", TestImages.gradientPng(40, 40));
    RunReport r;
    try (Dataset d = Dataset.builder().manifest(m).fetcher(f).decoder(new JdkDecoder()).build()) {
      r = d.writeTo(sample -> {});
    }
    StatsReport s = DatasetStats.of(m, r.outcomes().subList(0, 4));
    assertThat(s.rowsWithOutcome()).isEqualTo(4);
    assertThat(s.byLabel().get("a")).isEqualTo(new Counts(2, 2, 0, 0, 0));
    assertThat(s.byLabel().get("b")).isEqualTo(new Counts(3, 0, 1, 1, 1));
    assertThat(s.byHost().get("h2.example.kr")).isEqualTo(new Counts(3, 0, 1, 1, 1));
    assertThat(s.byTld().get("com").successRate()).isEqualTo(1.0);
    assertThat(s.failureReasons()).containsOnlyKeys("HTTP_STATUS", "BAD_BOX");
    assertThat(s.cropWidth()).isEqualTo(new Distribution(2, 50, 50, 50, 50, 100, 100, 100));
    assertThat(s.sourceWidth().count()).isEqualTo(2);

    Path csv = dir.resolve("stats.csv");
    s.writeCsv(csv);
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo(StatsReport.CSV_HEADER);
    assertThat(lines)
        .contains(
            "summary,rows,value,5",
            "label,b,failed,1",
            "host,h2.example.kr,unknown,1",
            "tld,kr,rows,3",
            "reason,HTTP_STATUS,rows,1",
            "crop_width,px,median,50",
            "crop_height,px,max,80");
    StringWriter w = new StringWriter();
    s.writeCsv(w);
    assertThat(w.toString().lines().toList()).isEqualTo(lines);
  }

  @Test
  void counts_mustAddUp() {
    assertThatThrownBy(() -> new Counts(3, 1, 1, 0, 0)).hasMessageContaining("do not add up");
  }
}
