package io.github.can4000;

/**
 * A problem found while parsing a manifest: where it is and what is wrong.
 *
 * @param source the manifest's name (a file path, or {@code bundled:can4000.csv})
 * @param line 1-based line number
 * @param column 1-based column (field) number, or 0 when the whole line is at fault
 * @param text the offending text, shortened to at most 200 characters
 * @param message what is wrong
 */
public record ManifestProblem(String source, int line, int column, String text, String message) {

  /** Returns {@code source:line: message (column c: "text")}. */
  @Override
  public String toString() {
    return source
        + ":"
        + line
        + ": "
        + message
        + (column > 0 ? " (column " + column + ": \"" + text + "\")" : " (\"" + text + "\")");
  }
}
