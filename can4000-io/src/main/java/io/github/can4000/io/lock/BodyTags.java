package io.github.can4000.io.lock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.can4000.spi.Bytes;

/**
 * Tags fetched bodies so that the decoder made with a fetcher sees, for the very body object the
 * engine hands it, what the fetcher knew (its URL, its lock entry). Keys are held weakly and
 * compared by identity, so a tag lives as long as the engine holds the body, and equal bodies of
 * two URLs keep their own tags. Thread-safe.
 */
final class BodyTags<T> {
  private final Cache<Bytes, T> tags = Caffeine.newBuilder().weakKeys().build();

  void put(Bytes body, T tag) {
    tags.put(body, tag);
  }

  /** Returns the tag of this body object, or null. */
  T get(Bytes body) {
    return tags.getIfPresent(body);
  }
}
