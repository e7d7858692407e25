/** Caches that keep crops between passes over a dataset: {@link io.github.can4000.io.cache.CropCaches}. */
package io.github.can4000.io.cache;
