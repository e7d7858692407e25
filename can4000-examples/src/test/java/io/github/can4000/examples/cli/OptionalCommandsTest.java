package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class OptionalCommandsTest {
  @TempDir Path dir;

  /** A command a module would list in META-INF/can4000/commands. */
  @Command(name = "hello")
  public static final class Hello implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Option(names = "--name") String name = "world";

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("hello " + name);
      return 0;
    }
  }

  @Command(name = "evaluate")
  public static final class FakeEvaluate implements Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  @Test
  void trainWithoutTheDjlModule_saysWhichBuildMakesItAvailable() {
    Cli.Result r = Cli.run("train", "--data", "x", "--out", "y");
    assertThat(r.code()).isEqualTo(OptionalCommands.NOT_BUILT);
    assertThat(r.err()).contains("can4000 train: not available").contains("mvn -B package -DskipTests")
        .contains("can4000-djl/target/lib/*");
    Cli.Result e = Cli.run("evaluate");
    assertThat(e.code()).isEqualTo(OptionalCommands.NOT_BUILT);
  }

  @Test
  void commandsListedInTheResource_areAdded() throws Exception {
    Path res = dir.resolve(OptionalCommands.RESOURCE);
    Files.createDirectories(res.getParent());
    Files.writeString(res, "# commands of a test module\n" + Hello.class.getName() + "\n\n"
        + FakeEvaluate.class.getName() + "  # with a comment\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertThat(OptionalCommands.classNames(loader)).containsExactly(Hello.class.getName(),
          FakeEvaluate.class.getName());
      CommandLine cl = new CommandLine(new Main());
      OptionalCommands.addTo(cl, CommandLine.defaultFactory(), loader);
      assertThat(cl.getSubcommands()).containsKeys("hello", "evaluate", "train");
      assertThat((Object) cl.getSubcommands().get("evaluate").getCommand()).isInstanceOf(FakeEvaluate.class);
      assertThat((Object) cl.getSubcommands().get("train").getCommand()).isInstanceOf(OptionalCommands.NotBuilt.class);
      StringWriter out = new StringWriter();
      cl.setOut(new PrintWriter(out, true));
      assertThat(cl.execute("hello", "--name", "nails")).isZero();
      assertThat(out.toString()).isEqualTo("hello nails" + System.lineSeparator());
    }
  }

  @Test
  void aListedClassThatIsMissing_failsClearly() throws Exception {
    Path res = dir.resolve(OptionalCommands.RESOURCE);
    Files.createDirectories(res.getParent());
    Files.writeString(res, "no.such.Command\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      CommandLine cl = new CommandLine(new Main());
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> OptionalCommands.addTo(cl, CommandLine.defaultFactory(), loader))
          .hasMessageContaining("cannot create command no.such.Command listed in META-INF/can4000/commands");
    }
  }
}
