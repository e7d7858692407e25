package io.github.can4000.io.sink;

import io.github.can4000.Manifest;
import io.github.can4000.Sink;
import io.github.can4000.internal.Args;
import io.github.can4000.internal.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Factory for {@link Sink}s.
 *
 * <pre>{@code
 * try (Sink sink = Sinks.folder(Path.of("dataset"))) {                      // the original layout
 *   RunReport report = dataset.writeTo(sink);
 * }
 * try (Sink shards = Sinks.tarShards(Path.of("shards")).labels(manifest.labels()).build()) {
 *   RunReport report = dataset.writeTo(shards);                            // WebDataset shards
 * }
 * }</pre>
 */
public final class Sinks {
  private Sinks() {}

  /**
   * Returns a sink that writes the original tool's layout, {@code outDir/<label>/<id as 5
   * digits>_<label>.png}, each file written atomically (temporary file, then atomic move). A row
   * whose final file exists is {@linkplain Sink#contains contained}, so an interrupted run resumes
   * without fetching again. Leftover temporary files of a killed run ({@code .*.tmp} in the label
   * directories) are removed now.
   *
   * @param outDir the output directory; created if missing
   * @throws UncheckedIOException if {@code outDir} cannot be created or is not a directory
   */
  public static Sink folder(Path outDir) {
    return folder(outDir, CropEncoding.png());
  }

  /**
   * Returns a sink like {@link #folder(Path)} that stores each crop with {@code encoding}, as
   * {@code outDir/<label>/<id as 5 digits>_<label>.<extension>}; for example {@code
   * Sinks.folder(dir, CropEncoding.jpeg(90))} writes {@code .jpg} files. A row is {@linkplain
   * Sink#contains contained} when its file with this extension exists.
   *
   * @throws UncheckedIOException if {@code outDir} cannot be created or is not a directory
   */
  public static Sink folder(Path outDir, CropEncoding encoding) {
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(encoding, "encoding");
    try {
      FolderSink sink = new FolderSink(outDir, encoding);
      sink.cleanStaleTemps();
      return sink;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output folder " + outDir, e);
    }
  }

  /**
   * Returns a builder of a sink that writes WebDataset tar shards into {@code dir}; see {@link
   * TarShardsBuilder}.
   */
  public static TarShardsBuilder tarShards(Path dir) {
    return new TarShardsBuilder(Objects.requireNonNull(dir, "dir"));
  }

  /**
   * Returns a sink that lists every sample written to it in a CSV file (Jackson CSV, with a
   * header): {@code key, id, label, url, source_width, source_height, x1, y1, x2, y2, width,
   * height, channels, edge_flags} ({@code key} is the WebDataset key of {@link #tarShards}, edge
   * flags are separated by {@code ;}). Rows are in the order written. The file is written under a
   * temporary name beside {@code file} and renamed to it on {@link Sink#close()}, so it appears
   * complete or not at all. Combine it with a sink that stores the pixels through {@link #tee}.
   *
   * @throws UncheckedIOException if the file cannot be created
   */
  public static Sink csvIndex(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return new CsvIndexSink(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create CSV index " + file, e);
    }
  }

  /**
   * Returns a sink that writes each sample to every one of {@code sinks}, in order. It {@linkplain
   * Sink#contains contains} a row only if all of them do, and closes them all on close (the first
   * failure is thrown, later ones suppressed).
   */
  public static Sink tee(Sink first, Sink... more) {
    List<Sink> all = new ArrayList<>();
    all.add(Objects.requireNonNull(first, "first"));
    for (Sink s : more) {
      all.add(Objects.requireNonNull(s, "sinks"));
    }
    return new TeeSink(all);
  }

