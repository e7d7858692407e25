package io.github.can4000.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process and captures its output. */
final class Cli {
  private Cli() {}

  /** What a run printed and returned. */
  record Result(int code, String out, String err) {}

  /** Runs with the real components. */
  static Result run(String... args) {
    return run(null, args);
  }

  /**
   * Runs with {@code components} for the commands that fetch or decode ({@code download}, {@code
   * import}, {@code verify}, {@code dedupe}); null: the real ones.
   */
  static Result run(Components components, String... args) {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (components != null && type == DownloadCommand.class) {
              return type.cast(new DownloadCommand(components));
            }
            if (components != null && type == VerifyCommand.class) {
              return type.cast(new VerifyCommand(components));
            }
            if (components != null && type == DedupeCommand.class) {
              return type.cast(new DedupeCommand(components));
            }
            if (components != null && type == ImportCommand.class) {
              return type.cast(new ImportCommand(components));
            }
            return CommandLine.defaultFactory().create(type);
          }
        };
    CommandLine cl = Main.commandLine(factory);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
