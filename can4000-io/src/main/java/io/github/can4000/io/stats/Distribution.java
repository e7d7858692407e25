package io.github.can4000.io.stats;

import java.util.Arrays;

/**
 * Percentiles of a set of integers (nearest-rank method: the p-th percentile is the smallest value
 * with at least p % of the values at or below it). All zero when {@code count} is 0.
 *
 * @param count the number of values
 * @param min the smallest value
 * @param p5 the 5th percentile
 * @param p25 the 25th percentile
 * @param median the 50th percentile
 * @param p75 the 75th percentile
 * @param p95 the 95th percentile
 * @param max the largest value
 */
public record Distribution(
    int count, int min, int p5, int p25, int median, int p75, int p95, int max) {

  /** Returns the distribution of {@code values} (not modified). */
  public static Distribution of(int[] values) {
    if (values.length == 0) {
      return new Distribution(0, 0, 0, 0, 0, 0, 0, 0);
    }
    int[] v = values.clone();
    Arrays.sort(v);
    return new Distribution(
        v.length,
        v[0],
        rank(v, 5),
        rank(v, 25),
        rank(v, 50),
        rank(v, 75),
        rank(v, 95),
        v[v.length - 1]);
  }

  private static int rank(int[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
