package io.github.can4000.io.cache;

import io.github.can4000.CropCache;
import io.github.can4000.internal.Args;

/**
 * Creates {@link CropCache}s, so that later epochs over a dataset fetch and decode nothing.
 *
 * <pre>{@code
 * try (Dataset dataset = Dataset.builder()
 *         .fetcher(HttpFetchers.create())
 *         .decoder(ImageDecoders.standard())
 *         .cropper(Cropper.reference().square().resize(224, 224))
 *         .cache(CropCaches.inMemory(1L << 30))    // up to 1 GiB of crops
 *         .build()) {
 *   for (int epoch = 0; epoch < 10; epoch++) {
 *     try (Stream<Sample> s = dataset.stream(dataset.manifest().shuffled(epoch))) {
 *       s.forEach(model::train);                   // epochs 1.. come from memory
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Size the cache from the crop size: a {@code 224 x 224} RGB crop weighs 150 KiB, so the 4,305
 * CAN4000 rows need about 650 MiB; at {@code 64 x 64} about 55 MiB. When the crops do not fit, the
 * least valuable (Caffeine's W-TinyLFU policy) are evicted and fetched again when next needed.
 */
public final class CropCaches {
  /** The weight counted per crop on top of its pixel bytes, for the sample and entry objects. */
  static final int OVERHEAD_BYTES = 512;

  private CropCaches() {}

  /**
   * Returns a thread-safe in-memory cache of at most {@code maxBytes} of crop pixels (plus {@value
   * #OVERHEAD_BYTES} bytes per crop), built on Caffeine.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public static CropCache inMemory(long maxBytes) {
    Args.checkPositive(maxBytes, "maxBytes");
    return new InMemoryCropCache(maxBytes);
  }
}
