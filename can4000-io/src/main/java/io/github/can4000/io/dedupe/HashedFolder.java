package io.github.can4000.io.dedupe;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The perceptual hashes of a folder-per-label directory, from {@link NearDuplicates#hashFolder}.
 *
 * @param dir the directory
 * @param hashes the hash of each image, keyed {@code <label>/<file>}, sorted; unmodifiable
 * @param unreadable the images that could not be read or decoded, with the reason; unmodifiable
 */
public record HashedFolder(Path dir, Map<String, Long> hashes, Map<String, String> unreadable) {
  /** Validates and copies. */
  public HashedFolder {
    Objects.requireNonNull(dir, "dir");
    hashes = Collections.unmodifiableMap(new TreeMap<>(hashes));
    unreadable = Collections.unmodifiableMap(new TreeMap<>(unreadable));
  }
}
