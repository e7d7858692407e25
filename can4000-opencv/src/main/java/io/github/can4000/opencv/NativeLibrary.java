package io.github.can4000.opencv;

/** Loads OpenCV's native library once. */
final class NativeLibrary {
  private static volatile Throwable failure;
  private static volatile boolean loaded;

  private NativeLibrary() {}

  static synchronized void load() {
    if (!loaded && failure == null) {
      try {
        nu.pattern.OpenCV.loadLocally();
        loaded = true;
      } catch (RuntimeException | LinkageError e) {
        failure = e;
      }
    }
    if (!loaded) {
      throw new IllegalStateException("cannot load OpenCV's native library: " + failure, failure);
    }
  }
}
