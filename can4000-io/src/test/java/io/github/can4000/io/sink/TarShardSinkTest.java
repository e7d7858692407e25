package io.github.can4000.io.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.can4000.Box;
import io.github.can4000.Dataset;
import io.github.can4000.ImageData;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.RowResult;
import io.github.can4000.RunReport;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.archive.TarArchives;
import io.github.can4000.io.fixtures.Tars;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarShardSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void shards_fromDataset_readBackWithCommonsCompressAndTarArchives_sampleForSample()
      throws Exception {
    Manifest manifest = manifest();
    MapFetcher fetcher = new MapFetcher();
    fetcher.put("http://img/a.png", TestImages.encode(TestImages.gradient(40, 30), "png"));
    fetcher.put("http://img/b.bmp", TestImages.encode(TestImages.gradient(33, 21), "bmp"));
    List<Sample> streamed;
    try (Dataset d =
            Dataset.builder()
                .manifest(manifest)
                .fetcher(fetcher)
                .decoder(new JdkDecoder())
                .build();
        Stream<Sample> s = d.stream()) {
      streamed = s.toList();
    }
    Path out = dir.resolve("shards");
    RunReport report;
    try (Dataset d =
            Dataset.builder()
                .manifest(manifest)
                .fetcher(fetcher)
                .decoder(new JdkDecoder())
                .build();
        Sink sink =
            Sinks.tee(
                Sinks.tarShards(out).maxSamplesPerShard(3).labels(manifest.labels()).build(),
                Sinks.csvIndex(out.resolve("index.csv")))) {
      report = d.writeTo(sink);
    }
    assertThat(report.written()).isEqualTo(7);
    assertThat(shardNames(out))
        .containsExactly("can4000-000000.tar", "can4000-000001.tar", "can4000-000002.tar");

    // Commons Compress: three members per sample, in key order within the shard
    List<Sample> fromCommons = new ArrayList<>();
    for (String name : shardNames(out)) {
      Map<String, byte[]> members = Tars.read(out.resolve(name));
      assertThat(members.size() % 3).isZero();
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        if (m.getKey().endsWith(".json")) {
          String key = m.getKey().substring(0, m.getKey().length() - 5);
          JsonNode j = JSON.readTree(m.getValue());
          assertThat(j.get("key").asText()).isEqualTo(key);
          assertThat(new String(members.get(key + ".cls"), StandardCharsets.US_ASCII))
              .isEqualTo(Integer.toString(manifest.labels().indexOf(j.get("label").asText())));
          ImageData png =
              ImageData.of(ImageIO.read(new ByteArrayInputStream(members.get(key + ".png"))));
          Sample original =
              streamed.stream()
                  .filter(s -> s.entry().id() == j.get("id").asInt())
                  .findFirst()
                  .orElseThrow();
          assertThat(png).isEqualTo(original.image());
          assertThat(j.get("url").asText()).isEqualTo(original.entry().url());
          assertThat(j.get("rect").toString())
              .isEqualTo(
                  "["
                      + original.rect().x1()
                      + ","
                      + original.rect().y1()
                      + ","
                      + original.rect().x2()
                      + ","
                      + original.rect().y2()
                      + "]");
          fromCommons.add(original);
        }
      }
    }
    assertThat(fromCommons).hasSize(7);

    // our own archive source: the same samples (written by several threads, so compared by id),
    // same pixels and metadata
    List<Sample> readBack = new ArrayList<>();
    for (String name : shardNames(out)) {
      try (Stream<Sample> s = TarArchives.samples(out.resolve(name), new JdkDecoder())) {
        readBack.addAll(s.toList());
      }
    }
    readBack.sort(java.util.Comparator.comparingInt(x -> x.entry().id()));
    for (String name : shardNames(out)) {
      assertThat(manifest.labels()).containsAll(TarArchives.labels(out.resolve(name)));
    }
    assertSameSamples(readBack, streamed);

    // the CSV index lists every written sample
    List<String> csv = Files.readAllLines(out.resolve("index.csv"));
    assertThat(csv.get(0))
        .isEqualTo(
            "key,id,label,url,source_width,source_height,x1,y1,x2,y2,width,height,channels,edge_flags");
    assertThat(csv).hasSize(8);
    assertThat(csv)
        .contains(
            "00003_seb_keratosis,3,seb.keratosis,http://img/a.png,40,30,30,22,40,30,10,8,3,\"X2_PAST_EDGE;Y2_PAST_EDGE\"");
  }

  @Test
  void write_eightThreads_everySampleInExactlyOneShard() throws Exception {
    Path out = dir.resolve("mt");
    Sink sink =
        Sinks.tarShards(out)
            .prefix("part-07")
            .maxSamplesPerShard(7)
            .labels(ShardSamples.LABELS)
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int id = i;
      futures.add(
          pool.submit(
              () -> {
                sink.write(ShardSamples.sample(id));
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    sink.close();
    List<String> names = shardNames(out);
    assertThat(names).hasSize(29).first().isEqualTo("part-07-000000.tar");
    Set<Integer> ids = new HashSet<>();
    for (String name : names) {
      try (Stream<RowResult> rows = TarArchives.results(out.resolve(name), new JdkDecoder())) {
        for (RowResult r : rows.toList()) {
          Sample s = r.sample().orElseThrow();
          assertThat(ids.add(s.entry().id())).isTrue();
          assertThat(s.image()).isEqualTo(ShardSamples.sample(s.entry().id()).image());
        }
      }
    }
    assertThat(ids).hasSize(200);
  }

  @Test
  void maxBytesPerShard_startsNewShardWhenFull() throws Exception {
    Path out = dir.resolve("b");
    try (Sink sink =
        Sinks.tarShards(out).maxBytesPerShard(20_000).labels(ShardSamples.LABELS).build()) {
      for (int i = 0; i < 30; i++) {
        sink.write(ShardSamples.sample(i));
      }
    }
    List<String> names = shardNames(out);
    assertThat(names.size()).isGreaterThan(1);
    int total = 0;
    for (String n : names) {
      Map<String, byte[]> members = Tars.read(out.resolve(n));
      long payload =
          members.values().stream().mapToLong(b -> (b.length + 511) / 512 * 512 + 512).sum() + 1024;
      assertThat(payload).isLessThanOrEqualTo(20_000);
      total += members.size() / 3;
    }
    assertThat(total).isEqualTo(30);
  }

  @Test
  void write_unknownLabel_failsAndNothingIsWritten() throws Exception {
    Path out = dir.resolve("u");
    Sink sink = Sinks.tarShards(out).labels(List.of("other")).build();
    assertThatThrownBy(() -> sink.write(ShardSamples.sample(1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nevus");
    sink.close();
    assertThat(shardNames(out)).isEmpty();
  }

  @Test
  void close_withoutSamples_writesNoShard() throws Exception {
    Path out = dir.resolve("e");
    Sinks.tarShards(out).build().close();
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void build_secondRun_continuesNumberingAndRemovesLeftovers() throws Exception {
    Path out = dir.resolve("r");
    try (Sink sink =
        Sinks.tarShards(out).maxSamplesPerShard(2).labels(ShardSamples.LABELS).build()) {
      for (int i = 0; i < 3; i++) {
        sink.write(ShardSamples.sample(i));
      }
    }
    Files.write(out.resolve(".can4000-000002.tar.dead.tmp"), new byte[100]);
    Files.write(out.resolve(".other-000000.tar.x.tmp"), new byte[100]);
    try (Sink sink = Sinks.tarShards(out).labels(ShardSamples.LABELS).build()) {
      sink.write(ShardSamples.sample(9));
    }
    assertThat(shardNames(out))
        .containsExactly("can4000-000000.tar", "can4000-000001.tar", "can4000-000002.tar");
    assertThat(out.resolve(".can4000-000002.tar.dead.tmp")).doesNotExist();
    assertThat(out.resolve(".other-000000.tar.x.tmp")).exists();
  }

  @Test
  void builder_badValues_failAtOnce() {
    assertThatThrownBy(() -> Sinks.tarShards(dir).maxSamplesPerShard(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> Sinks.tarShards(dir).maxBytesPerShard(100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100");
    assertThatThrownBy(() -> Sinks.tarShards(dir).prefix("../x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../x");
    assertThatThrownBy(() -> Sinks.tarShards(dir).prefix("a").prefix("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a");
    assertThatThrownBy(() -> Sinks.tarShards(dir).labels(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void killedWriter_leavesNoPartialShardUnderAFinalName() throws Exception {
    Path out = dir.resolve("k");
    Files.createDirectories(out);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx128m",
                "-cp",
                io.github.can4000.io.fixtures.TestClassPath.get(),
                ShardWriterMain.class.getName(),
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && !(shardNames(out).size() >= 2 && hasTemp(out))) {
        Thread.sleep(5);
      }
      assertThat(child.isAlive()).as("writer still running; see child.log").isTrue();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    List<String> names = shardNames(out);
    assertThat(names.size()).isGreaterThanOrEqualTo(2);
    int next = 0;
    for (String name : names) {
      assertThat(name).isEqualTo(String.format("can4000-%06d.tar", next));
      Map<String, byte[]> members = Tars.read(out.resolve(name));
      assertThat(members).as(name).hasSize(12);
      try (Stream<RowResult> rows = TarArchives.results(out.resolve(name), new JdkDecoder())) {
        List<RowResult> list = rows.toList();
        assertThat(list).hasSize(4).allSatisfy(r -> assertThat(r.sample()).isPresent());
        for (RowResult r : list) {
          assertThat(r.sample().get().image())
              .isEqualTo(ShardSamples.sample(r.outcome().entry().id()).image());
          assertThat(r.outcome().entry().id() / 4).isEqualTo(next);
        }
      }
      next++;
    }
    // a reopened sink cleans up after the killed one and carries on numbering
    Sinks.tarShards(out).labels(ShardSamples.LABELS).build().close();
    assertThat(hasTemp(out)).isFalse();
  }

  private static void assertSameSamples(List<Sample> actual, List<Sample> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Sample a = actual.get(i);
      Sample e = expected.get(i);
      ManifestEntry ae = a.entry();
      ManifestEntry ee = e.entry();
      assertThat(ae.id()).isEqualTo(ee.id());
      assertThat(ae.label()).isEqualTo(ee.label());
      assertThat(ae.url()).isEqualTo(ee.url());
      assertThat(ae.box()).isEqualTo(ee.box());
      assertThat(a.sourceWidth()).isEqualTo(e.sourceWidth());
      assertThat(a.sourceHeight()).isEqualTo(e.sourceHeight());
      assertThat(a.rect()).isEqualTo(e.rect());
      assertThat(a.edgeFlags()).isEqualTo(e.edgeFlags());
      assertThat(a.image()).as("pixels of row %d", ee.id()).isEqualTo(e.image());
    }
  }

  private static Manifest manifest() {
    List<ManifestEntry> entries =
        List.of(
            ManifestEntry.of(0, "melanoma", new Box(0.5, 0.5, 0.5, 0.5), "http://img/a.png"),
            ManifestEntry.of(1, "nevus", new Box(0.1, 0.1, 0.4, 0.4), "http://img/a.png"),
            ManifestEntry.of(2, "nevus", new Box(0.5, 0.5, 1, 1), "http://img/b.bmp"),
            ManifestEntry.of(3, "seb.keratosis", new Box(0.9, 0.9, 0.3, 0.3), "http://img/a.png"),
            ManifestEntry.of(4, "melanoma", new Box(0.3, 0.6, 0.2, 0.7), "http://img/b.bmp"),
            ManifestEntry.of(5, "nevus", new Box(0.5, 0.5, 0.05, 0.05), "http://img/b.bmp"),
            ManifestEntry.of(6, "melanoma", new Box(0.75, 0.25, 0.5, 0.5), "http://img/a.png"));
    return Manifest.of("test", entries);
  }

  private static List<String> shardNames(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tar") && !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  private static boolean hasTemp(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }
  }
}
