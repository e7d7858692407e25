package io.github.can4000.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command line in a child JVM with a small heap, on the test class path. */
final class ChildJvm {
  /** The heap of the child, as a user with a small machine would give it. */
  static final String XMX = "-Xmx256m";

  private ChildJvm() {}

  /** What a finished child printed and returned. */
  record Result(int code, String output) {}

  /** Starts {@code Main} with {@code args}; its stdout and stderr go to {@code log}. */
  static Process start(Path log, List<String> args) throws IOException {
    return start(log, Main.class, args);
  }

  /** Starts {@code main} with {@code args}; its stdout and stderr go to {@code log}. */
  static Process start(Path log, Class<?> main, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add(XMX);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * Runs {@code Main} to its end, at most {@code timeoutSeconds}: a child still running then is
   * killed and the test fails.
   */
  static Result run(Path log, long timeoutSeconds, List<String> args)
      throws IOException, InterruptedException {
    return run(log, timeoutSeconds, Main.class, args);
  }

  /** Runs {@code main} to its end, as {@link #run(Path, long, List)} does. */
  static Result run(Path log, long timeoutSeconds, Class<?> main, List<String> args)
      throws IOException, InterruptedException {
    Process p = start(log, main, args);
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "child JVM still running after "
                + timeoutSeconds
                + " s; output:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
