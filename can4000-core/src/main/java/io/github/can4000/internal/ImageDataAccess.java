package io.github.can4000.internal;

import io.github.can4000.ImageData;
import java.util.Objects;

/**
 * Lets the engine and sibling modules wrap a freshly filled pixel array as {@link ImageData}
 * without the defensive copy that the public {@link ImageData#of(int, int, int, byte[])} makes. The
 * array must not be touched after it is wrapped. Not API: exported only to can4000 modules.
 */
public final class ImageDataAccess {
  /** Wraps an array that nobody else holds. */
  @FunctionalInterface
  public interface Wrapper {
    /** Returns pixels backed by {@code pixels} itself. */
    ImageData wrap(int width, int height, int channels, byte[] pixels);
  }

  private static volatile Wrapper wrapper;

  private ImageDataAccess() {}

  /** Called once by {@link ImageData}'s static initialiser. */
  public static void install(Wrapper w) {
    if (wrapper != null) {
      throw new IllegalStateException("ImageData wrapper was already installed");
    }
    wrapper = Objects.requireNonNull(w, "wrapper");
  }

  /**
   * Wraps {@code pixels} (interleaved, {@code width * height * channels} bytes) without copying.
   */
  public static ImageData wrap(int width, int height, int channels, byte[] pixels) {
    Wrapper w = wrapper;
    if (w == null) {
      initialise();
      w = wrapper;
    }
    return w.wrap(width, height, channels, pixels);
  }

  private static void initialise() {
    try {
      Class.forName(ImageData.class.getName(), true, ImageData.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
