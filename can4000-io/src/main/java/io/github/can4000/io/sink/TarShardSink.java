package io.github.can4000.io.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.can4000.EdgeFlag;
import io.github.can4000.ManifestEntry;
import io.github.can4000.PixelRect;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.internal.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes samples into WebDataset tar shards; see {@link Sinks#tarShards}. */
final class TarShardSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(TarShardSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BLOCK = 512;

  private final Path dir;
  private final String prefix;
  private final int maxSamples;
  private final long maxBytes;
  private final Map<String, Integer> labelIndex;
  private final long modTime = System.currentTimeMillis();
  private final List<Path> finished = new ArrayList<>();
  private int nextShard;
  private Shard current;
  private IOException failure;
  private boolean closed;

  TarShardSink(Path dir, String prefix, int maxSamples, long maxBytes, List<String> labels)
      throws IOException {
    this.dir = dir;
    this.prefix = prefix;
    this.maxSamples = maxSamples;
    this.maxBytes = maxBytes;
    this.labelIndex = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      labelIndex.putIfAbsent(labels.get(i), i);
    }
    Files.createDirectories(dir);
    this.nextShard = openDirectory();
  }

  /** Removes temporary shards of killed writers and returns the number after the highest shard. */
  private int openDirectory() throws IOException {
    Pattern done = Pattern.compile(Pattern.quote(prefix) + "-(\\d{6,})\\.tar");
    String tmpStart = AtomicFile.TEMP_PREFIX + prefix + "-";
    int next = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        Matcher m = done.matcher(name);
        if (m.matches()) {
          next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
        } else if (name.startsWith(tmpStart) && AtomicFile.isTemp(name)) {
          LOG.info("removing unfinished shard {} of an earlier run", f);
          Files.deleteIfExists(f);
        }
      }
    }
    return next;
  }

  @Override
  public void write(Sample sample) throws IOException {
    ManifestEntry e = sample.entry();
    Integer cls = labelIndex.get(e.label());
    if (cls == null) {
      throw new IOException(
          "label '" + e.label() + "' is not in the shard sink's label list " + labelIndex.keySet());
    }
    String key = key(e);
    byte[] png = sample.toPng();
    byte[] json = json(sample, key, cls);
    byte[] clsBytes = Integer.toString(cls).getBytes(StandardCharsets.US_ASCII);
    long need = padded(clsBytes.length) + padded(json.length) + padded(png.length) + 3L * BLOCK;
    synchronized (this) {
      if (closed) {
        throw new IOException("shard sink is closed");
      }
      if (failure != null) {
        throw new IOException("shard sink failed earlier: " + failure.getMessage(), failure);
      }
      if (current != null && (current.samples >= maxSamples || current.bytes + need > maxBytes)) {
        finishShard();
      }
      if (current == null) {
        current = startShard();
      }
      try {
        current.put(key + ".cls", clsBytes);
        current.put(key + ".json", json);
        current.put(key + ".png", png);
        current.samples++;
        current.bytes += need;
      } catch (IOException ex) {
        fail(ex);
        throw ex;
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (current != null && failure == null) {
      finishShard();
    }
    if (failure != null) {
      throw new IOException("shard sink failed: " + failure.getMessage(), failure);
    }
  }

  /** Returns the shards finished so far, in order. */
  synchronized List<Path> finishedShards() {
    return List.copyOf(finished);
  }

  @Override
  public String toString() {
    return "Sinks.tarShards("
        + dir
        + ", prefix="
        + prefix
        + ", maxSamplesPerShard="
        + maxSamples
        + ", maxBytesPerShard="
        + maxBytes
        + ")";
  }

  private Shard startShard() throws IOException {
    String name = String.format("%s-%06d.tar", prefix, nextShard++);
    try {
      return new Shard(AtomicFile.create(dir.resolve(name)));
    } catch (IOException ex) {
      fail(ex);
      throw ex;
    }
  }

  private void finishShard() throws IOException {
    Shard s = current;
    current = null;
    try {
      s.tar.finish();
      s.tar.close();
      s.file.commit(AtomicFile.Sync.FORCE);
      finished.add(s.file.target());
      LOG.debug("finished shard {} with {} samples", s.file.target(), s.samples);
    } catch (IOException ex) {
      fail(ex);
      s.file.close();
      throw ex;
    }
  }

  /**
   * Records a failure and discards the shard in progress: nothing partial is left under a final
   * name.
   */
  private void fail(IOException ex) {
    failure = ex;
    if (current != null) {
      Shard s = current;
      current = null;
      try {
        s.tar.close();
      } catch (IOException | RuntimeException ignored) {
        // the temporary file is deleted below
      }
      try {
        s.file.close();
      } catch (IOException del) {
        LOG.warn("cannot delete unfinished shard {}", s.file.temp(), del);
      }
    }
    LOG.warn("shard sink in {} failed: {}", dir, ex.toString());
  }

  /** The WebDataset key: the row's file stem, dots replaced (a dot would end the key). */
  static String key(ManifestEntry e) {
    return e.fileStem().replace('.', '_');
  }

  static byte[] json(Sample s, String key, int cls) throws IOException {
    ManifestEntry e = s.entry();
    ObjectNode o = JSON.createObjectNode();
    o.put("key", key);
    o.put("id", e.id());
    o.put("label", e.label());
    o.put("label_index", cls);
    o.put("url", e.url());
    ArrayNode box = o.putArray("box");
    box.add(e.box().x()).add(e.box().y()).add(e.box().width()).add(e.box().height());
    o.putArray("source").add(s.sourceWidth()).add(s.sourceHeight());
    PixelRect r = s.rect();
    o.putArray("rect").add(r.x1()).add(r.y1()).add(r.x2()).add(r.y2());
    o.put("width", s.image().width());
    o.put("height", s.image().height());
    o.put("channels", s.image().channels());
    ArrayNode flags = o.putArray("edge_flags");
    for (EdgeFlag f : s.edgeFlags()) {
      flags.add(f.name());
    }
    return JSON.writeValueAsBytes(o);
  }

  private static long padded(long n) {
    return (n + BLOCK - 1) / BLOCK * BLOCK;
  }

  /** One shard being written under its temporary name. */
  private final class Shard {
    final AtomicFile file;
    final TarArchiveOutputStream tar;
    int samples;
    long bytes = 2L * BLOCK; // the end-of-archive blocks

    Shard(AtomicFile file) {
      this.file = file;
      this.tar = new TarArchiveOutputStream(new BufferedOutputStream(file.out(), 1 << 16));
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    void put(String name, byte[] data) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(data.length);
      e.setModTime(modTime);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
    }
  }
}
