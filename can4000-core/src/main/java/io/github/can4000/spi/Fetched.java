package io.github.can4000.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A successfully fetched body.
 *
 * @param url the URL as given in the manifest
 * @param body the (decompressed) body
 * @param httpStatus the final response status, or 0 for sources without one (files)
 * @param attempts how many attempts it took, at least 1
 * @param headers selected response headers with lower-case names ({@code etag}, {@code
 *     last-modified}, {@code content-type}); unmodifiable
 */
public record Fetched(
    String url, Bytes body, int httpStatus, int attempts, Map<String, String> headers) {

  /** Validates and copies. */
  public Fetched {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(body, "body");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
    headers = Map.copyOf(headers);
  }
}
