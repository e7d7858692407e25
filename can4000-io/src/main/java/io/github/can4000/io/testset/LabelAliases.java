package io.github.can4000.io.testset;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Maps the label names of public test sets to CAN4000's labels, case-insensitively: for example
 * {@code naevus}, {@code nevus} and {@code NEV} to {@code melanocyticnevus}. A name with no alias
 * is lower-cased and kept. Immutable; {@link #with} returns a copy with more aliases.
 *
 * <pre>{@code
 * LabelAliases aliases = LabelAliases.standard().with(Map.of("bcc", "basalcellcarcinoma"));
 * aliases.canonical("Nevus");   // "melanocyticnevus"
 * }</pre>
 */
public final class LabelAliases {
  private static final LabelAliases STANDARD =
      new LabelAliases(
          Map.ofEntries(
              Map.entry("naevus", "melanocyticnevus"),
              Map.entry("nevus", "melanocyticnevus"),
              Map.entry("nev", "melanocyticnevus"),
              Map.entry("melanocytic nevus", "melanocyticnevus"),
              Map.entry("melanoma", "malignantmelanoma"),
              Map.entry("mel", "malignantmelanoma"),
              Map.entry("malignant melanoma", "malignantmelanoma")));
  private static final LabelAliases NONE = new LabelAliases(Map.of());

  private final Map<String, String> aliases;

  private LabelAliases(Map<String, String> aliases) {
    this.aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
  }

  /**
   * Returns the built-in aliases: naevus, nevus, NEV to melanocyticnevus; melanoma, MEL to
   * malignantmelanoma.
   */
  public static LabelAliases standard() {
    return STANDARD;
  }

  /** Returns no aliases: every label is only lower-cased. */
  public static LabelAliases none() {
    return NONE;
  }

  /**
   * Returns these aliases plus {@code more} (alias to label), which win over these.
   *
   * @throws IllegalArgumentException if an alias or label is blank
   */
  public LabelAliases with(Map<String, String> more) {
    Map<String, String> m = new TreeMap<>(aliases);
    for (Map.Entry<String, String> e : more.entrySet()) {
      String from = Objects.requireNonNull(e.getKey(), "alias").strip().toLowerCase(Locale.ROOT);
      String to = Objects.requireNonNull(e.getValue(), "label").strip();
      if (from.isEmpty() || to.isEmpty()) {
        throw new IllegalArgumentException(
            "alias and label must not be blank: \""
                + e.getKey()
                + "\" -> \""
                + e.getValue()
                + "\"");
      }
      m.put(from, to);
    }
    return new LabelAliases(m);
  }

  /**
   * Returns the label for {@code name}: its alias if it has one (ignoring case), else {@code name}
   * lower-cased.
   */
  public String canonical(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    return aliases.getOrDefault(key, key);
  }

  /** Returns the aliases, alias to label, sorted; unmodifiable. */
  public Map<String, String> asMap() {
    return aliases;
  }

  @Override
  public String toString() {
    return "LabelAliases" + aliases;
  }
}
