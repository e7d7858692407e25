package io.github.can4000;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A stable mapping between class labels and the integer indices a model is trained on: the distinct
 * labels sorted (by {@link String#compareTo}), each label's index its position. The same labels
 * always give the same indices, whatever the order of rows, the shuffle or the shard.
 *
 * <pre>{@code
 * LabelIndex classes = LabelIndex.of(Manifest.can4000());  // [malignantmelanoma, nevus] -> 0, 1
 * int y = classes.indexOf(sample);
 * }</pre>
 *
 * <p>Build it from the whole manifest, not from a shard or split, so that every part of a training
 * run agrees on the indices even if a class is missing from one part.
 */
public final class LabelIndex {
  private final List<String> labels;
  private final Map<String, Integer> index;

  private LabelIndex(List<String> labels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("a label index needs at least one label");
    }
    this.labels = List.copyOf(labels);
    this.index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
  }

  /** Returns the index of the labels of {@code manifest} ({@link Manifest#labels()}). */
  public static LabelIndex of(Manifest manifest) {
    return new LabelIndex(manifest.labels());
  }

  /**
   * Returns the index of the distinct {@code labels}, sorted; their order and repetitions do not
   * matter.
   *
   * @throws IllegalArgumentException if there is no label
   */
  public static LabelIndex of(Collection<String> labels) {
    for (String l : labels) {
      Objects.requireNonNull(l, "label");
    }
    return new LabelIndex(List.copyOf(new TreeSet<>(labels)));
  }

  /** Returns the labels, sorted; the position of each is its index. An unmodifiable list. */
  public List<String> labels() {
    return labels;
  }

  /** Returns the number of classes. */
  public int size() {
    return labels.size();
  }

  /** Returns whether {@code label} has an index. */
  public boolean contains(String label) {
    return index.containsKey(label);
  }

  /**
   * Returns the index of {@code label}.
   *
   * @throws IllegalArgumentException if the label is not in this index
   */
  public int indexOf(String label) {
    Integer i = index.get(label);
    if (i == null) {
      throw new IllegalArgumentException(
          "unknown label '" + label + "', expected one of " + labels);
    }
    return i;
  }

  /** Returns the index of the sample's label; see {@link #indexOf(String)}. */
  public int indexOf(Sample sample) {
    return indexOf(sample.label());
  }

  /**
   * Returns the label with index {@code i}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not between 0 and {@code size() - 1}
   */
  public String label(int i) {
    return labels.get(i);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelIndex && ((LabelIndex) o).labels.equals(labels);
  }

  @Override
  public int hashCode() {
    return labels.hashCode();
  }

  @Override
  public String toString() {
    return "LabelIndex" + labels;
  }
}
