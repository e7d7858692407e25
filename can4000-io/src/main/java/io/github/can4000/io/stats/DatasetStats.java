package io.github.can4000.io.stats;

import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics of a manifest and, optionally, of a run over it: rows and outcomes per label, per host
 * and per top-level domain, crop and source size distributions, and failure reasons.
 *
 * <pre>{@code
 * StatsReport s = DatasetStats.of(Manifest.can4000(), report.outcomes());
 * s.byLabel().get("malignantmelanoma").successRate();
 * s.cropWidth().median();
 * s.writeCsv(Path.of("stats.csv"));
 * }</pre>
 *
 * <p>The top-level domain is the host's last label ({@code com}, {@code kr}); no public-suffix list
 * is used, so {@code co.kr} counts as {@code kr}.
 */
public final class DatasetStats {
  private DatasetStats() {}

  /** Returns the statistics of {@code manifest} alone (every row's outcome unknown). */
  public static StatsReport of(Manifest manifest) {
    return of(manifest, List.of());
  }

  /**
   * Returns the statistics of {@code manifest} with the outcomes of a run, matched to rows by id
   * ({@link ManifestEntry#id()}); rows without an outcome count as unknown, outcomes for ids that
   * are not in the manifest are ignored.
   */
  public static StatsReport of(Manifest manifest, Collection<Outcome> outcomes) {
    Map<Integer, Outcome> byId = new HashMap<>();
    for (Outcome o : outcomes) {
      byId.put(o.entry().id(), o);
    }
    Map<String, int[]> labels = new TreeMap<>();
    Map<String, int[]> hosts = new TreeMap<>();
    Map<String, int[]> tlds = new TreeMap<>();
    Map<String, Integer> reasons = new TreeMap<>();
    List<Integer> cw = new ArrayList<>();
    List<Integer> ch = new ArrayList<>();
    List<Integer> sw = new ArrayList<>();
    List<Integer> sh = new ArrayList<>();
    int matched = 0;
    for (ManifestEntry e : manifest.entries()) {
      Outcome o = byId.get(e.id());
      int slot;
      if (o == null) {
        slot = 4;
      } else {
        matched++;
        Status st = o.status();
        slot = st == Status.WRITTEN || st == Status.STREAMED ? 1 : st == Status.SKIPPED ? 2 : 3;
        if (slot != 1) {
          reasons.merge(o.reason().name(), 1, Integer::sum);
        }
        if (o.rect() != null && slot == 1) {
          cw.add(o.rect().width());
          ch.add(o.rect().height());
        }
        if (o.sourceWidth() > 0 && o.sourceHeight() > 0) {
          sw.add(o.sourceWidth());
          sh.add(o.sourceHeight());
        }
      }
      String host = Hosts.host(e.url());
      for (int[] c :
          new int[][] {
            labels.computeIfAbsent(e.label(), k -> new int[5]),
            hosts.computeIfAbsent(host, k -> new int[5]),
            tlds.computeIfAbsent(Hosts.tld(host), k -> new int[5])
          }) {
        c[0]++;
        c[slot]++;
      }
    }
    return new StatsReport(
        manifest.size(),
        manifest.distinctUrls().size(),
        matched,
        counts(labels),
        counts(hosts),
        counts(tlds),
        reasons,
        dist(cw),
        dist(ch),
        dist(sw),
        dist(sh));
  }

  private static Map<String, Counts> counts(Map<String, int[]> raw) {
    Map<String, Counts> m = new TreeMap<>();
    raw.forEach((k, c) -> m.put(k, new Counts(c[0], c[1], c[2], c[3], c[4])));
    return m;
  }

  private static Distribution dist(List<Integer> values) {
    return Distribution.of(values.stream().mapToInt(Integer::intValue).toArray());
  }
}
