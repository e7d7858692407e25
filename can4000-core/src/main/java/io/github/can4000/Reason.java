package io.github.can4000;

/**
 * Why a row ended as it did: a closed set, each reason with its {@link Status} and whether trying
 * again later may succeed ({@link #isTransient()}).
 */
public enum Reason {
  /** Written to the sink. */
  WRITTEN(Status.WRITTEN, false),
  /** Handed to a stream consumer. */
  STREAMED(Status.STREAMED, false),
  /** The sink already holds this row (an earlier run wrote it); nothing was fetched. */
  ALREADY_PRESENT(Status.SKIPPED, false),
  /** The box is not numeric, has no positive size or lies outside the image. */
  BAD_BOX(Status.SKIPPED, false),
  /** The box covers no pixel of the actual image. */
  EMPTY_CROP(Status.SKIPPED, false),
  /** The box crosses the image edge and the {@link EdgePolicy} says to skip such rows. */
  OUT_OF_BOUNDS(Status.SKIPPED, false),
  /**
   * The crop's source rectangle is smaller than the minimum asked for ({@link
   * Cropper#minSize(int)}).
   */
  TOO_SMALL(Status.SKIPPED, false),
  /**
   * The label is unsafe as a file name (path separators, {@code ..}, control or reserved names).
   */
  BAD_LABEL(Status.SKIPPED, false),
  /** The URL cannot be parsed or encoded. */
  BAD_URL(Status.FAILED, false),
  /** The URL's scheme is not one the fetcher accepts (only http and https by default). */
  UNSUPPORTED_SCHEME(Status.FAILED, false),
  /**
   * The host resolves to an address the fetcher was told to refuse (private, loopback, link-local).
   */
  BLOCKED_ADDRESS(Status.FAILED, false),
  /** The host name did not resolve. */
  DNS(Status.FAILED, true),
  /**
   * The run stopped trying the network: the first hosts it tried all failed at the DNS or
   * connection level and no row had been fetched, so this machine most likely reaches no image host
   * (no network, a proxy needed, a firewall). Nothing was attempted for this row.
   */
  NO_NETWORK(Status.FAILED, true),
  /** The connection could not be made or was reset. */
  CONNECT(Status.FAILED, true),
  /** A connect, first-byte or whole-transfer deadline passed. */
  TIMEOUT(Status.FAILED, true),
  /** The server answered with a status other than 2xx; see {@link Outcome#httpStatus()}. */
  HTTP_STATUS(Status.FAILED, true),
  /** Too many redirects, a redirect loop, or a redirect to a scheme other than http/https. */
  REDIRECT(Status.FAILED, false),
  /**
   * The site opts out of AI use of its images ({@code X-Robots-Tag: noai} or {@code noimageai});
   * the body was not downloaded.
   */
  OPTED_OUT(Status.SKIPPED, false),
  /** The body is larger than the configured maximum. */
  TOO_LARGE(Status.FAILED, false),
  /** The body ended before its declared Content-Length, or the connection broke mid-body. */
  TRUNCATED(Status.FAILED, true),
  /** The body is HTML, text, JSON or empty, not an image (recognised from its bytes). */
  NOT_AN_IMAGE(Status.FAILED, false),
  /** The image declares more pixels than the configured budget; nothing was allocated for it. */
  TOO_MANY_PIXELS(Status.FAILED, false),
  /** The image data is corrupt or in an unsupported format. */
  DECODE_FAILED(Status.FAILED, false),
  /**
   * The fetched picture is not the one a lockfile recorded for the URL (its bytes differ and its
   * perceptual hash is too far from the recorded one).
   */
  CHANGED_SINCE_LOCK(Status.FAILED, false),
  /** The source is not in the offline cache. */
  NOT_CACHED(Status.FAILED, true),
  /** The sink could not write the crop. */
  WRITE_FAILED(Status.FAILED, true),
  /** Any other I/O error while fetching. */
  IO_ERROR(Status.FAILED, true),
  /** The run was cancelled or closed before the row finished. */
  CANCELLED(Status.FAILED, true),
  /** A bug: an unexpected exception in a component. The detail names it. */
  INTERNAL_ERROR(Status.FAILED, false);

  private final Status status;
  private final boolean transientFailure;

  Reason(Status status, boolean transientFailure) {
    this.status = status;
    this.transientFailure = transientFailure;
  }

  /** Returns the status a row ending for this reason has. */
  public Status status() {
    return status;
  }

  /**
   * Returns whether trying again later may succeed (network trouble, 5xx, timeouts), as used by
   * {@code download --retry-failed}.
   */
  public boolean isTransient() {
    return transientFailure;
  }
}
