package io.github.can4000;

/**
 * Turns fetched bytes into pixels. Implementations must be thread-safe and must recognise the format
 * from the bytes, never from the URL. can4000-io provides {@code ImageDecoders}.
 */
@FunctionalInterface
public interface Decoder {

  /**
   * Decodes {@code data}.
   *
   * @throws DecodeException {@link Reason#NOT_AN_IMAGE}, {@link Reason#TOO_MANY_PIXELS} or
   *     {@link Reason#DECODE_FAILED}
   */
  DecodedImage decode(Bytes data) throws DecodeException;
}
