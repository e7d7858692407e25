package io.github.can4000.spark;

import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.RunReport;
import io.github.can4000.Sink;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.sink.Sinks;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.Function2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The work of one Spark task: write one partition's rows as shards, return their outcomes. */
final class ShardTask
    implements Function2<Integer, Iterator<List<RowSpec>>, Iterator<PartialOutcome>>, Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ShardTask.class);

  /** The partial report of a partition is {@code <prefix>-p<partition>-report.csv}. */
  static final String REPORT_SUFFIX = "-report.csv";

  private final String outDir;
  private final String prefix;
  private final List<String> labels;
  private final int maxSamplesPerShard;
  private final int concurrency;
  private final ComponentFactory<Fetcher> fetcher;
  private final ComponentFactory<Decoder> decoder;

  ShardTask(
      String outDir,
      String prefix,
      List<String> labels,
      int maxSamplesPerShard,
      int concurrency,
      ComponentFactory<Fetcher> fetcher,
      ComponentFactory<Decoder> decoder) {
    this.outDir = outDir;
    this.prefix = prefix;
    this.labels = new ArrayList<>(labels);
    this.maxSamplesPerShard = maxSamplesPerShard;
    this.concurrency = concurrency;
    this.fetcher = fetcher;
    this.decoder = decoder;
  }

  /** The shard prefix of partition {@code index}, e.g. {@code can4000-p00003}. */
  static String partitionPrefix(String prefix, int index) {
    return String.format("%s-p%05d", prefix, index);
  }

  @Override
  public Iterator<PartialOutcome> call(Integer partition, Iterator<List<RowSpec>> slices)
      throws IOException {
    List<RowSpec> rows = new ArrayList<>();
    slices.forEachRemaining(rows::addAll);
    List<PartialOutcome> out = new ArrayList<>(rows.size());
    if (rows.isEmpty()) {
      return out.iterator();
    }
    Path dir = Path.of(outDir);
    String partPrefix = partitionPrefix(prefix, partition);
    removeShardsOfEarlierAttempts(dir, partPrefix);
    List<ManifestEntry> entries = new ArrayList<>(rows.size());
    for (RowSpec r : rows) {
      entries.add(r.toEntry());
    }
    RunReport report;
    try (Dataset dataset =
            Dataset.builder()
                .manifest(Manifest.of("partition " + partition, entries))
                .fetcher(fetcher.create())
                .decoder(decoder.create())
                .concurrency(concurrency)
                .build();
        Sink sink =
            Sinks.tarShards(dir)
                .prefix(partPrefix)
                .labels(labels)
                .maxSamplesPerShard(maxSamplesPerShard)
                .build()) {
      report = dataset.writeTo(sink);
    }
    ReportCsv.write(dir.resolve(partPrefix + REPORT_SUFFIX), report.outcomes());
    List<Outcome> outcomes = report.outcomes();
    for (int i = 0; i < outcomes.size(); i++) {
      out.add(PartialOutcome.of(rows.get(i).index(), outcomes.get(i)));
    }
    LOG.info("partition {}: {}", partition, report.summary());
    return out.iterator();
  }

  /**
   * A retried task starts clean: shards a failed attempt of this partition finished are removed.
   */
  private static void removeShardsOfEarlierAttempts(Path dir, String partPrefix)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    Pattern mine = Pattern.compile(Pattern.quote(partPrefix) + "-\\d{6,}\\.tar");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (mine.matcher(f.getFileName().toString()).matches()) {
          LOG.info("removing {} of an earlier attempt", f);
          Files.deleteIfExists(f);
        }
      }
    }
  }
}
