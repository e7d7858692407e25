package io.github.can4000.io.dedupe;

import java.util.Objects;

/**
 * A candidate image that is a near-duplicate of a reference image.
 *
 * @param key the candidate's key (for example a training crop {@code <label>/<file>})
 * @param reference the reference's key (for example a validation image)
 * @param distance the Hamming distance of their hashes, in bits
 */
public record Match(String key, String reference, int distance) {
  /** Validates. */
  public Match {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reference, "reference");
  }
}
