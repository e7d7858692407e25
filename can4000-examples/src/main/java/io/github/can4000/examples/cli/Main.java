package io.github.can4000.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code can4000} command line: {@code java -jar can4000.jar <command>}.
 *
 * <p>Exit codes: 0 when the command completed (a download whose rows partly failed included); 1 for
 * unexpected errors; 2 for unusable arguments or an unreadable or malformed manifest (and for a
 * command whose module is not built, such as {@code train} and {@code evaluate}); 3 for a run that
 * attempted rows but whose output holds none of them ({@code download}, {@code import}; also {@code
 * verify --strict} when a URL changed); 4 for a download that reached no image host (no row was
 * fetched: no network, a proxy needed, a firewall; its report is written); 130 after Ctrl-C.
 */
@Command(
    name = "can4000",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Turns the CAN4000 dermatology manifest into training crops.",
    subcommands = {
      InspectCommand.class,
      DownloadCommand.class,
      ImportCommand.class,
      SplitCommand.class,
      DedupeCommand.class,
      VerifyCommand.class,
      StatsCommand.class,
      ThumbnailsCommand.class,
      MetricsCommand.class,
      AnnotateCommand.class,
      ReviewCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code for unusable arguments and unreadable or malformed input. */
  static final int USAGE = 2;

  /** Exit code for unexpected errors. */
  static final int SOFTWARE = 1;

  /** Exit code for a download that reached no image host: no row could be fetched. */
  static final int NO_NETWORK = 4;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Returns the configured command line; call {@link CommandLine#execute} on it. */
  public static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /** Returns the configured command line, creating commands with {@code factory}. */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    CommandLine cl = new CommandLine(new Main(), factory);
    OptionalCommands.addTo(cl, factory);
    HelpLayout.applyTo(cl);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(new ShortUsageError());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl;
  }

  /** Without a subcommand: explain what to do. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command: use inspect, download, import, split, dedupe, verify, stats, thumbnails, metrics, train"
            + " or evaluate");
  }

  /** Prints a usage error in one line plus a hint, instead of the whole usage help. */
  private static final class ShortUsageError implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println(
          "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return USAGE;
    }
  }

  /** Maps {@link UsageException} to exit code 2 and anything else to 1. */
  private static final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
      PrintWriter err = cmd.getErr();
      String name = cmd.getCommandSpec().qualifiedName();
      if (ex instanceof UsageException) {
        err.println(name + ": " + ex.getMessage());
        err.flush();
        return USAGE;
      }
      err.println(name + ": unexpected error: " + ex);
      ex.printStackTrace(err);
      err.flush();
      return SOFTWARE;
    }
  }

  /** Reads the version from {@code version.properties}, filtered by Maven. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "can4000 " + p.getProperty("version", "unknown"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
