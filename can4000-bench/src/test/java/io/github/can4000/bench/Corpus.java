package io.github.can4000.bench;

import io.github.can4000.spi.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads bench images from {@code -Dcan4000.bench.corpus} (default /tmp/can-bench/corpus). */
final class Corpus {
  private Corpus() {}

  static List<Bytes> load(String suffix, int max) throws IOException {
    Path dir = Path.of(System.getProperty("can4000.bench.corpus", "/tmp/can-bench/corpus"));
    List<Bytes> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(suffix)).sorted().limit(max).toList()) {
        out.add(Bytes.copyOf(Files.readAllBytes(p)));
      }
    }
    if (out.isEmpty()) {
      throw new IOException(
          "no *" + suffix + " in " + dir + "; make it with /work/shared/bench/make_corpus.py");
    }
    return out;
  }
}
