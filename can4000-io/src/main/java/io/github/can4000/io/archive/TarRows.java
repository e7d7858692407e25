package io.github.can4000.io.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.can4000.Box;
import io.github.can4000.Cropper;
import io.github.can4000.EdgeFlag;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.RowResult;
import io.github.can4000.Sample;
import io.github.can4000.internal.Labels;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.RowException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a tar archive member by member and yields one row result per sample; see {@link
 * TarArchives}.
 */
final class TarRows extends Spliterators.AbstractSpliterator<RowResult> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TarRows.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Box WHOLE = new Box(0.5, 0.5, 1, 1);

  private final Path archive;
  private final Decoder decoder;
  private final long maxMemberBytes;
  private final TarArchiveInputStream tar;
  private final ArrayDeque<RowResult> ready = new ArrayDeque<>();

  /**
   * Whether to read the bytes of members other than JSON metadata (false when only listing labels).
   */
  private boolean readData = true;

  private Member lookahead;
  private boolean ended;
  private int nextId;

  private TarRows(Path archive, Decoder decoder, long maxMemberBytes, TarArchiveInputStream tar) {
    super(Long.MAX_VALUE, ORDERED | NONNULL);
    this.archive = archive;
    this.decoder = decoder;
    this.maxMemberBytes = maxMemberBytes;
    this.tar = tar;
  }

  static TarRows open(Path archive, Decoder decoder, long maxMemberBytes) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
    try {
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        in =
            GzipCompressorInputStream.builder()
                .setInputStream(in)
                .setDecompressConcatenated(true)
                .get();
      }
      return new TarRows(archive, decoder, maxMemberBytes, new TarArchiveInputStream(in));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Returns the labels rows of {@code archive} would have (safe ones only), sorted, reading only
   * the member headers and JSON metadata.
   */
  static List<String> labels(Path archive, long maxMemberBytes) throws IOException {
    TreeSet<String> labels = new TreeSet<>();
    try (TarRows rows = open(archive, (Decoder) null, maxMemberBytes)) {
      rows.readData = false;
      for (List<Member> group = rows.nextGroup(); !group.isEmpty(); group = rows.nextGroup()) {
        Member json = null;
        for (Member m : group) {
          if (m.ext.equals("json")) {
            json = m;
          }
        }
        if (json != null) {
          try {
            labels.add(JSON.readTree(json.data).path("label").asText(""));
          } catch (IOException | RuntimeException e) {
            LOG.debug("unreadable metadata {}: {}", json.name, e.toString());
          }
        } else {
          for (Member m : group) {
            int slash = m.name.lastIndexOf('/');
            String dir = slash < 0 ? "" : m.name.substring(0, slash);
            labels.add(dir.substring(dir.lastIndexOf('/') + 1));
          }
        }
      }
    }
    labels.removeIf(l -> !Labels.isSafe(l));
    return List.copyOf(labels);
  }

  @Override
  public boolean tryAdvance(Consumer<? super RowResult> action) {
    while (ready.isEmpty()) {
      List<Member> group = nextGroup();
      if (group.isEmpty()) {
        return false;
      }
      rows(group);
    }
    action.accept(ready.poll());
    return true;
  }

  @Override
  public void close() {
    try {
      tar.close();
    } catch (IOException e) {
      LOG.debug("closing {} failed", archive, e);
    }
  }

  // ---- reading members ----

  /** One archive member: its name, and its bytes (null if it was too large to read). */
  private record Member(String name, String key, String ext, byte[] data, long size) {}

  private List<Member> nextGroup() {
    List<Member> group = new ArrayList<>();
    Member first = lookahead != null ? lookahead : nextMember();
    lookahead = null;
    if (first == null) {
      return group;
    }
    group.add(first);
    while (true) {
      Member m = nextMember();
      if (m == null) {
        break;
      }
      if (!m.key.equals(first.key)) {
        lookahead = m;
        break;
      }
      group.add(m);
    }
    return group;
  }

  private Member nextMember() {
    if (ended) {
      return null;
    }
    try {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = e.getName();
        if (!e.isFile() || isHidden(name)) {
          continue;
        }
        String file = name.substring(name.lastIndexOf('/') + 1);
        int dot = file.indexOf('.');
        String dir = name.substring(0, name.length() - file.length());
        String key = dir + (dot < 0 ? file : file.substring(0, dot));
        String ext =
            dot < 0 ? "" : file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (e.getSize() > maxMemberBytes || (!readData && !ext.equals("json"))) {
          return new Member(name, key, ext, null, e.getSize());
        }
        byte[] data = tar.readNBytes((int) e.getSize());
        if (data.length != e.getSize()) {
          throw new EOFException("member " + name + " is cut short");
        }
        return new Member(name, key, ext, data, data.length);
      }
      ended = true;
      return null;
    } catch (IOException e) {
      ended = true;
      throw new UncheckedIOException(
          "cannot read tar archive " + archive + ": " + e.getMessage(), e);
    }
  }

  private static boolean isHidden(String name) {
    for (String part : name.split("/")) {
      if (part.startsWith(".") && !part.equals(".")) {
        return true;
      }
    }
    return false;
  }

  // ---- turning groups into rows ----

  private void rows(List<Member> group) {
    Member json = null;
    for (Member m : group) {
      if (m.ext.equals("json")) {
        json = m;
      }
    }
    if (json != null) {
      ready.add(shardSample(group, json));
      return;
    }
    for (Member m : group) {
      ready.add(folderRow(m));
    }
  }

  private RowResult folderRow(Member m) {
    long start = System.nanoTime();
    int slash = m.name.lastIndexOf('/');
    String dir = slash < 0 ? "" : m.name.substring(0, slash);
    String label = dir.substring(dir.lastIndexOf('/') + 1);
    ManifestEntry entry = ManifestEntry.of(nextId++, label, WHOLE, m.name);
    if (label.isEmpty()) {
      return failed(entry, Reason.BAD_LABEL, "member is not in a label directory", 0, start, null);
    }
    String problem = Labels.problem(label);
    if (problem != null) {
      return failed(entry, Reason.BAD_LABEL, problem, 0, start, null);
    }
    if (m.data == null) {
      return failed(
          entry,
          Reason.TOO_LARGE,
          "member of " + m.size + " bytes is over " + maxMemberBytes,
          1,
          start,
          null);
    }
    DecodedImage image;
    try {
      image = decoder.decode(Bytes.copyOf(m.data));
    } catch (DecodeException e) {
      return failed(entry, e.reason(), e.getMessage(), 1, start, null);
    } catch (RuntimeException e) {
      return failed(entry, Reason.DECODE_FAILED, "decoder threw " + e, 1, start, null);
    }
    Crop crop;
    try {
      crop = Cropper.reference().crop(entry, image);
    } catch (RowException e) {
      return failed(entry, e.reason(), e.getMessage(), 1, start, image);
    }
    Sample s =
        new Sample(entry, image.width(), image.height(), crop.rect(), crop.flags(), crop.image());
    return streamed(s, start);
  }

  private RowResult shardSample(List<Member> group, Member json) {
    long start = System.nanoTime();
    JsonNode meta;
    ManifestEntry entry;
    try {
      if (json.data == null) {
        throw new IOException("metadata member is too large");
      }
      meta = JSON.readTree(json.data);
      JsonNode box = meta.path("box");
      entry =
          ManifestEntry.of(
              meta.path("id").asInt(nextId),
              meta.path("label").asText(""),
              new Box(
                  box.path(0).asDouble(0.5),
                  box.path(1).asDouble(0.5),
                  box.path(2).asDouble(1),
                  box.path(3).asDouble(1)),
              meta.path("url").asText(json.key));
      nextId = entry.id() + 1;
    } catch (IOException | RuntimeException e) {
      ManifestEntry unknown = ManifestEntry.of(nextId++, "", WHOLE, json.name);
      return failed(
          unknown,
          Reason.DECODE_FAILED,
          "unreadable sample metadata " + json.name + ": " + e.getMessage(),
          1,
          start,
          null);
    }
    Member img = null;
    for (Member m : group) {
      if (m != json && !m.ext.equals("cls") && !m.ext.equals("txt")) {
        img = m;
      }
    }
    if (img == null) {
      return failed(
          entry,
          Reason.DECODE_FAILED,
          "sample " + json.key + " has no image member",
          1,
          start,
          null);
    }
    if (img.data == null) {
      return failed(
          entry,
          Reason.TOO_LARGE,
          "member of " + img.size + " bytes is over " + maxMemberBytes,
          1,
          start,
          null);
    }
    DecodedImage image;
    try {
      image = decoder.decode(Bytes.copyOf(img.data));
    } catch (DecodeException e) {
      return failed(entry, e.reason(), e.getMessage(), 1, start, null);
    } catch (RuntimeException e) {
      return failed(entry, Reason.DECODE_FAILED, "decoder threw " + e, 1, start, null);
    }
    JsonNode r = meta.path("rect");
    PixelRect rect =
        r.size() == 4
            ? new PixelRect(r.get(0).asInt(), r.get(1).asInt(), r.get(2).asInt(), r.get(3).asInt())
            : new PixelRect(0, 0, image.width(), image.height());
    if (rect.width() != image.width() || rect.height() != image.height()) {
      return failed(
          entry,
          Reason.DECODE_FAILED,
          "image " + image.width() + "x" + image.height() + " does not match rect " + rect,
          1,
          start,
          null);
    }
    JsonNode src = meta.path("source");
    int sw = src.size() == 2 ? src.get(0).asInt() : image.width();
    int sh = src.size() == 2 ? src.get(1).asInt() : image.height();
    Set<EdgeFlag> flags = EnumSet.noneOf(EdgeFlag.class);
    for (JsonNode f : meta.path("edge_flags")) {
      try {
        flags.add(EdgeFlag.valueOf(f.asText()));
      } catch (IllegalArgumentException e) {
        LOG.debug("ignoring unknown edge flag {} in {}", f, json.name);
      }
    }
    try {
      Sample s =
          new Sample(
              entry,
              sw,
              sh,
              rect,
              flags,
              image.crop(new PixelRect(0, 0, image.width(), image.height())));
      return streamed(s, start);
    } catch (IllegalArgumentException e) {
      return failed(
          entry,
          Reason.DECODE_FAILED,
          "bad sample metadata in " + json.name + ": " + e.getMessage(),
          1,
          start,
          null);
    }
  }

  private static RowResult streamed(Sample s, long start) {
    Outcome o =
        new Outcome(
            s.entry(),
            Reason.STREAMED,
            "",
            0,
            1,
            s.sourceWidth(),
            s.sourceHeight(),
            s.rect(),
            s.image().width(),
            s.image().height(),
            s.edgeFlags(),
            (System.nanoTime() - start) / 1_000_000);
    return new RowResult(o, Optional.of(s));
  }

  private static RowResult failed(
      ManifestEntry entry,
      Reason reason,
      String detail,
      int attempts,
      long start,
      DecodedImage image) {
    Outcome o =
        new Outcome(
            entry,
            reason,
            detail,
            0,
            attempts,
            image == null ? 0 : image.width(),
            image == null ? 0 : image.height(),
            null,
            0,
            0,
            Set.of(),
            (System.nanoTime() - start) / 1_000_000);
    return new RowResult(o, Optional.empty());
  }
}
