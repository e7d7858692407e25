package io.github.can4000.io.lock;

/** What a URL serves now, compared with its lockfile entry; see {@link Verifier}. */
public enum Verdict {
  /** The same bytes (same SHA-256). */
  IDENTICAL,
  /** Different bytes, the same picture: the perceptual hashes are within the threshold. */
  REENCODED,
  /** A different picture, or bytes that no longer decode. */
  CHANGED,
  /** The URL is gone: HTTP 404 or 410, the host does not resolve, or the connection is refused. */
  GONE,
  /**
   * A placeholder instead of the picture: HTML or text, a body under the minimum size, a tiny
   * image, or a known "image removed" picture.
   */
  PLACEHOLDER,
  /**
   * Could not be checked now: a time-out, a 5xx or other status, or another error that may pass;
   * try again later.
   */
  UNREACHABLE
}
