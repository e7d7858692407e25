package io.github.can4000.spark;

import java.io.Serializable;

/**
 * Creates a component (a {@link io.github.can4000.spi.Fetcher} or {@link
 * io.github.can4000.spi.Decoder}) on a Spark executor. Fetchers and decoders hold connections and
 * threads and are not serializable; the factory is, so it is shipped to the executors and called
 * once per task, e.g. {@code HttpFetchers::create} or {@code ImageDecoders::standard}.
 *
 * @param <T> the component type
 */
@FunctionalInterface
public interface ComponentFactory<T> extends Serializable {
  /** Creates the component; called on the executor, once per task. */
  T create();
}