  /**
   * Configures a sink writing tar shards in the WebDataset layout: for each sample a member {@code
   * <key>.png} (the crop, lossless), {@code <key>.json} ({@code key, id, label, label_index, url,
   * box [x, y, w, h], source [W, H], rect [x1, y1, x2, y2], width, height, channels, edge_flags})
   * and {@code <key>.cls} (the label's index as decimal text), where the key is the row's file stem
   * ({@code 00042_nevus}, dots replaced by {@code _}). Shards are named {@code
   * <prefix>-000000.tar}, {@code <prefix>-000001.tar}, ...
   *
   * <p>Options and defaults:
   *
   * <ul>
   *   <li>{@link #prefix}: {@code can4000}
   *   <li>{@link #maxSamplesPerShard}: 1000
   *   <li>{@link #maxBytesPerShard}: 1 GiB (headers and padding counted; a single larger sample
   *       gets a shard of its own)
   *   <li>{@link #labels}: the labels of the bundled CAN4000 manifest; the {@code .cls} index is a
   *       label's position in this list, and a sample whose label is not in it fails with {@link
   *       io.github.can4000.Reason#WRITE_FAILED}
   * </ul>
   *
   * <p>The sink is atomic per shard: a shard is written under a hidden temporary name ({@code
   * .<prefix>-000000.tar.<uuid>.tmp}) and renamed to its final name only when complete, so a killed
   * writer never leaves a partial shard under a final name. Opening a sink removes such leftovers
   * of its prefix and numbers new shards after the highest existing one, so a second run adds
   * shards instead of replacing them; only one writer may use a directory and prefix at a time
   * (give parallel writers distinct prefixes). {@code write} is thread-safe (PNG encoding runs
   * outside the lock); {@code close()} finishes the last shard. An I/O error discards the shard in
   * progress and fails every later write.
   *
   * <p>Each option may be set once; values are checked at once.
   */
  public static final class TarShardsBuilder {
    private final Path dir;
    private String prefix;
    private int maxSamples = -1;
    private long maxBytes = -1;
    private List<String> labels;

    private TarShardsBuilder(Path dir) {
      this.dir = dir;
    }

    /**
     * Sets the shard name prefix, which must be a {@linkplain Labels#isSafe safe} file name;
     * default {@code can4000}.
     */
    public TarShardsBuilder prefix(String prefix) {
      Args.requireUnset(this.prefix, "prefix");
      Objects.requireNonNull(prefix, "prefix");
      String problem = Labels.problem(prefix);
      if (problem != null) {
        throw new IllegalArgumentException(
            "prefix '" + prefix + "' is not a safe file name: " + problem);
      }
      this.prefix = prefix;
      return this;
    }

    /** Sets the largest number of samples in one shard, at least 1; default 1000. */
    public TarShardsBuilder maxSamplesPerShard(int n) {
      Args.requireUnset(maxSamples, "maxSamplesPerShard");
      this.maxSamples = Args.checkRange(n, 1, Integer.MAX_VALUE, "maxSamplesPerShard");
      return this;
    }

    /** Sets the largest size of one shard in bytes, at least 10 240; default 1 GiB. */
    public TarShardsBuilder maxBytesPerShard(long n) {
      Args.requireUnset(maxBytes, "maxBytesPerShard");
      this.maxBytes = Args.checkRange(n, 10_240, Long.MAX_VALUE, "maxBytesPerShard");
      return this;
    }

    /**
     * Sets the class labels; a sample's {@code .cls} is its label's position in this list. Use
     * {@link Manifest#labels()} of the manifest being written.
     */
    public TarShardsBuilder labels(List<String> labels) {
      Args.requireUnset(this.labels, "labels");
      List<String> copy = List.copyOf(labels);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("labels must not be empty");
      }
      this.labels = copy;
      return this;
    }

    /**
     * Opens the sink: creates the directory, removes unfinished shards of earlier runs with this
     * prefix and finds the next shard number. The builder can build again.
     *
     * @throws UncheckedIOException if the directory cannot be created or listed
     */
    public Sink build() {
      try {
        return new TarShardSink(
            dir,
            prefix == null ? "can4000" : prefix,
            maxSamples < 0 ? 1000 : maxSamples,
            maxBytes < 0 ? 1L << 30 : maxBytes,
            labels == null ? Manifest.can4000().labels() : labels);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open shard directory " + dir, e);
      }
    }
  }
}
