package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.fixtures.RawServer;
import io.github.can4000.fixtures.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code can4000.jar} as a user does, {@code java -jar can4000.jar download}, and
 * checks what {@link JarLauncher} does with the JVM: a plain start runs the command line in a child
 * JVM with the tuned options; any JVM option, or {@code CAN4000_RELAUNCH=off}, keeps it in the
 * started JVM; a SIGTERM to the started JVM stops the child, which still writes its report.
 */
class JarLauncherIT {
  private static final byte[] PNG = TestImages.gradientPng(64, 64);

  @TempDir Path tmp;
  private RawServer server;
  private Path manifest;
  private Process process;

  @BeforeEach
  void serve() throws IOException {
    // each image is answered after a second, so the run lasts long enough to look at its processes
    server =
        new RawServer(
            (path, out) -> {
              Thread.sleep(1000);
              respond(out);
            });
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      lines.add(i + " melanocyticnevus 0.5 0.5 0.5 0.5 " + server.url("/p" + i + ".png"));
    }
    manifest = Files.write(tmp.resolve("manifest.csv"), lines);
  }

  @AfterEach
  void stop() throws IOException {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    server.close();
  }

  @Test
  void plainJavaJarRunsInAChildJvmWithTheTunedOptions() throws Exception {
    process = start(List.of(), Map.of(), tmp.resolve("out"));
    ProcessHandle child = awaitChild(process).orElseThrow(() -> new AssertionError(log()));
    List<String> childArgs = List.of(child.info().arguments().orElse(new String[0]));
    assertThat(childArgs)
        .containsAll(JarLauncher.TUNED)
        .contains("-D" + JarLauncher.RELAUNCHED + "=true", JarLauncher.MAIN, "download");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log()).isZero();
    assertThat(pngs(tmp.resolve("out"))).hasSize(3);
    assertThat(child.isAlive()).isFalse();
    // the first run wrote its class-data-sharing archive at exit, and moved it into place
    assertThat(childArgs).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(files(tmp.resolve("cds")))
        .singleElement()
        .asString()
        .startsWith("can4000-")
        .endsWith("-download.jsa");

    // the next run maps it
    process = start(List.of(), Map.of(), tmp.resolve("again"));
    ProcessHandle second = awaitChild(process).orElseThrow(() -> new AssertionError(log()));
    assertThat(second.info().arguments().map(List::of).orElse(List.of()))
        .anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log()).isZero();
    assertThat(pngs(tmp.resolve("again"))).hasSize(3);
  }

  @Test
  void javaOptionsOrRelaunchOffRunInTheStartedJvm() throws Exception {
    process = start(List.of("-Xmx200m"), Map.of(), tmp.resolve("a"));
    assertThat(awaitChild(process)).isEmpty();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log()).isZero();
    assertThat(pngs(tmp.resolve("a"))).hasSize(3);

    process = start(List.of(), Map.of("CAN4000_RELAUNCH", "off"), tmp.resolve("b"));
    assertThat(awaitChild(process)).isEmpty();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log()).isZero();
    assertThat(pngs(tmp.resolve("b"))).hasSize(3);

    // options given through the launcher's environment variable are options too
    process = start(List.of(), Map.of("JDK_JAVA_OPTIONS", "-Xmx300m"), tmp.resolve("c"));
    assertThat(awaitChild(process)).isEmpty();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log()).isZero();
    assertThat(pngs(tmp.resolve("c"))).hasSize(3);
  }

  @Test
  void sigtermToTheStartedJvmStopsTheChildWhichWritesItsReport() throws Exception {
    Path out = tmp.resolve("out");
    process = start(List.of(), Map.of(), out);
    ProcessHandle child = awaitChild(process).orElseThrow(() -> new AssertionError(log()));
    // wait until the child is fetching, then SIGTERM the started JVM only
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.requests().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(server.requests()).as(log()).isNotEmpty();
    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
    // the child stopped as on Ctrl-C: one report row per manifest row
    List<String> report = Files.readAllLines(out.resolve("_report.csv"), StandardCharsets.UTF_8);
    assertThat(report).hasSize(1 + 3);
  }

  private Process start(List<String> jvmOptions, Map<String, String> env, Path out)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(System.getProperty("can4000.jar"));
    command.addAll(
        List.of("download", "--manifest", manifest.toString(), "--out", out.toString(), "-q"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(tmp.resolve("log.txt").toFile());
    pb.environment().remove("CAN4000_JAVA_OPTS");
    pb.environment().remove("CAN4000_RELAUNCH");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("CAN4000_CDS");
    pb.environment().put("CAN4000_CDS_DIR", tmp.resolve("cds").toString());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** The child JVM of {@code p}, waiting up to 10 s for it; empty if none came. */
  private static Optional<ProcessHandle> awaitChild(Process p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && p.isAlive()) {
      Optional<ProcessHandle> child = p.children().findFirst();
      if (child.isPresent()) {
        return child;
      }
      Thread.sleep(50);
    }
    return Optional.empty();
  }

  private String log() {
    try {
      return Files.readString(tmp.resolve("log.txt"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static List<Path> pngs(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".png")).toList();
    }
  }

  private static void respond(OutputStream out) throws IOException {
    out.write(
        RawServer.ascii(
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: "
                + PNG.length
                + "\r\nConnection: close\r\n\r\n"));
    out.write(PNG);
    out.flush();
  }
}
