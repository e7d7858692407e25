package io.github.can4000.io.sink;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.can4000.EdgeFlag;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.StringJoiner;
import java.util.UUID;

/** Lists written samples in a CSV file; see {@link Sinks#csvIndex}. */
final class CsvIndexSink implements Sink {
  static final CsvSchema SCHEMA = CsvSchema.builder()
      .addColumn("key").addNumberColumn("id").addColumn("label").addColumn("url")
      .addNumberColumn("source_width").addNumberColumn("source_height")
      .addNumberColumn("x1").addNumberColumn("y1").addNumberColumn("x2").addNumberColumn("y2")
      .addNumberColumn("width").addNumberColumn("height").addNumberColumn("channels")
      .addColumn("edge_flags")
      .build().withHeader();

  private final Path target;
  private final Path tmp;
  private final OutputStream out;
  private final SequenceWriter writer;
  private boolean closed;

  CsvIndexSink(Path target) throws IOException {
    this.target = target;
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    this.tmp = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    this.out = Files.newOutputStream(tmp);
    try {
      this.writer = new CsvMapper().writer(SCHEMA).writeValues(out);
    } catch (IOException | RuntimeException e) {
      out.close();
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  @Override
  public void write(Sample s) throws IOException {
    StringJoiner flags = new StringJoiner(";");
    for (EdgeFlag f : s.edgeFlags()) {
      flags.add(f.name());
    }
    Object[] row = {TarShardSink.key(s.entry()), s.entry().id(), s.label(), s.entry().url(), s.sourceWidth(),
        s.sourceHeight(), s.rect().x1(), s.rect().y1(), s.rect().x2(), s.rect().y2(), s.image().width(),
        s.image().height(), s.image().channels(), flags.toString()};
    synchronized (this) {
      if (closed) {
        throw new IOException("CSV index " + target + " is closed");
      }
      writer.write(row);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public String toString() {
    return "Sinks.csvIndex(" + target + ")";
  }
}
