package io.github.can4000.io.lock;

import io.github.can4000.PixelRect;
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
 * @param phash the 64-bit perceptual hash ({@code NearDuplicates}) of the part {@code hashed} of
 *     the decoded source, or empty if it could not be decoded
 * @param hashed the part of the source the perceptual hash covers, in its pixel coordinates: the
 *     whole {@code width x height} image, or the region a download decoded (the union of the boxes
 *     of the URL's rows) when it read only that region; an empty rectangle when there is no hash
 * @param etag the {@code ETag} response header, or empty
 * @param lastModified the {@code Last-Modified} response header, or empty
 * @param fetchedAt when the body was fetched
 */
public record LockEntry(
    String url,
    String sha256,
    int width,
    int height,
    OptionalLong phash,
    PixelRect hashed,
    String etag,
    String lastModified,
    Instant fetchedAt) {

  /**
   * How far, as a fraction of the image side, the edges of two hashed parts may lie and still
   * match.
   */
  public static final double SAME_PART_TOLERANCE = 0.02;

  /** Validates; {@code null} headers become empty strings. */
  public LockEntry {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sha256, "sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "sha256 must be 64 lowercase hexadecimal digits: \"" + sha256 + "\"");
    }
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("size must not be negative: " + width + "x" + height);
    }
    Objects.requireNonNull(phash, "phash");
    Objects.requireNonNull(hashed, "hashed");
    if (phash.isPresent() && (hashed.isEmpty() || !hashed.isWithin(width, height))) {
      throw new IllegalArgumentException(
          "hashed region " + hashed + " is empty or outside " + width + "x" + height);
    }
    etag = etag == null ? "" : etag;
    lastModified = lastModified == null ? "" : lastModified;
    Objects.requireNonNull(fetchedAt, "fetchedAt");
  }

  /**
   * Creates an entry whose perceptual hash, if any, covers the whole source (or, without a hash, an
   * empty region).
   */
  public LockEntry(
      String url,
      String sha256,
      int width,
      int height,
      OptionalLong phash,
      String etag,
      String lastModified,
      Instant fetchedAt) {
    this(
        url,
        sha256,
        width,
        height,
        phash,
        phash.isPresent() ? new PixelRect(0, 0, width, height) : new PixelRect(0, 0, 0, 0),
        etag,
        lastModified,
        fetchedAt);
  }

  /** Returns whether the perceptual hash covers the whole source. */
  public boolean hashesWholeImage() {
    return hashed.equals(new PixelRect(0, 0, width, height));
  }

  /**
   * Returns the {@linkplain #hashed() hashed part} scaled to a source of {@code newWidth x
   * newHeight} (the same picture re-encoded at another size), rounded to whole pixels and never
   * empty.
   *
   * @throws IllegalStateException if the entry has no perceptual hash
   */
  public PixelRect hashedIn(int newWidth, int newHeight) {
    if (phash.isEmpty()) {
      throw new IllegalStateException("no perceptual hash for " + url);
    }
    if (newWidth == width && newHeight == height) {
      return hashed;
    }
    if (newWidth <= 0 || newHeight <= 0) {
      throw new IllegalArgumentException("size must be positive: " + newWidth + "x" + newHeight);
    }
    int x1 = Math.min(newWidth - 1, scale(hashed.x1(), width, newWidth));
    int y1 = Math.min(newHeight - 1, scale(hashed.y1(), height, newHeight));
    int x2 = Math.max(x1 + 1, Math.min(newWidth, scale(hashed.x2(), width, newWidth)));
    int y2 = Math.max(y1 + 1, Math.min(newHeight, scale(hashed.y2(), height, newHeight)));
    return new PixelRect(x1, y1, x2, y2);
  }

  private static int scale(int v, int from, int to) {
    return (int) Math.round((double) v * to / from);
  }

  /**
   * Returns whether this entry's and {@code other}'s perceptual hashes cover the same part of their
   * pictures, so that comparing them says whether the pictures are the same: both hash the whole
   * image, or both hash a region whose edges, as fractions of the image size, differ by at most
   * {@value #SAME_PART_TOLERANCE} (the same boxes on a copy at another size).
   */
  public boolean hashesSamePartAs(LockEntry other) {
    if (phash.isEmpty() || other.phash.isEmpty()) {
      return false;
    }
    return near(hashed.x1(), width, other.hashed.x1(), other.width)
        && near(hashed.x2(), width, other.hashed.x2(), other.width)
        && near(hashed.y1(), height, other.hashed.y1(), other.height)
        && near(hashed.y2(), height, other.hashed.y2(), other.height);
  }

  private static boolean near(int a, int sizeA, int b, int sizeB) {
    return Math.abs((double) a / sizeA - (double) b / sizeB) <= SAME_PART_TOLERANCE;
  }

  /** Returns whether the body was decoded when it was locked. */
  public boolean wasDecoded() {
    return width > 0 && height > 0;
  }
}
