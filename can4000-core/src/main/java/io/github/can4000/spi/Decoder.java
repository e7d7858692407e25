package io.github.can4000.spi;

/**
 * Turns fetched bytes into pixels. Implementations must be thread-safe and must recognise the
 * format from the bytes, never from the URL. can4000-io provides {@code ImageDecoders}.
 */
@FunctionalInterface
public interface Decoder {

  /**
   * Decodes {@code data}.
   *
   * @throws DecodeException {@link io.github.can4000.Reason#NOT_AN_IMAGE}, {@link
   *     io.github.can4000.Reason#TOO_MANY_PIXELS} or {@link io.github.can4000.Reason#DECODE_FAILED}
   */
  DecodedImage decode(Bytes data) throws DecodeException;

  /**
   * Decodes {@code data}, possibly only the region {@code hint} asks for once the image size is
   * known (a region read, see {@link DecodedImage#ofRegion}). The result must {@linkplain
   * DecodedImage#covers cover} {@code hint.region(width, height)} clamped to the image, and its
   * pixels there must be those a full decode gives; failures must be those of {@link
   * #decode(Bytes)}. The default decodes the whole image.
   *
   * @throws DecodeException as {@link #decode(Bytes)}
   */
  default DecodedImage decode(Bytes data, RegionHint hint) throws DecodeException {
    return decode(data);
  }

  /**
   * Returns how many bytes of pixels {@link #decode(Bytes, RegionHint) decode(data, hint)} would
   * hold, read cheaply from the image header (not decoding it), or -1 if unknown. The engine uses
   * it to keep decoded images within {@link io.github.can4000.DatasetBuilder#decodeMemory(long)};
   * an image whose header cannot be read may answer -1, and its decode then reports the failure.
   * The default is -1.
   */
  default long decodedBytes(Bytes data, RegionHint hint) {
    return -1;
  }

  /**
   * Returns the largest decoded image this decoder accepts, in bytes of pixels (e.g. its pixel
   * budget times 4), or -1 if it has no bound. The engine uses it to size decode threads for a
   * decoder that cannot answer {@link #decodedBytes}. The default is -1.
   */
  default long maxDecodedBytes() {
    return -1;
  }
}
