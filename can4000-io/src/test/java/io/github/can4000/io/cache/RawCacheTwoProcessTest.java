package io.github.can4000.io.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.spi.Fetcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs fill one cache directory at once; the directory must stay consistent. */
class RawCacheTwoProcessTest {
  private static final int COUNT = 150;

  @TempDir Path dir;

  /** The children's output, outside the cache folder; shown when a child fails. */
  @TempDir Path logs;

  @Test
  void twoProcesses_unbounded_everyEntryReadableAndEqualToSource() throws Exception {
    runTwoFillers(1L << 30);
    RawCache cache = RawCache.open(dir, 1L << 30);
    try (Fetcher offline = cache.offline()) {
      for (int i = 0; i < COUNT; i++) {
        assertThat(offline.fetch(CacheBodies.url(i)).body().toByteArray())
            .as("entry %d", i)
            .isEqualTo(CacheBodies.body(i));
      }
    }
    assertNoTempFiles();
  }

  @Test
  void twoProcesses_bounded_survivorsAreIntactAndBoundHolds() throws Exception {
    long bound = 400_000; // about a quarter of the bodies
    runTwoFillers(bound);
    RawCache cache = RawCache.open(dir, bound);
    int present = 0;
    for (int i = 0; i < COUNT; i++) {
      if (cache.contains(CacheBodies.url(i))) {
        present++;
        assertThat(cache.offline().fetch(CacheBodies.url(i)).body().toByteArray())
            .as("entry %d", i)
            .isEqualTo(CacheBodies.body(i));
      }
    }
    assertThat(present).isPositive();
    assertThat(cache.sizeOnDisk()).isLessThanOrEqualTo(bound);
    assertNoTempFiles();
    // every file left is a complete pair
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".meta")) {
          assertThat(p.resolveSibling(name.replace(".meta", ".body"))).exists();
        }
      }
    }
  }

  private void runTwoFillers(long maxBytes) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int seed = 1; seed <= 2; seed++) {
      ProcessBuilder pb =
          new ProcessBuilder(
              java,
              "-Xmx256m",
              "-cp",
              io.github.can4000.io.fixtures.TestClassPath.get(),
              CacheFillerMain.class.getName(),
              dir.toString(),
              Long.toString(maxBytes),
              Integer.toString(COUNT),
              Integer.toString(seed));
      pb.redirectErrorStream(true);
      pb.redirectOutput(logs.resolve("child" + seed + ".log").toFile());
      children.add(pb.start());
    }
    for (int i = 0; i < children.size(); i++) {
      Process p = children.get(i);
      Path log = logs.resolve("child" + (i + 1) + ".log");
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished in time").isTrue();
      assertThat(p.exitValue())
          .as("child exit code; its output:%n%s", Files.readString(log))
          .isZero();
    }
  }

  private void assertNoTempFiles() throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()).isEmpty();
    }
  }
}
