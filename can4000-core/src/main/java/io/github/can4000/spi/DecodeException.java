package io.github.can4000.spi;

import io.github.can4000.Reason;

/**
 * Fetched data could not be decoded: {@link Reason#NOT_AN_IMAGE}, {@link Reason#TOO_MANY_PIXELS} or
 * {@link Reason#DECODE_FAILED}, with the decoder's message.
 */
public final class DecodeException extends RowException {
  private static final long serialVersionUID = 1L;

  /** Creates a decode failure. */
  public DecodeException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  /** Creates a decode failure without a cause. */
  public DecodeException(Reason reason, String message) {
    super(reason, message);
  }
}
