package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Commands from other jars join through {@code META-INF/can4000/commands} (this test's resources list
 * {@link Hello}); a known one whose jar is missing ({@code bench} here: can4000-bench is not on this
 * module's test class path) says which build makes it.
 */
class OptionalCommandsTest {
  /** A command that lives "elsewhere". */
  @Command(name = "hello", mixinStandardHelpOptions = true, description = "Says hello.")
  public static final class Hello implements Callable<Integer> {
    @Parameters(index = "0") String name;

    @Override
    public Integer call() {
      System.out.println("hello " + name);
      return 7;
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
  }
}
