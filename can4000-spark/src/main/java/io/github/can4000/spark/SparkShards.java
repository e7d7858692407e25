package io.github.can4000.spark;

import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.Reason;
import io.github.can4000.RunReport;
import io.github.can4000.internal.Labels;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Writes the crops of a manifest as WebDataset tar shards with Apache Spark.
 *
 * <pre>{@code
 * try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("can4000"))) {
 *   RunReport report = SparkShards.builder()
 *       .manifest(Manifest.can4000())
 *       .outputDir(Path.of("/shared/can4000-shards"))     // visible to every executor
 *       .partitions(64)
 *       .fetcher(HttpFetchers::create)
 *       .decoder(ImageDecoders::standard)
 *       .build()
 *       .run(sc);
 *   System.out.println(report.summary());
 * }
 * }</pre>
 *
 * <p>The manifest is split into {@code partitions} parts with {@link Manifest#shard(int, int)}:
 * every row of one URL goes to the same part, so each source is fetched by one task only, and part
 * sizes differ by at most the largest number of rows sharing a URL. Each Spark task takes one part,
 * builds a {@link io.github.can4000.Dataset} with the fetcher and decoder its factories create on
 * the executor, writes the rows into shards named {@code <prefix>-p<partition, 5 digits>-<shard, 6
 * digits>.tar} in the output directory (the layout of {@code Sinks.tarShards}, each shard renamed
 * into place when complete), writes its partial report beside them ({@code
 * <prefix>-p<partition>-report.csv}, the columns of {@code ReportCsv}) and returns one outcome per
 * row. The driver merges them into one {@link RunReport} in manifest order. The {@code .cls}
 * indices use the labels of the whole manifest, so they agree across partitions.
 *
 * <p>The output directory must be a file system path that every executor can write (local for
 * {@code local[*]}, otherwise a shared mount such as NFS). A retried task first removes the shards
 * an earlier attempt of its partition finished, so retries do not duplicate rows; leave speculative
 * execution off ({@code spark.speculation=false}, Spark's default). Spark itself is a {@code
 * provided} dependency: the cluster supplies it.
 *
 * <p>Options and defaults: {@link Builder#manifest manifest} (required), {@link Builder#outputDir
 * outputDir} (required), {@link Builder#fetcher fetcher} and {@link Builder#decoder decoder}
 * (required), {@link Builder#partitions partitions} (the context's default parallelism), {@link
 * Builder#prefix prefix} ({@code can4000}), {@link Builder#maxSamplesPerShard maxSamplesPerShard}
 * (1000), {@link Builder#concurrency concurrency} (fetches at once per task, 8).
 */
public final class SparkShards {
  private final Manifest manifest;
  private final Path outputDir;
  private final int partitions;
  private final String prefix;
  private final int maxSamplesPerShard;
  private final int concurrency;
  private final ComponentFactory<Fetcher> fetcher;
  private final ComponentFactory<Decoder> decoder;

  private SparkShards(Builder b) {
    this.manifest = b.manifest;
    this.outputDir = b.outputDir;
    this.partitions = b.partitions;
    this.prefix = b.prefix == null ? "can4000" : b.prefix;
    this.maxSamplesPerShard = b.maxSamplesPerShard < 0 ? 1000 : b.maxSamplesPerShard;
    this.concurrency = b.concurrency < 0 ? 8 : b.concurrency;
    this.fetcher = b.fetcher;
    this.decoder = b.decoder;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the job on {@code sc} and returns the merged report: one outcome per manifest row, in
   * manifest order. If a task fails for good, Spark's {@code SparkException} propagates (Java does
   * not see it declared).
   */
  public RunReport run(JavaSparkContext sc) {
    Objects.requireNonNull(sc, "sc");
    long start = System.nanoTime();
    List<ManifestEntry> entries = manifest.entries();
    if (entries.isEmpty()) {
      return new RunReport(List.of(), Duration.ZERO);
    }
    int count = partitions > 0 ? partitions : Math.max(1, sc.defaultParallelism());
    count = Math.min(count, entries.size());
    Map<ManifestEntry, Integer> position = new IdentityHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      position.put(entries.get(i), i);
    }
    List<List<RowSpec>> slices = new ArrayList<>(count);
    for (int p = 0; p < count; p++) {
      List<RowSpec> slice = new ArrayList<>();
      for (ManifestEntry e : manifest.shard(p, count).entries()) {
        slice.add(RowSpec.of(position.get(e), e));
      }
      slices.add(slice);
    }
    ShardTask task =
        new ShardTask(
            outputDir.toString(),
            prefix,
            manifest.labels(),
            maxSamplesPerShard,
            concurrency,
            fetcher,
            decoder);
    sc.setJobDescription(
        "can4000: " + entries.size() + " rows in " + count + " partitions to " + outputDir);
    List<PartialOutcome> partial =
        sc.parallelize(slices, count).mapPartitionsWithIndex(task, false).collect();
    Outcome[] merged = new Outcome[entries.size()];
    for (PartialOutcome p : partial) {
      merged[p.index()] = p.toOutcome(entries.get(p.index()));
    }
    List<Outcome> outcomes = new ArrayList<>(merged.length);
    for (int i = 0; i < merged.length; i++) {
      outcomes.add(
          merged[i] != null
              ? merged[i]
              : Outcome.skipped(
                  entries.get(i), Reason.CANCELLED, "no outcome came back from its partition"));
    }
    return new RunReport(outcomes, Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public String toString() {
    return "SparkShards["
        + manifest
        + " -> "
        + outputDir
        + ", partitions="
        + partitions
        + ", prefix="
        + prefix
        + ", maxSamplesPerShard="
        + maxSamplesPerShard
        + ", concurrency="
        + concurrency
        + "]";
  }

  /**
   * Configures a {@link SparkShards} job. Each option may be set once; values are checked at once.
   */
  public static final class Builder {
    private Manifest manifest;
    private Path outputDir;
    private int partitions = -1;
    private String prefix;
    private int maxSamplesPerShard = -1;
    private int concurrency = -1;
    private ComponentFactory<Fetcher> fetcher;
    private ComponentFactory<Decoder> decoder;

    private Builder() {}

    /** Sets the manifest whose rows are written. */
    public Builder manifest(Manifest manifest) {
      requireUnset(this.manifest, "manifest");
      this.manifest = Objects.requireNonNull(manifest, "manifest");
      return this;
    }

    /** Sets the directory the shards go to, which every executor must be able to write. */
    public Builder outputDir(Path dir) {
      requireUnset(this.outputDir, "outputDir");
      this.outputDir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
      return this;
    }

    /**
     * Sets the number of partitions (Spark tasks), 1 to 100 000; default the default parallelism.
     */
    public Builder partitions(int n) {
      if (partitions >= 0) {
        throw new IllegalStateException("partitions was already set to " + partitions);
      }
      if (n < 1 || n > 100_000) {
        throw new IllegalArgumentException("partitions must be between 1 and 100000: " + n);
      }
      this.partitions = n;
      return this;
    }

    /**
     * Sets the shard name prefix, a {@linkplain Labels#isSafe safe} file name; default {@code
     * can4000}.
     */
    public Builder prefix(String prefix) {
      requireUnset(this.prefix, "prefix");
      String problem = Labels.problem(Objects.requireNonNull(prefix, "prefix"));
      if (problem != null) {
        throw new IllegalArgumentException(
            "prefix '" + prefix + "' is not a safe file name: " + problem);
      }
      this.prefix = prefix;
      return this;
    }

    /** Sets the largest number of samples per shard, at least 1; default 1000. */
    public Builder maxSamplesPerShard(int n) {
      if (maxSamplesPerShard >= 0) {
        throw new IllegalStateException(
            "maxSamplesPerShard was already set to " + maxSamplesPerShard);
      }
      if (n < 1) {
        throw new IllegalArgumentException("maxSamplesPerShard must be at least 1: " + n);
      }
      this.maxSamplesPerShard = n;
      return this;
    }

    /** Sets how many fetches each task runs at once, 1 to 1024; default 8. */
    public Builder concurrency(int n) {
      if (concurrency >= 0) {
        throw new IllegalStateException("concurrency was already set to " + concurrency);
      }
      if (n < 1 || n > 1024) {
        throw new IllegalArgumentException("concurrency must be between 1 and 1024: " + n);
      }
      this.concurrency = n;
      return this;
    }

    /** Sets the factory of each task's fetcher, e.g. {@code HttpFetchers::create}. */
    public Builder fetcher(ComponentFactory<Fetcher> factory) {
      requireUnset(this.fetcher, "fetcher");
      this.fetcher = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Sets the factory of each task's decoder, e.g. {@code ImageDecoders::standard}. */
    public Builder decoder(ComponentFactory<Decoder> factory) {
      requireUnset(this.decoder, "decoder");
      this.decoder = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Builds the job.
     *
     * @throws IllegalStateException if the manifest, output directory, fetcher or decoder is not
     *     set
     */
    public SparkShards build() {
      if (manifest == null) {
        throw new IllegalStateException("manifest is not set");
      }
      if (outputDir == null) {
        throw new IllegalStateException("outputDir is not set");
      }
      if (fetcher == null) {
        throw new IllegalStateException("fetcher is not set: use fetcher(HttpFetchers::create)");
      }
      if (decoder == null) {
        throw new IllegalStateException("decoder is not set: use decoder(ImageDecoders::standard)");
      }
      return new SparkShards(this);
    }

    private static void requireUnset(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }
  }
}
