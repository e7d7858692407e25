package io.github.can4000.io.annotate;

import java.util.Locale;
import java.util.Objects;

/**
 * One line of a decisions file ({@code no,decision,label}).
 *
 * @param no the proposal's number
 * @param kind accept, reject, or undo (withdraws the latest decision on {@code no} still in force)
 * @param label for accept, the label to publish (the proposed one, or the reviewer's relabel); for
 *     reject, the proposal's label; empty for undo
 */
public record Decision(int no, Kind kind, String label) {

  /** What the reviewer did. */
  public enum Kind {
    /** Keep the crop, with {@link Decision#label()}. */
    ACCEPT,
    /** Exclude the crop. */
    REJECT,
    /** Withdraw the latest decision in force on this row. */
    UNDO;

    /** Returns the name as written in the file: {@code accept}, {@code reject}, {@code undo}. */
    public String token() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@link #token()}.
     *
     * @throws IllegalArgumentException naming the value if it is none of them
     */
    public static Kind parse(String token) {
      for (Kind k : values()) {
        if (k.token().equals(token)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "decision must be accept, reject or undo: \"" + token + "\"");
    }
  }

  /** Validates. */
  public Decision {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    if (no < 1) {
      throw new IllegalArgumentException("no must be at least 1: " + no);
    }
    if (kind == Kind.ACCEPT && label.isEmpty()) {
      throw new IllegalArgumentException("an accept needs a label (no " + no + ")");
    }
    if (label.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "label must be one token without white space: \"" + label + "\"");
    }
  }

  /** Returns an accept of {@code no} as {@code label}. */
  public static Decision accept(int no, String label) {
    return new Decision(no, Kind.ACCEPT, label);
  }

  /** Returns a reject of {@code no}, whose proposal had {@code label}. */
  public static Decision reject(int no, String label) {
    return new Decision(no, Kind.REJECT, label);
  }

  /** Returns an undo of the latest decision on {@code no}. */
  public static Decision undo(int no) {
    return new Decision(no, Kind.UNDO, "");
  }
}
