package io.github.can4000.io.sink;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.can4000.EdgeFlag;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.internal.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.StringJoiner;

/** Lists written samples in a CSV file; see {@link Sinks#csvIndex}. */
final class CsvIndexSink implements Sink {
  static final CsvSchema SCHEMA =
      CsvSchema.builder()
          .addColumn("key")
          .addNumberColumn("id")
          .addColumn("label")
          .addColumn("url")
          .addNumberColumn("source_width")
          .addNumberColumn("source_height")
          .addNumberColumn("x1")
          .addNumberColumn("y1")
          .addNumberColumn("x2")
          .addNumberColumn("y2")
          .addNumberColumn("width")
          .addNumberColumn("height")
          .addNumberColumn("channels")
          .addColumn("edge_flags")
          .build()
          .withHeader();

  private final AtomicFile file;
  private final SequenceWriter writer;
  private boolean closed;

  CsvIndexSink(Path target) throws IOException {
    this.file = AtomicFile.create(target);
    try {
      this.writer =
          new CsvMapper().writer(SCHEMA).writeValues(new BufferedOutputStream(file.out(), 1 << 16));
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  @Override
  public void write(Sample s) throws IOException {
    StringJoiner flags = new StringJoiner(";");
    for (EdgeFlag f : s.edgeFlags()) {
      flags.add(f.name());
    }
    Object[] row = {
      TarShardSink.key(s.entry()),
      s.entry().id(),
      s.label(),
      s.entry().url(),
      s.sourceWidth(),
      s.sourceHeight(),
      s.rect().x1(),
      s.rect().y1(),
      s.rect().x2(),
      s.rect().y2(),
      s.image().width(),
      s.image().height(),
      s.image().channels(),
      flags.toString()
    };
    synchronized (this) {
      if (closed) {
        throw new IOException("CSV index " + file.target() + " is closed");
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
      file.commit(AtomicFile.Sync.FORCE);
    } finally {
      file.close();
    }
  }

  @Override
  public String toString() {
    return "Sinks.csvIndex(" + file.target() + ")";
  }
}
