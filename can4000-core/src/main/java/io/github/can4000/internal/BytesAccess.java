package io.github.can4000.internal;

import io.github.can4000.spi.Bytes;
import java.util.Objects;

/**
 * Lets the fetchers and decoders of can4000 modules hand a body over as {@link Bytes} and read it
 * back without the defensive copies that the public {@link Bytes#copyOf(byte[])} and {@link
 * Bytes#toByteArray()} make. A wrapped array must not be changed afterwards, and an array read
 * through {@link #array} must only be read. Not API: exported only to can4000 modules.
 */
public final class BytesAccess {
  /** Wraps and unwraps arrays without copying. */
  public interface Access {
    /** Returns bytes backed by {@code data} itself. */
    Bytes wrap(byte[] data);

    /** Returns the array behind {@code bytes}, not a copy. */
    byte[] array(Bytes bytes);
  }

  private static volatile Access access;

  private BytesAccess() {}

  /** Called once by {@link Bytes}'s static initialiser. */
  public static void install(Access a) {
    if (access != null) {
      throw new IllegalStateException("Bytes access was already installed");
    }
    access = Objects.requireNonNull(a, "access");
  }

  /** Wraps {@code data}, which nobody may change afterwards, without copying it. */
  public static Bytes wrap(byte[] data) {
    return access().wrap(data);
  }

  /** Returns the array behind {@code bytes}, which the caller must only read. */
  public static byte[] array(Bytes bytes) {
    return access().array(bytes);
  }

  private static Access access() {
    Access a = access;
    if (a == null) {
      try {
        Class.forName(Bytes.class.getName(), true, Bytes.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      a = access;
    }
    return a;
  }
}
