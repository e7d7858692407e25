package io.github.can4000;

import java.util.Optional;

/**
 * Keeps crops between passes over a dataset, so that a second epoch fetches and decodes nothing for
 * the rows it holds. Set one with {@link DatasetBuilder#cache(CropCache)}; can4000-io provides a
 * bounded in-memory cache ({@code CropCaches.inMemory(maxBytes)}). Implementations must be
 * thread-safe.
 *
 * <p>A cache is keyed by the {@link ManifestEntry} alone and so holds the crops of one {@link
 * Cropper}: give each dataset with a different cropper its own cache. Only successful crops are
 * cached; rows that failed are tried again on the next pass. A row served from the cache has {@link
 * Outcome#attempts()} 0 and {@link Outcome#httpStatus()} 0.
 */
public interface CropCache {

  /** A cache that holds nothing. */
  CropCache NONE =
      new CropCache() {
        @Override
        public Optional<Sample> get(ManifestEntry entry) {
          return Optional.empty();
        }

        @Override
        public void put(Sample sample) {}

        @Override
        public String toString() {
          return "CropCache.NONE";
        }
      };

  /** Returns the cached crop of {@code entry}, if the cache holds it. */
  Optional<Sample> get(ManifestEntry entry);

  /** Offers a successful crop; the cache may keep it, evict others for it, or ignore it. */
  void put(Sample sample);
}
