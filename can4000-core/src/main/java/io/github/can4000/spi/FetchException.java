package io.github.can4000.spi;

import io.github.can4000.Reason;

/** A fetch failed: carries the URL, the last HTTP status (0 if none) and the number of attempts. */
public final class FetchException extends RowException {
  private static final long serialVersionUID = 1L;
  private final String url;
  private final int httpStatus;
  private final int attempts;

  /** Creates a fetch failure. */
  public FetchException(
      Reason reason, String url, int httpStatus, int attempts, String message, Throwable cause) {
    super(reason, message, cause);
    this.url = url;
    this.httpStatus = httpStatus;
    this.attempts = attempts;
  }

  /** Creates a fetch failure without a cause. */
  public FetchException(Reason reason, String url, int httpStatus, int attempts, String message) {
    this(reason, url, httpStatus, attempts, message, null);
  }

  /** Returns the URL as given in the manifest. */
  public String url() {
    return url;
  }

  /** Returns the status of the last response, or 0 if no response was received. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Returns how many attempts were made. */
  public int attempts() {
    return attempts;
  }
}
