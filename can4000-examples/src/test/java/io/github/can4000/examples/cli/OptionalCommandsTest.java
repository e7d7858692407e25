package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import picocli.CommandLine.Parameters;

/**
 * Commands from other jars join through {@code META-INF/can4000/commands} (this test's resources
 * list {@link Hello}); a known one whose jar is missing ({@code bench}, {@code train}, {@code
 * evaluate} here: can4000-bench and can4000-djl are not on this module's test class path) says
 * which build makes it.
 */
class OptionalCommandsTest {
  @TempDir Path dir;

  /** A command that lives "elsewhere". */
  @Command(name = "hello", mixinStandardHelpOptions = true, description = "Says hello.")
  public static final class Hello implements Callable<Integer> {
    @Parameters(index = "0")
    String name;

    @Override
    public Integer call() {
      System.out.println("hello " + name);
      return 7;
    }
  }

  /** A command listed by a second jar's resource. */
  @Command(name = "evaluate")
  public static final class FakeEvaluate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("evaluated");
      return 0;
    }
  }

  @Test
  void listedCommand_runsAndAnswersHelp() {
    assertThat(Cli.run("hello", "--help").code()).isZero();
    assertThat(Cli.run("hello", "world").code()).isEqualTo(7);
  }

  @Test
  void knownCommandWithoutItsJar_saysHowToBuildIt() {
    Cli.Result r = Cli.run("bench", "--mode", "stream");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("can4000-bench").contains("mvn -B package -DskipTests");
    for (String command : new String[] {"train", "evaluate"}) {
      Cli.Result t = Cli.run(command, "--data", "x", "--out", "y");
      assertThat(t.code()).isEqualTo(2);
      assertThat(t.err())
          .contains("'" + command + "' lives in can4000-djl (DJL and PyTorch), which is not built")
          .contains("mvn -B package -DskipTests")
          .contains("bin/can4000 " + command);
    }
  }

  @Test
  void commandsListedByAnotherJar_areAdded_andReplaceTheStandIn() throws Exception {
    Path res = dir.resolve(OptionalCommands.RESOURCE);
    Files.createDirectories(res.getParent());
    Files.writeString(
        res, "# commands of a test module\n\n" + FakeEvaluate.class.getName() + "  # a comment\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertThat(OptionalCommands.listed(loader))
          .containsExactly(Hello.class.getName(), FakeEvaluate.class.getName());
      CommandLine cl = new CommandLine(new Main());
      OptionalCommands.addTo(cl, CommandLine.defaultFactory(), loader);
      assertThat(cl.getSubcommands()).containsKeys("hello", "evaluate", "train", "bench");
      assertThat((Object) cl.getSubcommands().get("evaluate").getCommand())
          .isInstanceOf(FakeEvaluate.class);
      assertThat((Object) cl.getSubcommands().get("train").getCommand())
          .isInstanceOf(OptionalCommands.Missing.class);
      StringWriter out = new StringWriter();
      cl.setOut(new PrintWriter(out, true));
      assertThat(cl.execute("evaluate")).isZero();
      assertThat(out.toString()).isEqualTo("evaluated" + System.lineSeparator());
    }
  }

  @Test
  void aListedClassThatIsMissing_failsClearly() throws Exception {
    Path res = dir.resolve(OptionalCommands.RESOURCE);
    Files.createDirectories(res.getParent());
    Files.writeString(res, "no.such.Command\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      CommandLine cl = new CommandLine(new Main());
      assertThatThrownBy(() -> OptionalCommands.addTo(cl, CommandLine.defaultFactory(), loader))
          .hasMessageContaining(
              "META-INF/can4000/commands names no.such.Command, which cannot be loaded");
    }
  }
}
