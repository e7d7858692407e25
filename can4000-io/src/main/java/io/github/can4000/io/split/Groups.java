package io.github.can4000.io.split;

import io.github.can4000.ManifestEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Joins manifest rows into groups that must stay on one side: same URL, or URLs of one cluster. */
final class Groups {
  private Groups() {}

  /**
   * Returns, for every row, the index of the first row of its group, so two rows are in the same
   * group exactly when their values are equal.
   */
  static int[] of(List<ManifestEntry> entries, List<Set<String>> clusters) {
    int n = entries.size();
    int[] parent = new int[n];
    Map<String, Integer> firstRowOfUrl = new HashMap<>();
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      Integer first = firstRowOfUrl.putIfAbsent(entries.get(i).url(), i);
      if (first != null) {
        union(parent, first, i);
      }
    }
    for (Set<String> cluster : clusters) {
      int anchor = -1;
      for (String url : cluster) {
        Integer row = firstRowOfUrl.get(url);
        if (row == null) {
          continue;
        }
        if (anchor < 0) {
          anchor = row;
        } else {
          union(parent, anchor, row);
        }
      }
    }
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = find(parent, i);
    }
    return group;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      // keep the smaller index as root, so a group is named by its first row
      if (ra < rb) {
        parent[rb] = ra;
      } else {
        parent[ra] = rb;
      }
    }
  }
}
