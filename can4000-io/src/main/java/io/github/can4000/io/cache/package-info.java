/**
 * Caches: {@link io.github.can4000.io.cache.RawCache}, an on-disk cache of fetched source bytes
 * that wraps any {@link io.github.can4000.spi.Fetcher} (so a second run, or a run over another
 * manifest naming the same URLs, reads the bytes from disk) and offers an offline fetcher that
 * reads the cache alone; and {@link io.github.can4000.io.cache.CropCaches}, which keep crops
 * between passes over a dataset.
 */
package io.github.can4000.io.cache;
