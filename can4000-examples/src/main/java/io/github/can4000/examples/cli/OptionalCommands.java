package io.github.can4000.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Adds the commands of modules that are not in {@code can4000.jar} (such as {@code train} and
 * {@code evaluate} of can4000-djl, which need DJL) when they are on the class path: each such module
 * lists its picocli {@code @Command} classes in the resource {@code META-INF/can4000/commands}, one
 * fully-qualified class name per line ({@code #} starts a comment). A known optional command that is
 * not on the class path answers with the build command that makes it available and exit code
 * {@value #NOT_BUILT}.
 */
final class OptionalCommands {
  /** The resource listing command classes. */
  static final String RESOURCE = "META-INF/can4000/commands";
  /** Exit code of a known optional command that is not on the class path. */
  static final int NOT_BUILT = 3;
  /** Known optional commands, with the module that holds them. */
  static final Map<String, String> KNOWN = new TreeMap<>(Map.of("train", "can4000-djl", "evaluate", "can4000-djl"));

  private OptionalCommands() {}

  /** Adds the commands found through {@code loader}, then placeholders for the known ones missing. */
  static void addTo(CommandLine cl, CommandLine.IFactory factory, ClassLoader loader) {
    for (String className : classNames(loader)) {
      Object command;
      try {
        command = factory.create(Class.forName(className, true, loader));
      } catch (Exception | LinkageError e) {
        throw new IllegalStateException("cannot create command " + className + " listed in " + RESOURCE + ": " + e,
            e);
      }
      String name = command.getClass().getAnnotation(Command.class).name();
      if (!cl.getSubcommands().containsKey(name)) {
        cl.addSubcommand(name, new CommandLine(command, factory));
      }
    }
    for (var e : KNOWN.entrySet()) {
      if (!cl.getSubcommands().containsKey(e.getKey())) {
        cl.addSubcommand(e.getKey(), new CommandLine(new NotBuilt(e.getKey(), e.getValue()), factory));
      }
    }
  }

  static Set<String> classNames(ClassLoader loader) {
    Set<String> names = new LinkedHashSet<>();
    try {
      Enumeration<URL> urls = loader.getResources(RESOURCE);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            String name = line.replaceFirst("#.*", "").strip();
            if (!name.isEmpty()) {
              names.add(name);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
    return names;
  }

  /** Stands in for a command whose module is not built. */
  @Command(description = "Not available: its module is not built (run 'mvn -B package -DskipTests' at the root).")
  static final class NotBuilt implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Unmatched List<String> args = new ArrayList<>();
    private final String name;
    private final String module;

    NotBuilt(String name, String module) {
      this.name = name;
      this.module = module;
    }

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      err.println("can4000 " + name + ": not available: it needs " + module + " (DJL and PyTorch), which is not on"
          + " the class path. Build it with 'mvn -B package -DskipTests' at the project root; bin/can4000 then adds"
          + " " + module + "/target/" + module + "-*.jar and " + module + "/target/lib/* to the class path.");
      err.flush();
      return NOT_BUILT;
    }
  }
}
