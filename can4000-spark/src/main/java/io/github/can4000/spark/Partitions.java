package io.github.can4000.spark;

import java.util.List;

/** Splits a list into contiguous, nearly equal parts, in order. */
final class Partitions {
  private Partitions() {}

  /**
   * Returns part {@code index} of {@code count} of {@code list}: the elements from
   * {@code index * n / count} (inclusive) to {@code (index + 1) * n / count} (exclusive). The parts
   * cover the list exactly once and differ in size by at most one.
   */
  static <E> List<E> slice(List<E> list, int index, int count) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("part " + index + " of " + count);
    }
    long n = list.size();
    return list.subList((int) (index * n / count), (int) ((index + 1) * n / count));
  }
}
