package io.github.can4000.io.split;

import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Splits manifests into sides, keeping groups of rows together and stratifying by label; obtain one
 * from {@link Splits#builder()}. Immutable and thread-safe.
 *
 * <p>The algorithm: rows are joined into groups (same URL, and all URLs of one configured cluster,
 * with union-find). The groups are shuffled with the seed and then sorted by size, largest first
 * (the shuffle breaks ties), so the large groups, which are the hard ones to place, go first. Each
 * group goes to the side where adding it increases least the squared distance between the realised
 * and the requested fraction, summed over the group's labels and over all rows; ties go to the side
 * with the largest fraction. This is a greedy version of stratified group k-fold.
 */
public final class Splitter {
  private final Map<String, Double> sides;
  private final long seed;
  private final List<Set<String>> clusters;

  Splitter(LinkedHashMap<String, Double> sides, long seed, List<Set<String>> clusters) {
    this.sides = Collections.unmodifiableMap(sides);
    this.seed = seed;
    this.clusters = clusters;
  }

  /** Returns the sides with their requested fractions, in order. */
  public Map<String, Double> sides() {
    return sides;
  }

  /** Returns the seed. */
  public long seed() {
    return seed;
  }

  /** Splits {@code manifest}: every row goes to exactly one side, every group to one side. */
  public Split split(Manifest manifest) {
    List<ManifestEntry> entries = manifest.entries();
    int n = entries.size();
    int[] group = Groups.of(entries, clusters);
    List<String> names = List.copyOf(sides.keySet());
    double[] target = new double[names.size()];
    for (int s = 0; s < target.length; s++) {
      target[s] = sides.get(names.get(s));
    }
    List<String> labels = manifest.labels();
    Map<String, Integer> labelIndex = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      labelIndex.put(labels.get(i), i);
    }
    int[] labelTotal = new int[labels.size()];
    // rows of each group, and each group's count per label
    Map<Integer, List<Integer>> rowsOf = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      rowsOf.computeIfAbsent(group[i], g -> new ArrayList<>()).add(i);
      labelTotal[labelIndex.get(entries.get(i).label())]++;
    }
    List<List<Integer>> groups = new ArrayList<>(rowsOf.values());
    Collections.shuffle(groups, new Random(seed));
    groups.sort(Comparator.comparingInt(g -> -g.size()));

    int[][] assigned = new int[labels.size()][names.size()];
    int[] sideRows = new int[names.size()];
    int[] sideOf = new int[n];
    for (List<Integer> g : groups) {
      Map<Integer, Integer> perLabel = new HashMap<>();
      for (int row : g) {
        perLabel.merge(labelIndex.get(entries.get(row).label()), 1, Integer::sum);
      }
      int best = -1;
      double bestCost = Double.POSITIVE_INFINITY;
      for (int s = 0; s < names.size(); s++) {
        double cost = increase(sideRows[s], g.size(), n, target[s]);
        for (Map.Entry<Integer, Integer> e : perLabel.entrySet()) {
          int l = e.getKey();
          cost += increase(assigned[l][s], e.getValue(), labelTotal[l], target[s]);
        }
        if (cost < bestCost - 1e-12
            || (Math.abs(cost - bestCost) <= 1e-12 && target[s] > target[best])) {
          best = s;
          bestCost = cost;
        }
      }
      sideRows[best] += g.size();
      for (Map.Entry<Integer, Integer> e : perLabel.entrySet()) {
        assigned[e.getKey()][best] += e.getValue();
      }
      for (int row : g) {
        sideOf[row] = best;
      }
    }
    return new Split(manifest, names, sides, sideOf, clusters, seed);
  }

  /**
   * How much adding {@code k} of {@code total} rows to a side holding {@code have} moves it away
   * from {@code f}.
   */
  private static double increase(int have, int k, int total, double f) {
    double before = (double) have / total - f;
    double after = (double) (have + k) / total - f;
    return after * after - before * before;
  }

  @Override
  public String toString() {
    return "Splitter[sides=" + sides + ", seed=" + seed + ", clusters=" + clusters.size() + "]";
  }
}
