package io.github.can4000.examples.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * -Dcan4000.relaunch=off}) never starts a child. Like {@code bin/can4000}, the child maps a
 * class-data-sharing archive of the command's classes ({@link ClassArchive}).
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
    Map<String, String> env = System.getenv();
    List<String> command = childCommand(args, env);
    if (command.isEmpty()) {
      Main.main(args);
      return;
    }
    ClassArchive archive = ClassArchive.of(env, command, args);
    if (archive != null) {
      command.addAll(1, archive.options());
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
              if (archive != null) {
                archive.finish();
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
    System.exit(code); // the hook keeps the class archive the child wrote
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

  /**
   * The class-data-sharing archive of the child, as {@code bin/can4000} keeps it: the first run of
   * a command with a given jar and java writes it at exit (under a temporary name, moved into place
   * once complete), later runs map it instead of loading and verifying those classes again (about
   * 0.2 s). One per command, in {@code CAN4000_CDS_DIR} (default {@code $XDG_CACHE_HOME/can4000} or
   * {@code ~/.cache/can4000}); {@code CAN4000_CDS=off} turns it off.
   */
  static final class ClassArchive {
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private final Path archive;
    private final Path partial;
    private final AtomicBoolean finished = new AtomicBoolean();

    private ClassArchive(Path archive, Path partial) {
      this.archive = archive;
      this.partial = partial;
    }

    /** Returns the archive of this child command, or null when archives are off or unusable. */
    static ClassArchive of(Map<String, String> env, List<String> command, String[] args) {
      if (env.getOrDefault("CAN4000_CDS", "on").equalsIgnoreCase("off")) {
        return null;
      }
      try {
        Path dir = dir(env);
        Files.createDirectories(dir);
        Path jar = Path.of(command.get(command.indexOf("-cp") + 1));
        String key =
            String.join(
                "|",
                jar.toString(),
                Long.toString(Files.size(jar)),
                Long.toString(Files.getLastModifiedTime(jar).toMillis()),
                command.get(0),
                System.getProperty("java.vm.version"),
                String.join(" ", command.subList(1, command.indexOf("-cp"))));
        String name = args.length == 0 ? "none" : args[0].replaceAll("[^a-z]", "_");
        Path archive =
            dir.resolve(
                "can4000-"
                    + Integer.toHexString(key.hashCode())
                    + "-"
                    + name.substring(0, Math.min(20, name.length()))
                    + ".jsa");
        Path partial = dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid());
        return new ClassArchive(archive, partial);
      } catch (IOException | RuntimeException e) {
        return null; // no cache folder: run without an archive
      }
    }

    private static Path dir(Map<String, String> env) {
      String dir = env.getOrDefault("CAN4000_CDS_DIR", "");
      if (!dir.isBlank()) {
        return Path.of(dir);
      }
      String cache = env.getOrDefault("XDG_CACHE_HOME", "");
      return cache.isBlank()
          ? Path.of(System.getProperty("user.home"), ".cache", "can4000")
          : Path.of(cache, "can4000");
    }

    /** The child's options: map the archive, or write it at exit. */
    List<String> options() {
      List<String> o = new ArrayList<>();
      o.add(
          Files.isRegularFile(archive)
              ? "-XX:SharedArchiveFile=" + archive
              : "-XX:ArchiveClassesAtExit=" + partial);
      o.addAll(QUIET);
      return o;
    }

    /** Moves a complete archive the child wrote into place; once. */
    void finish() {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      try {
        if (Files.isRegularFile(partial) && Files.size(partial) > 0) {
          Files.move(
              partial,
              archive,
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException e) {
        // another run moved its own archive into place first: keep that one
      } finally {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException ignored) {
          // a leftover temporary file; the next first run writes its own
        }
      }
    }
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
