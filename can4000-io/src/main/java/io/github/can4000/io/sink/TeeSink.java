package io.github.can4000.io.sink;

import io.github.can4000.ManifestEntry;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import java.io.IOException;
import java.util.List;

/** Hands every sample to several sinks in turn; see {@link Sinks#tee}. */
final class TeeSink implements Sink {
  private final List<Sink> sinks;

  TeeSink(List<Sink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public boolean contains(ManifestEntry entry) {
    for (Sink s : sinks) {
      if (!s.contains(entry)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void write(Sample sample) throws IOException {
    for (Sink s : sinks) {
      s.write(sample);
    }
  }

  @Override
  public void close() throws IOException {
    Exception first = null;
    for (Sink s : sinks) {
      try {
        s.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first instanceof IOException) {
      throw (IOException) first;
    }
    if (first instanceof RuntimeException) {
      throw (RuntimeException) first;
    }
    if (first != null) {
      throw new IOException(first);
    }
  }

  @Override
  public String toString() {
    return "Sinks.tee" + sinks;
  }
}
