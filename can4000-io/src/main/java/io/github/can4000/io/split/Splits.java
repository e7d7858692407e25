package io.github.can4000.io.split;

import io.github.can4000.Manifest;
import io.github.can4000.internal.Args;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Factory for grouped, stratified train/validation/test splits of a {@link Manifest}.
 *
 * <p>Several rows of a manifest may crop the same photograph, and two URLs may serve the same
 * picture (a near-duplicate). Splitting rows at random would put crops of one photograph on both
 * sides and leak it from training into evaluation. A split made here keeps every <em>group</em> on
 * one side: the rows sharing a URL, joined with the rows of every URL in the same near-duplicate
 * cluster when {@linkplain Builder#urlClusters clusters} are given. Within that constraint the
 * groups are spread so that every label reaches the requested fractions as closely as the group
 * sizes allow.
 *
 * <pre>{@code
 * Split split = Splits.split(Manifest.can4000(), 42, 0.8, 0.1, 0.1);   // train, val, test
 * split.leakage().rowsCrossing();                                      // 0, by construction
 * split.writeCsv(Path.of("split.csv"));                                // no,label,url,split
 * Dataset train = Dataset.builder().manifest(split.get("train"))...build();
 *
 * Splitter custom = Splits.builder()
 *     .side("train", 0.7).side("test", 0.3)
 *     .seed(7)
 *     .urlClusters(nearDuplicateClusters)   // Collection<Set<String>> of URLs
 *     .build();
 * }</pre>
 *
 * <p>The same manifest, fractions, clusters and seed always give the same split.
 */
public final class Splits {
  /** Side names used by {@link #split(Manifest, long, double...)} for three fractions. */
  public static final List<String> TRAIN_VAL_TEST = List.of("train", "val", "test");

  private Splits() {}

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Splits {@code manifest} into sides named {@code train, val, test} (three fractions), {@code
   * train, test} (two) or {@code split0, split1, ...} (otherwise), grouping rows by URL only.
   *
   * @param manifest the manifest to split
   * @param seed the random seed; the same seed gives the same split
   * @param fractions the fraction of rows per side, each in (0, 1], summing to 1 (within 1e-6)
   * @throws IllegalArgumentException if the fractions are invalid
   */
  public static Split split(Manifest manifest, long seed, double... fractions) {
    Builder b = builder().seed(seed);
    for (int i = 0; i < fractions.length; i++) {
      String name =
          fractions.length == 3
              ? TRAIN_VAL_TEST.get(i)
              : fractions.length == 2 ? (i == 0 ? "train" : "test") : "split" + i;
      b.side(name, fractions[i]);
    }
    return b.build().split(manifest);
  }

  /**
   * Configures a {@link Splitter}. Options and defaults:
   *
   * <ul>
   *   <li>{@link #side(String, double) side}: at least two, in the order they should be listed;
   *       required
   *   <li>{@link #seed(long) seed}: 0
   *   <li>{@link #urlClusters(Collection) urlClusters}: none (rows are grouped by URL only)
   * </ul>
   *
   * <p>Arguments are checked at once; that the fractions sum to 1 is checked by {@link #build()},
   * which leaves the builder reusable.
   */
  public static final class Builder {
    private final Map<String, Double> sides = new LinkedHashMap<>();
    private Long seed;
    private List<Set<String>> clusters;

    private Builder() {}

    /**
     * Adds a side with the fraction of rows it should get.
     *
     * @throws IllegalArgumentException if the name is empty, contains a comma, quote or line break,
     *     or the fraction is not in (0, 1]
     * @throws IllegalStateException if a side of that name was already added
     */
    public Builder side(String name, double fraction) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()
          || name.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
        throw new IllegalArgumentException(
            "side name must be non-blank without commas, quotes or line breaks: \"" + name + "\"");
      }
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException(
            "fraction of side " + name + " must be in (0, 1]: " + fraction);
      }
      if (sides.containsKey(name)) {
        throw new IllegalStateException(
            "side " + name + " was already added with fraction " + sides.get(name));
      }
      sides.put(name, fraction);
      return this;
    }

    /** Sets the random seed (default 0). */
    public Builder seed(long seed) {
      Args.requireUnset(this.seed, "seed");
      this.seed = seed;
      return this;
    }

    /**
     * Sets clusters of URLs that show the same picture (for example the near-duplicate clusters of
     * {@code NearDuplicates}); the rows of all URLs in one cluster stay on one side. URLs that are
     * not in the manifest are ignored; a URL may appear in several clusters, which are then joined.
     */
    public Builder urlClusters(Collection<? extends Collection<String>> clusters) {
      if (this.clusters != null) {
        throw new IllegalStateException(
            "urlClusters were already set (" + this.clusters.size() + " clusters)");
      }
      List<Set<String>> copy = new ArrayList<>();
      for (Collection<String> c : Objects.requireNonNull(clusters, "clusters")) {
        copy.add(Set.copyOf(c));
      }
      this.clusters = List.copyOf(copy);
      return this;
    }

    /**
     * Builds the splitter.
     *
     * @throws IllegalStateException if fewer than two sides were added or their fractions do not
     *     sum to 1 (within 1e-6)
     */
    public Splitter build() {
      if (sides.size() < 2) {
        throw new IllegalStateException("at least two sides are needed, got " + sides.keySet());
      }
      double sum = sides.values().stream().mapToDouble(Double::doubleValue).sum();
      if (Math.abs(sum - 1) > 1e-6) {
        throw new IllegalStateException("fractions must sum to 1, got " + sum + " for " + sides);
      }
      return new Splitter(
          new LinkedHashMap<>(sides),
          seed == null ? 0 : seed,
          clusters == null ? List.of() : clusters);
    }
  }
}
