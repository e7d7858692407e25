package io.github.can4000.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void writesNewFileInMissingFolderAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("a/b/out.bin");
    AtomicFile.write(file, new byte[] {1, 2, 3}, AtomicFile.Sync.FORCE);
    assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    assertThat(names(file.getParent())).containsExactly("out.bin");
  }

  @Test
  void replacesExistingFile() throws IOException {
    Path file = dir.resolve("out.txt");
    Files.writeString(file, "old");
    AtomicFile.write(file, "new".getBytes(StandardCharsets.UTF_8), AtomicFile.Sync.NONE);
    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(names(dir)).containsExactly("out.txt");
  }

  @Test
  void failedWriteKeepsOldContentAndDeletesTemporaryFile() throws IOException {
    Path file = dir.resolve("out.txt");
    Files.writeString(file, "old");
    assertThatThrownBy(
            () ->
                AtomicFile.write(
                    file,
                    out -> {
                      out.write("half".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk on fire");
                    },
                    AtomicFile.Sync.FORCE))
        .hasMessage("disk on fire");
    assertThat(Files.readString(file)).isEqualTo("old");
    assertThat(names(dir)).containsExactly("out.txt");
  }

  @Test
  void temporaryFileIsVisibleAsSuchUntilCommitAndDiscardedByClose() throws IOException {
    Path file = dir.resolve("shard-000000.tar");
    try (AtomicFile f = AtomicFile.create(file)) {
      f.out().write(42);
      assertThat(f.temp().getParent()).isEqualTo(file.toAbsolutePath().getParent());
      assertThat(AtomicFile.isTemp(f.temp().getFileName().toString())).isTrue();
      assertThat(f.temp().getFileName().toString()).startsWith(".shard-000000.tar-");
      assertThat(file).doesNotExist();
    }
    assertThat(names(dir)).isEmpty();
  }

  @Test
  void writerThatClosesItsTargetCanStillCommit() throws IOException {
    Path file = dir.resolve("report.csv");
    AtomicFile.write(
        file,
        out -> {
          try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write("a,b\n");
          }
        },
        AtomicFile.Sync.FORCE);
    assertThat(Files.readString(file)).isEqualTo("a,b\n");
  }

  @Test
  void writesWhileThreadHasPendingInterrupt() throws IOException {
    Path file = dir.resolve("report.csv");
    Thread.currentThread().interrupt();
    try {
      AtomicFile.write(file, "x".getBytes(StandardCharsets.UTF_8), AtomicFile.Sync.FORCE);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void commitAfterCloseFails() throws IOException {
    AtomicFile f = AtomicFile.create(dir.resolve("x"));
    f.close();
    assertThatThrownBy(() -> f.commit(AtomicFile.Sync.NONE)).hasMessageContaining("already closed");
    assertThat(names(dir)).isEmpty();
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
