package io.github.can4000.spi;

import io.github.can4000.internal.BytesAccess;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes, such as a fetched response body. It never exposes its array: read
 * it through {@link #newInputStream()}, {@link #get(int)} or a {@link #toByteArray() copy}.
 */
public final class Bytes {
  private static final Bytes EMPTY = new Bytes(new byte[0]);

  static {
    BytesAccess.install(
        new BytesAccess.Access() {
          @Override
          public Bytes wrap(byte[] data) {
            return data.length == 0 ? EMPTY : new Bytes(data);
          }

          @Override
          public byte[] array(Bytes bytes) {
            return bytes.data;
          }
        });
  }

  private final byte[] data;

  /** The SHA-256, computed once on first use (the lockfile's fetch and decode steps both ask). */
  private volatile String sha256;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** Returns a copy of {@code data}. */
  public static Bytes copyOf(byte[] data) {
    return new Bytes(data.clone());
  }

  /** Returns a copy of {@code length} bytes of {@code data} starting at {@code offset}. */
  public static Bytes copyOf(byte[] data, int offset, int length) {
    return new Bytes(Arrays.copyOfRange(data, offset, offset + length));
  }

  /** Returns the empty sequence. */
  public static Bytes empty() {
    return EMPTY;
  }

  /** Returns the number of bytes. */
  public int size() {
    return data.length;
  }

  /** Returns the byte at {@code index} as an unsigned value 0..255. */
  public int get(int index) {
    return data[index] & 0xFF;
  }

  /** Returns a stream over the bytes (no copy is made). */
  public InputStream newInputStream() {
    return new ByteArrayInputStream(data);
  }

  /** Returns a copy of the bytes. */
  public byte[] toByteArray() {
    return data.clone();
  }

  /** Returns up to {@code n} leading bytes as a copy. */
  public byte[] head(int n) {
    return Arrays.copyOf(data, Math.min(n, data.length));
  }

  /** Returns the lowercase hexadecimal SHA-256 of the bytes, computed once and remembered. */
  public String sha256() {
    String h = sha256;
    if (h == null) {
      try {
        h = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required of every JVM", e);
      }
      sha256 = h;
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes && Arrays.equals(data, ((Bytes) o).data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Bytes[" + data.length + "]";
  }
}
