package io.github.can4000.io.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvIndexSinkTest {
  @TempDir Path dir;

  @Test
  void csvIndex_appearsOnCloseOnly_andReadsBackWithJacksonCsv() throws IOException {
    Path file = dir.resolve("sub/index.csv");
    Sink sink = Sinks.csvIndex(file);
    sink.write(ShardSamples.sample(0));
    sink.write(ShardSamples.sample(1));
    assertThat(file).doesNotExist();
    sink.close();
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        new CsvMapper()
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      it.forEachRemaining(rows::add);
    }
    assertThat(rows).hasSize(2);
    Sample s = ShardSamples.sample(0);
    assertThat(rows.get(0))
        .containsEntry("key", "00000_melanoma")
        .containsEntry("id", "0")
        .containsEntry("url", "http://img.example/0 x.jpg")
        .containsEntry("x1", Integer.toString(s.rect().x1()))
        .containsEntry("width", Integer.toString(s.image().width()))
        .containsEntry("edge_flags", "X1_NEGATIVE;CLAMPED");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("index.csv");
    }
  }

  @Test
  void tee_writesToAllAndContainsOnlyWhenAllDo() throws IOException {
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    Sink first =
        new Sink() {
          @Override
          public boolean contains(ManifestEntry e) {
            return true;
          }

          @Override
          public void write(Sample s) {
            a.add(s.entry().id());
          }
        };
    Sink second = s -> b.add(s.entry().id());
    try (Sink tee = Sinks.tee(first, second)) {
      tee.write(ShardSamples.sample(5));
      assertThat(tee.contains(ShardSamples.sample(5).entry())).isFalse();
    }
    assertThat(a).containsExactly(5);
    assertThat(b).containsExactly(5);
  }
}
