package io.github.can4000.spi;

/** A {@link Detector} could not process an image or load its model; the message says why. */
public class DetectionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public DetectionException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public DetectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
