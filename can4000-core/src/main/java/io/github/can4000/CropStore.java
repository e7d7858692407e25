package io.github.can4000;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fixed-size RGB crops on disk: shards {@code crops-NNNNN.bin} of whole {@code width x height x 3}
 * byte records, read through read-only memory maps, and {@code index.tsv} with the size, the labels
 * and one line per crop (class index and manifest row). The pixels live in the page cache, not in
 * the heap, so a store may be far larger than the heap.
 *
 * <p>Files are written under {@code .part} names and renamed when complete, the index last: a
 * directory with an {@code index.tsv} holds a complete store.
 */
final class CropStore {
  static final String INDEX = "index.tsv";
  static final String MAGIC = "## can4000 crop store 1";

  /** At most 1 GiB per shard, below the 2 GiB limit of one mapping. */
  static final long SHARD_BYTES = 1L << 30;

  private final int record;
  private final int perShard;
  private final ByteBuffer[] shards;
  private final int size;

  private CropStore(int record, int perShard, ByteBuffer[] shards, int size) {
    this.record = record;
    this.perShard = perShard;
    this.shards = shards;
    this.size = size;
  }

  static int perShard(int record) {
    return (int) Math.max(1, SHARD_BYTES / record);
  }

  static String shardName(int shard) {
    return String.format("crops-%05d.bin", shard);
  }

  int size() {
    return size;
  }

  /** Copies crop {@code i} into {@code dst}. Thread-safe: absolute reads only. */
  void read(int i, byte[] dst) {
    ByteBuffer b = shards[i / perShard];
    b.get((i % perShard) * record, dst, 0, record);
  }

  /**
   * Maps the {@code count} crops of {@code record} bytes in {@code dir}, checking the shard sizes.
   */
  static CropStore map(Path dir, int record, int count) throws IOException {
    int per = perShard(record);
    int n = (count + per - 1) / per;
    ByteBuffer[] shards = new ByteBuffer[n];
    for (int s = 0; s < n; s++) {
      Path p = dir.resolve(shardName(s));
      long expected = (long) Math.min(per, count - s * per) * record;
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
        if (ch.size() != expected) {
          throw new IOException(
              "crop store "
                  + dir
                  + ": "
                  + p.getFileName()
                  + " has "
                  + ch.size()
                  + " bytes, the index says "
                  + expected);
        }
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, expected);
        shards[s] = m;
      }
    }
    return new CropStore(record, per, shards, count);
  }

  /** Appends crops to shards and writes the index at the end. Not thread-safe. */
  static final class Writer implements AutoCloseable {
    private final Path dir;
    private final int width;
    private final int height;
    private final int record;
    private final int perShard;
    private final List<Path> parts = new ArrayList<>();
    private OutputStream out;
    private int count;
    private boolean finished;

    Writer(Path dir, int width, int height) throws IOException {
      this.dir = dir;
      this.width = width;
      this.height = height;
      this.record = width * height * 3;
      this.perShard = perShard(record);
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        if (files.findAny().isPresent()) {
          throw new IllegalArgumentException("crop store directory must be empty: " + dir);
        }
      }
    }

    void append(byte[] rgb) throws IOException {
      if (rgb.length != record) {
        throw new IllegalArgumentException("crop has " + rgb.length + " bytes, expected " + record);
      }
      if (count % perShard == 0) {
        closeShard();
        Path part = dir.resolve(shardName(count / perShard) + ".part");
        parts.add(part);
        out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      }
      out.write(rgb);
      count++;
    }

    private void closeShard() throws IOException {
      if (out != null) {
        out.close();
        out = null;
        Path part = parts.get(parts.size() - 1);
        Files.move(part, dir.resolve(shardName(parts.size() - 1)), StandardCopyOption.ATOMIC_MOVE);
      }
    }

    /** Completes the shards and writes the index; the store can then be {@link #map mapped}. */
    void finish(LabelIndex labels, int[] classes, List<ManifestEntry> entries) throws IOException {
      closeShard();
      Path part = dir.resolve(INDEX + ".part");
      parts.add(part);
      try (BufferedWriter w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
        w.write(MAGIC + "\n");
        w.write("## size\t" + width + "\t" + height + "\n");
        w.write("## labels\t" + String.join("\t", labels.labels()) + "\n");
        w.write("## crops\t" + count + "\n");
        for (int i = 0; i < count; i++) {
          ManifestEntry e = entries.get(i);
          Box b = e.box();
          w.write(
              classes[i]
                  + "\t"
                  + e.id()
                  + "\t"
                  + e.label()
                  + "\t"
                  + b.x()
                  + "\t"
                  + b.y()
                  + "\t"
                  + b.width()
                  + "\t"
                  + b.height()
                  + "\t"
                  + e.line()
                  + "\t"
                  + e.url()
                  + "\n");
        }
      }
      Files.move(part, dir.resolve(INDEX), StandardCopyOption.ATOMIC_MOVE);
      finished = true;
    }

    /** Deletes what an unfinished store left behind. */
    @Override
    public void close() throws IOException {
      if (out != null) {
        out.close();
        out = null;
      }
      if (!finished) {
        for (int s = 0; s < parts.size(); s++) {
          Files.deleteIfExists(parts.get(s));
          if (parts.get(s).getFileName().toString().startsWith("crops-")) {
            Files.deleteIfExists(dir.resolve(shardName(s)));
          }
        }
      }
    }
  }

  /** What {@code index.tsv} holds. */
  record Index(
      int width, int height, LabelIndex labels, int[] classes, List<ManifestEntry> entries) {}

  static Index readIndex(Path dir) throws IOException {
    Path p = dir.resolve(INDEX);
    if (!Files.isRegularFile(p)) {
      throw new IOException("no crop store in " + dir + ": " + INDEX + " is missing");
    }
    try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
      List<String> all = lines.toList();
      if (all.size() < 4 || !all.get(0).equals(MAGIC)) {
        throw new IOException("not a can4000 crop store index: " + p);
      }
      String[] size = header(all.get(1), "size", p);
      String[] labels = header(all.get(2), "labels", p);
      int count = Integer.parseInt(header(all.get(3), "crops", p)[1]);
      if (all.size() != 4 + count) {
        throw new IOException(
            p + " lists " + (all.size() - 4) + " crops, its header says " + count);
      }
      int[] classes = new int[count];
      List<ManifestEntry> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String[] f = all.get(4 + i).split("\t", 9);
        if (f.length != 9) {
          throw new IOException(p + " line " + (5 + i) + ": expected 9 tab-separated fields");
        }
        classes[i] = Integer.parseInt(f[0]);
        Box box =
            new Box(
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5]),
                Double.parseDouble(f[6]));
        entries.add(
            new ManifestEntry(
                Integer.parseInt(f[1]),
                f[2],
                box,
                f[8],
                Integer.parseInt(f[7]),
                BoxChecks.flags(box)));
      }
      return new Index(
          Integer.parseInt(size[1]),
          Integer.parseInt(size[2]),
          LabelIndex.of(Arrays.asList(labels).subList(1, labels.length)),
          classes,
          entries);
    } catch (NumberFormatException e) {
      throw new IOException("malformed crop store index " + p + ": " + e.getMessage(), e);
    }
  }

  private static String[] header(String line, String name, Path p) throws IOException {
    String[] f = line.split("\t");
    if (!f[0].equals("## " + name) || f.length < 2) {
      throw new IOException(p + ": expected a '## " + name + "' line, found: " + line);
    }
    return f;
  }
}
