package io.github.can4000.io.lock;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The result of checking one lockfile entry against what its URL serves now.
 *
 * @param locked the lockfile entry
 * @param verdict what the URL serves now
 * @param detail a human-readable explanation
 * @param sha256 the SHA-256 of the body fetched now, or empty if nothing was fetched
 * @param width the width decoded now, or 0
 * @param height the height decoded now, or 0
 * @param phash the perceptual hash now of the locked entry's {@linkplain LockEntry#hashed() hashed
 *     part} (scaled to the current size), or of the whole image when it was not compared; or empty
 * @param distance the Hamming distance between the locked and current hashes, or -1 if not compared
 */
public record Verification(
    LockEntry locked,
    Verdict verdict,
    String detail,
    String sha256,
    int width,
    int height,
    OptionalLong phash,
    int distance) {

  /** Validates. */
  public Verification {
    Objects.requireNonNull(locked, "locked");
    Objects.requireNonNull(verdict, "verdict");
    detail = detail == null ? "" : detail;
    sha256 = sha256 == null ? "" : sha256;
    Objects.requireNonNull(phash, "phash");
  }

  /** Returns the URL. */
  public String url() {
    return locked.url();
  }

  /**
   * Returns whether the URL still serves the locked picture ({@link Verdict#IDENTICAL} or {@link
   * Verdict#REENCODED}).
   */
  public boolean isSamePicture() {
    return verdict == Verdict.IDENTICAL || verdict == Verdict.REENCODED;
  }
}
