package io.github.can4000.spi;

import io.github.can4000.Reason;
import java.util.Objects;

/**
 * A row could not be completed, for a known {@link Reason}. Components ({@link Fetcher}, {@link
 * Decoder}, {@link io.github.can4000.Cropper}, {@link io.github.can4000.Sink}) throw it; the
 * pipeline turns it into the row's {@link io.github.can4000.Outcome} and goes on with the other
 * rows.
 */
public class RowException extends Exception {
  private static final long serialVersionUID = 1L;
  private final Reason reason;

  /** Creates an exception with a reason and a message saying what happened. */
  public RowException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates an exception with a reason, a message and a cause. */
  public RowException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns why the row ended. */
  public Reason reason() {
    return reason;
  }
}
