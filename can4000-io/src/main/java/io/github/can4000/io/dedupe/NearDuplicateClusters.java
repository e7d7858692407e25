package io.github.can4000.io.dedupe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Clusters of keys whose perceptual hashes are near each other, from {@link
 * NearDuplicates#cluster}. Only clusters of two or more keys are listed; a key near no other is in
 * no cluster. Immutable.
 */
public final class NearDuplicateClusters {
  private final int keys;
  private final int threshold;
  private final List<Cluster> clusters;
  private final Map<String, Cluster> byKey;

  private NearDuplicateClusters(int keys, int threshold, List<Cluster> clusters) {
    this.keys = keys;
    this.threshold = threshold;
    this.clusters = List.copyOf(clusters);
    Map<String, Cluster> m = new HashMap<>();
    for (Cluster c : clusters) {
      for (String k : c.keys()) {
        m.put(k, c);
      }
    }
    this.byKey = m;
  }

  /**
   * One cluster.
   *
   * @param keys the keys, sorted; at least two
   * @param maxDistance the largest distance between two of its hashes (it may exceed the threshold,
   *     as clusters are joined transitively)
   */
  public record Cluster(List<String> keys, int maxDistance) {
    /** Validates and copies. */
    public Cluster {
      keys = List.copyOf(keys);
      if (keys.size() < 2) {
        throw new IllegalArgumentException("a cluster has at least two keys: " + keys);
      }
    }
  }

  static NearDuplicateClusters of(Map<String, Long> hashes, int threshold) {
    return of(hashes, threshold, (a, b) -> true);
  }

  static NearDuplicateClusters of(
      Map<String, Long> hashes, int threshold, BiPredicate<String, String> comparable) {
    List<String> keys = new ArrayList<>(new TreeSet<>(hashes.keySet()));
    int n = keys.size();
    long[] h = new long[n];
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      h[i] = hashes.get(keys.get(i));
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Long.bitCount(h[i] ^ h[j]) <= threshold && comparable.test(keys.get(i), keys.get(j))) {
          int a = find(parent, i);
          int b = find(parent, j);
          if (a != b) {
            parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
    }
    Map<Integer, List<Integer>> members = new HashMap<>();
    for (int i = 0; i < n; i++) {
      members.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(i);
    }
    List<Cluster> clusters = new ArrayList<>();
    for (List<Integer> m : members.values()) {
      if (m.size() < 2) {
        continue;
      }
      int max = 0;
      List<String> names = new ArrayList<>();
      for (int a = 0; a < m.size(); a++) {
        names.add(keys.get(m.get(a)));
        for (int b = a + 1; b < m.size(); b++) {
          max = Math.max(max, Long.bitCount(h[m.get(a)] ^ h[m.get(b)]));
        }
      }
      clusters.add(new Cluster(names, max));
    }
    clusters.sort(
        Comparator.comparingInt((Cluster c) -> -c.keys().size())
            .thenComparing(c -> c.keys().get(0)));
    return new NearDuplicateClusters(n, threshold, clusters);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Returns the clusters of two or more keys, largest first. */
  public List<Cluster> clusters() {
    return clusters;
  }

  /** Returns the keys of every cluster, as {@code Splits.Builder.urlClusters} takes them. */
  public List<Set<String>> groups() {
    List<Set<String>> g = new ArrayList<>();
    for (Cluster c : clusters) {
      g.add(Collections.unmodifiableSet(new LinkedHashSet<>(c.keys())));
    }
    return Collections.unmodifiableList(g);
  }

  /** Returns the cluster holding {@code key}, or empty if it is near no other key. */
  public Optional<Cluster> clusterOf(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Returns the number of keys that were clustered. */
  public int keyCount() {
    return keys;
  }

  /** Returns the threshold used, in bits. */
  public int threshold() {
    return threshold;
  }

  /** Returns the number of keys that are in some cluster. */
  public int duplicatedKeyCount() {
    return byKey.size();
  }

  @Override
  public String toString() {
    return "NearDuplicateClusters["
        + clusters.size()
        + " clusters of "
        + byKey.size()
        + " of "
        + keys
        + " keys, threshold "
        + threshold
        + "]";
  }
}
