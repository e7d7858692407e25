package io.github.can4000.examples.cli;

import io.github.can4000.Decoder;
import io.github.can4000.Fetcher;
import java.lang.reflect.InvocationTargetException;

/**
 * The real components: {@code HttpFetchers.create()} and {@code ImageDecoders.standard()} of
 * can4000-io.
 *
 * <p>TEMPORARY: looked up by name until the http and decode branches are merged into main; then
 * these become direct calls.
 */
final class StandardComponents implements Components {
  static final StandardComponents INSTANCE = new StandardComponents();

  private StandardComponents() {}

  @Override
  public Fetcher fetcher() {
    return (Fetcher) call("io.github.can4000.io.http.HttpFetchers", "create");
  }

  @Override
  public Decoder decoder() {
    return (Decoder) call("io.github.can4000.io.image.ImageDecoders", "standard");
  }

  private static Object call(String type, String method) {
    try {
      return Class.forName(type).getMethod(method).invoke(null);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException(type + "." + method + "() failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type + "." + method + "() is not available in this build", e);
    }
  }
}
