package io.github.can4000.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Checks that a label is safe to use as a directory name on common file systems. A manifest is
 * untrusted input: a label such as {@code ../../x} must never choose where a file is written.
 */
public final class Labels {
  private static final Set<String> RESERVED =
      Set.of(
          "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
          "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
  private static final String FORBIDDEN = "/\\:*?\"<>|";

  private Labels() {}

  /**
   * Returns why {@code label} is unsafe as a directory name, or {@code null} if it is safe. Unsafe
   * are: empty or longer than 100 characters, {@code .} and {@code ..}, path separators and the
   * characters {@code : * ? " < > |}, control characters, a trailing dot or space, and names
   * reserved by Windows ({@code CON}, {@code NUL}, {@code COM1}, ...) with or without extension.
   */
  public static String problem(String label) {
    if (label.isEmpty()) {
      return "label is empty";
    }
    if (label.length() > 100) {
      return "label is longer than 100 characters";
    }
    if (label.equals(".") || label.equals("..") || label.contains("..")) {
      return "label contains '..'";
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return "label contains a control character";
      }
      if (FORBIDDEN.indexOf(c) >= 0) {
        return "label contains '" + c + "'";
      }
    }
    char last = label.charAt(label.length() - 1);
    if (last == '.' || last == ' ') {
      return "label ends with a dot or space";
    }
    int dot = label.indexOf('.');
    String stem = (dot < 0 ? label : label.substring(0, dot)).toLowerCase(Locale.ROOT);
    if (RESERVED.contains(stem)) {
      return "label is a reserved file name";
    }
    return null;
  }

  /** Returns whether {@code label} is safe as a directory name; see {@link #problem(String)}. */
  public static boolean isSafe(String label) {
    return problem(label) == null;
  }
}
