/**
 * An on-disk cache of fetched source bytes: {@link io.github.can4000.io.cache.RawCache} wraps any
 * {@link io.github.can4000.Fetcher} so a second run, or a run over another manifest naming the same
 * URLs, reads the bytes from disk, and offers an offline fetcher that reads the cache alone.
 */
package io.github.can4000.io.cache;
