package io.github.can4000.examples.cli;

/**
 * Unusable arguments or input (a malformed manifest, {@code --out} naming a file): the command line
 * prints the message and exits with code 2.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
