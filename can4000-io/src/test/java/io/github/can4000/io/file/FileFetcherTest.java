package io.github.can4000.io.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.can4000.Reason;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFetcherTest {
  private static final byte[] DATA = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

  @TempDir Path dir;
  Path root;

  @BeforeEach
  void files() throws IOException {
    root = Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(root.resolve("images/sub dir"));
    Files.write(root.resolve("images/a.png"), DATA);
    Files.write(root.resolve("images/sub dir/größe 1.png"), DATA);
    Files.write(dir.resolve("secret.txt"), new byte[] {'s'});
  }

  private static Reason reason(Fetcher f, String url) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          try {
            f.fetch(url);
            throw new AssertionError("expected a failure for " + url);
          } catch (FetchException e) {
            assertThat(e.url()).isEqualTo(url);
            return e.reason();
          }
        });
  }

  @Test
  void readsRelativePathsAndFileUris() throws Exception {
    try (Fetcher f = FileFetchers.create(root)) {
      Fetched r = f.fetch("images/a.png");
      assertThat(r.body().toByteArray()).isEqualTo(DATA);
      assertThat(r.httpStatus()).isZero();
      assertThat(r.attempts()).isEqualTo(1);
      assertThat(f.fetch("images/sub dir/größe 1.png").body().toByteArray()).isEqualTo(DATA);
      assertThat(f.fetch(root.resolve("images/a.png").toString()).body().toByteArray())
          .isEqualTo(DATA);
      assertThat(f.fetch(root.resolve("images/a.png").toUri().toString()).body().toByteArray())
          .isEqualTo(DATA);
      assertThat(
              f.fetch(root.resolve("images/sub dir/größe 1.png").toUri().toString()).body().size())
          .isEqualTo(DATA.length);
      assertThat(f.fetch("images/../images/./a.png").body().size()).isEqualTo(DATA.length);
    }
  }

  @Test
  void refusesEscapesFromTheRoot() throws Exception {
    try (Fetcher f = FileFetchers.create(root)) {
      assertThat(reason(f, "../secret.txt")).isEqualTo(Reason.BAD_URL);
      assertThat(reason(f, "images/../../secret.txt")).isEqualTo(Reason.BAD_URL);
      assertThat(reason(f, dir.resolve("secret.txt").toString())).isEqualTo(Reason.BAD_URL);
      assertThat(reason(f, dir.resolve("secret.txt").toUri().toString())).isEqualTo(Reason.BAD_URL);
      assertThat(reason(f, "file:///etc/passwd")).isEqualTo(Reason.BAD_URL);
    }
  }

  @Test
  void refusesSymbolicLinksOutOfTheRoot() throws Exception {
    Path link = root.resolve("link.txt");
    try {
      Files.createSymbolicLink(link, dir.resolve("secret.txt"));
    } catch (UnsupportedOperationException | IOException e) {
      return; // no symbolic links on this file system
    }
    try (Fetcher f = FileFetchers.create(root)) {
      assertThat(reason(f, "link.txt")).isEqualTo(Reason.BAD_URL);
    }
  }

  @Test
  void reportsMissingFilesDirectoriesAndOtherSchemes() throws Exception {
    try (Fetcher f = FileFetchers.create(root)) {
      assertThat(reason(f, "images/missing.png")).isEqualTo(Reason.IO_ERROR);
      assertThat(reason(f, "images")).isEqualTo(Reason.IO_ERROR);
      assertThat(reason(f, "http://example.com/a.png")).isEqualTo(Reason.UNSUPPORTED_SCHEME);
      assertThat(reason(f, "file://remote-host/a.png")).isEqualTo(Reason.BAD_URL);
    }
  }

  @Test
  void appliesTheSizeLimit() throws Exception {
    try (Fetcher f = FileFetchers.create(root, 5)) {
      assertThat(reason(f, "images/a.png")).isEqualTo(Reason.TOO_LARGE);
    }
    try (Fetcher f = FileFetchers.create(root, DATA.length)) {
      assertThat(f.fetch("images/a.png").body().size()).isEqualTo(DATA.length);
    }
  }

  @Test
  void checksArguments() {
    assertThatThrownBy(() -> FileFetchers.create(root.resolve("images/a.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a.png");
    assertThatThrownBy(() -> FileFetchers.create(root, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }

  @Test
  void interruptedCallerGetsInterruptedException() throws Exception {
    try (Fetcher f = FileFetchers.create(root)) {
      Thread.currentThread().interrupt();
      assertThatThrownBy(() -> f.fetch("images/a.png")).isInstanceOf(InterruptedException.class);
      assertThat(Thread.interrupted()).isFalse();
    }
  }
}
