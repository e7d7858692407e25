package io.github.can4000.examples.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of {@code java -jar can4000.jar}: gives a plain {@code java -jar} the JVM options
 * that {@code bin/can4000} uses, by running the command line in a child JVM with them.
 *
 * <p>A JVM started without options sizes itself for the whole machine (G1 with a quarter of the
 * memory as heap, both JIT compilers); for this work that costs time and several times the memory
 * of the tuned options ({@code docs/performance.md}). Only a JVM started with no options at all is
 * replaced: any option given to {@code java} (or through {@code JDK_JAVA_OPTIONS}) is the user's
 * choice and runs the command line in this JVM. {@code CAN4000_JAVA_OPTS} replaces the child's
 * options, as it does for the launchers; {@code CAN4000_RELAUNCH=off} (or {@code
 * -Dcan4000.relaunch=off}) never starts a child.
 *
 * <p>The child shares this process's standard streams, environment and working directory; its exit
 * code is this one's. Ctrl-C reaches both (one process group): the child stops as it always does
 * (report written, exit 130) while this JVM waits for it; a {@code SIGTERM} sent to this JVM alone
 * is passed on to the child.
 */
public final class JarLauncher {
  /** The options of {@code bin/can4000} ({@code docs/performance.md}). */
  static final List<String> TUNED =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m");

  /** The command line's class, named so that the parent JVM does not load it. */
  static final String MAIN = "io.github.can4000.examples.cli.Main";

  /** Set in the child, so that it never starts another. */
  static final String RELAUNCHED = "can4000.relaunched";

  private JarLauncher() {}

  public static void main(String[] args) {
    List<String> command = childCommand(args, System.getenv());
    if (command.isEmpty()) {
      Main.main(args);
      return;
    }
    Process child;
    try {
      child = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      Main.main(args); // no child JVM: run here, with this JVM's options
      return;
    }
    Thread stop =
        new Thread(
            () -> {
              if (child.isAlive()) {
                child.destroy();
                try {
                  child.waitFor(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "can4000-child-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    int code;
    try {
      code = child.waitFor();
    } catch (InterruptedException e) {
      code = 130;
    }
    System.exit(code);
  }

  /**
   * Returns the command that runs the command line in a child JVM with the tuned options, or an
   * empty list when this JVM should run it itself.
   */
  static List<String> childCommand(String[] args, Map<String, String> env) {
    String off = System.getProperty("can4000.relaunch", env.getOrDefault("CAN4000_RELAUNCH", ""));
    if (off.equalsIgnoreCase("off")
        || off.equalsIgnoreCase("false")
        || Boolean.getBoolean(RELAUNCHED)
        || jvmOptionsGiven(env)) {
      return List.of();
    }
    Path jar = ownJar();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    if (jar == null || !Files.isExecutable(java)) {
      return List.of();
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(java.toString()));
    String opts = env.getOrDefault("CAN4000_JAVA_OPTS", "").strip();
    if (opts.isEmpty()) {
      command.addAll(TUNED);
    } else {
      command.addAll(List.of(opts.split("\\s+")));
    }
    command.add("-D" + RELAUNCHED + "=true");
    command.add("-cp");
    command.add(jar.toString());
    command.add(MAIN);
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Whether {@code java} was given any option before {@code -jar}, or through {@code
   * JDK_JAVA_OPTIONS} or {@code JAVA_TOOL_OPTIONS}. Reads this process's command line, which is
   * cheap; asks the JVM's management bean (which takes longer to load) only where the command line
   * is not available.
   */
  static boolean jvmOptionsGiven(Map<String, String> env) {
    if (!env.getOrDefault("JDK_JAVA_OPTIONS", "").isBlank()
        || !env.getOrDefault("JAVA_TOOL_OPTIONS", "").isBlank()) {
      return true;
    }
    Optional<String[]> args = ProcessHandle.current().info().arguments();
    if (args.isPresent()) {
      return args.get().length == 0 || !args.get()[0].equals("-jar");
    }
    return !ManagementFactory.getRuntimeMXBean().getInputArguments().isEmpty();
  }

  /** The jar this class was loaded from, or null when it was not loaded from a jar file. */
  private static Path ownJar() {
    try {
      File f =
          new File(JarLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return f.isFile() ? f.toPath() : null;
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }
}
