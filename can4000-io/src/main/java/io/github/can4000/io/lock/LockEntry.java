package io.github.can4000.io.lock;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line of a lockfile: what a URL served when the dataset was downloaded.
 *
 * @param url the manifest URL, verbatim
 * @param sha256 the lowercase hexadecimal SHA-256 of the fetched (decompressed) body
 * @param width the decoded source width in pixels, or 0 if the body could not be decoded
 * @param height the decoded source height in pixels, or 0 if the body could not be decoded
 * @param phash the 64-bit perceptual hash of the whole decoded source ({@code NearDuplicates}), or
 *     empty if it could not be decoded
 * @param etag the {@code ETag} response header, or empty
 * @param lastModified the {@code Last-Modified} response header, or empty
 * @param fetchedAt when the body was fetched
 */
public record LockEntry(String url, String sha256, int width, int height, OptionalLong phash, String etag,
    String lastModified, Instant fetchedAt) {

  /** Validates; {@code null} headers become empty strings. */
  public LockEntry {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sha256, "sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hexadecimal digits: \"" + sha256 + "\"");
    }
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("size must not be negative: " + width + "x" + height);
    }
    Objects.requireNonNull(phash, "phash");
    etag = etag == null ? "" : etag;
    lastModified = lastModified == null ? "" : lastModified;
    Objects.requireNonNull(fetchedAt, "fetchedAt");
  }

  /** Returns whether the body was decoded when it was locked. */
  public boolean wasDecoded() {
    return width > 0 && height > 0;
  }
}
