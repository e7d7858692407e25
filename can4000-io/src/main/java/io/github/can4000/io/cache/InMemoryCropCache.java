package io.github.can4000.io.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.can4000.CropCache;
import io.github.can4000.ImageData;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Sample;
import java.util.Optional;

/** A {@link CropCache} on a Caffeine cache bounded by the weight of the crops' pixels. */
final class InMemoryCropCache implements CropCache {
  private final long maxBytes;
  private final Cache<ManifestEntry, Sample> cache;

  InMemoryCropCache(long maxBytes) {
    this.maxBytes = maxBytes;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((ManifestEntry e, Sample s) -> weight(s.image()))
            .executor(Runnable::run)
            .build();
  }

  static int weight(ImageData image) {
    long bytes =
        (long) image.width() * image.height() * image.channels() + CropCaches.OVERHEAD_BYTES;
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  @Override
  public Optional<Sample> get(ManifestEntry entry) {
    return Optional.ofNullable(cache.getIfPresent(entry));
  }

  @Override
  public void put(Sample sample) {
    cache.put(sample.entry(), sample);
  }

  @Override
  public String toString() {
    return "CropCaches.inMemory(" + maxBytes + ")";
  }
}
