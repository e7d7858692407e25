package io.github.can4000;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One data row of a manifest.
 *
 * @param id the row's number ({@code no}); in a six-column manifest, the position among data rows
 * @param label the class label, verbatim
 * @param box the annotated box
 * @param url the image URL, verbatim as written in the manifest (it may contain spaces and
 *     non-ASCII characters; fetchers encode it)
 * @param line the 1-based line number in the manifest, or 0 for entries made in code
 * @param flags what is wrong or noteworthy about the box; an unmodifiable set
 */
public record ManifestEntry(
    int id, String label, Box box, String url, int line, Set<BoxFlag> flags) {

  /** Validates and copies the flags. */
  public ManifestEntry {
    if (id < 0) {
      throw new IllegalArgumentException("id must not be negative: " + id);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(url, "url");
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative: " + line);
    }
    flags =
        flags.isEmpty()
            ? Collections.emptySet()
            : Collections.unmodifiableSet(EnumSet.copyOf(Objects.requireNonNull(flags, "flags")));
  }

  /** Creates an entry in code, with flags computed from the box. */
  public static ManifestEntry of(int id, String label, Box box, String url) {
    return new ManifestEntry(id, label, box, url, 0, BoxChecks.flags(box));
  }

  /**
   * Returns the file name stem of this row in the original layout, {@code <id as 5
   * digits>_<label>}, e.g. {@code 00042_malignantmelanoma}.
   */
  public String fileStem() {
    return String.format("%05d_%s", id, label);
  }

  /** Returns whether the box can be cropped at all (no fatal {@link BoxFlag}). */
  public boolean hasUsableBox() {
    for (BoxFlag f : flags) {
      if (f.isFatal()) {
        return false;
      }
    }
    return true;
  }
}
