package io.github.can4000;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Seeded shuffling of streams too long, or too slow, to collect first.
 *
 * <pre>{@code
 * try (Stream<Sample> s = Shuffle.buffered(dataset.stream(), 512, seed + epoch)) {
 *   s.forEach(model::trainOn);
 * }
 * }</pre>
 *
 * <p>For an exact permutation of a manifest use {@link Manifest#shuffled(long)} instead; a buffered
 * shuffle only mixes elements that are at most {@code bufferSize} apart in the source.
 */
public final class Shuffle {
  /** The largest buffer {@link #buffered} accepts. */
  public static final int MAX_BUFFER = 1 << 24;

  private Shuffle() {}

  /**
   * Returns a stream of the elements of {@code source} in a random order drawn from a buffer of
   * {@code bufferSize} elements: the buffer is filled from the source, then each step emits a
   * random element of it and refills its place with the next source element; at the end the buffer
   * is drained in random order. The element emitted at position {@code k} comes from source
   * positions {@code 0 .. k + bufferSize - 1}, and at most {@code bufferSize} elements are held at
   * once.
   *
   * <p>The order depends only on the source order and {@code seed}: the same seed gives the same
   * order on every run. The source is read lazily, one element per element emitted (after the first
   * fill); closing the returned stream closes the source.
   *
   * @param bufferSize 1 (no shuffling) to {@link #MAX_BUFFER}
   * @throws IllegalArgumentException if {@code bufferSize} is out of range
   */
  public static <T> Stream<T> buffered(Stream<T> source, int bufferSize, long seed) {
    Objects.requireNonNull(source, "source");
    if (bufferSize < 1 || bufferSize > MAX_BUFFER) {
      throw new IllegalArgumentException(
          "bufferSize must be between 1 and " + MAX_BUFFER + ": " + bufferSize);
    }
    return StreamSupport.stream(new Buffered<>(source, bufferSize, seed), false)
        .onClose(source::close);
  }

  private static final class Buffered<T> extends Spliterators.AbstractSpliterator<T> {
    private final Stream<T> sourceStream;
    private final int capacity;
    private final Random random;
    private final List<T> buffer = new ArrayList<>();
    private Spliterator<T> source;
    private boolean exhausted;

    Buffered(Stream<T> source, int capacity, long seed) {
      super(Long.MAX_VALUE, Spliterator.ORDERED);
      this.sourceStream = source;
      this.capacity = capacity;
      this.random = new Random(seed);
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      if (source == null) {
        source = sourceStream.spliterator();
      }
      while (!exhausted && buffer.size() < capacity) {
        if (!source.tryAdvance(buffer::add)) {
          exhausted = true;
        }
      }
      if (buffer.isEmpty()) {
        return false;
      }
      int i = random.nextInt(buffer.size());
      int last = buffer.size() - 1;
      T picked = buffer.get(i);
      buffer.set(i, buffer.get(last));
      buffer.remove(last);
      action.accept(picked);
      return true;
    }
  }
}
