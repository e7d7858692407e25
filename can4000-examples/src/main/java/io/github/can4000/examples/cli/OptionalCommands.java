package io.github.can4000.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * Commands that live in other jars than the command line's own, so that it stays small: each such
 * jar lists its picocli command classes in {@code META-INF/can4000/commands}, one class name a line
 * ({@code #} starts a comment), and {@code bin/can4000} puts the jar (and, for can4000-djl, its
 * {@code target/lib/*}) on the class path when it is built. A known command whose jar is missing
 * answers with the build command that makes it (exit code 2).
 */
final class OptionalCommands {
  static final String RESOURCE = "META-INF/can4000/commands";

  /** Known optional commands and the module that holds each. */
  static final Map<String, String> KNOWN =
      new TreeMap<>(
          Map.of(
              "bench", "can4000-bench",
              "train", "can4000-djl (DJL and PyTorch)",
              "evaluate", "can4000-djl (DJL and PyTorch)"));

  private OptionalCommands() {}

  /** Adds every listed command, and a stand-in for each known one that is not on the class path. */
  static void addTo(CommandLine cl, CommandLine.IFactory factory) {
    addTo(cl, factory, OptionalCommands.class.getClassLoader());
  }

  /**
   * Adds the commands listed in the resources of {@code loader}, then stand-ins for known ones
   * missing.
   */
  static void addTo(CommandLine cl, CommandLine.IFactory factory, ClassLoader loader) {
    Map<String, Object> found = new LinkedHashMap<>();
    for (String name : listed(loader)) {
      try {
        Object command = factory.create(Class.forName(name, true, loader));
        found.put(command.getClass().getAnnotation(Command.class).name(), command);
      } catch (Exception | LinkageError e) {
        throw new IllegalStateException(
            RESOURCE + " names " + name + ", which cannot be loaded: " + e, e);
      }
    }
    found.forEach(
        (name, command) -> {
          if (!cl.getSubcommands().containsKey(name)) {
            cl.addSubcommand(name, command);
          }
        });
    KNOWN.forEach(
        (name, module) -> {
          if (!found.containsKey(name) && !cl.getSubcommands().containsKey(name)) {
            cl.addSubcommand(name, new Missing(name, module));
            cl.getSubcommands()
                .get(name)
                .getCommandSpec()
                .usageMessage()
                .description(
                    "'"
                        + name
                        + "' lives in "
                        + module
                        + ", which is not built: run 'mvn -B package -DskipTests' at the "
                        + "project root, then 'bin/can4000 "
                        + name
                        + " --help'.");
          }
        });
  }

  static Set<String> listed(ClassLoader loader) {
    Set<String> names = new LinkedHashSet<>();
    try {
      Enumeration<URL> urls = loader.getResources(RESOURCE);
      while (urls.hasMoreElements()) {
        try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(urls.nextElement().openStream(), StandardCharsets.UTF_8))) {
          r.lines()
              .map(l -> l.replaceFirst("#.*", "").strip())
              .filter(l -> !l.isEmpty())
              .forEach(names::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** Stands in for a command whose jar is not built: says how to build it. */
  @Command(mixinStandardHelpOptions = true, hidden = true)
  static final class Missing implements Callable<Integer> {
    private final String name;
    private final String module;
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Unmatched List<String> ignored;

    Missing(String name, String module) {
      this.name = name;
      this.module = module;
    }

    @Override
    public Integer call() {
      throw new UsageException(
          "'"
              + name
              + "' lives in "
              + module
              + ", which is not built: run 'mvn -B package "
              + "-DskipTests' at the project root, then 'bin/can4000 "
              + name
              + "' again");
    }
  }
}
