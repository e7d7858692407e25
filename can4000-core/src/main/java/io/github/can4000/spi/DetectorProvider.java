package io.github.can4000.spi;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens {@link Detector}s from model files; found with {@link ServiceLoader} so that a command line
 * without an ML framework can still use one when its jar is on the class path (can4000-djl
 * registers one for TorchScript and ONNX files in {@code
 * META-INF/services/io.github.can4000.spi.DetectorProvider}).
 */
public interface DetectorProvider {

  /** Returns a short name, e.g. {@code djl}. */
  String name();

  /** Returns whether this provider can open {@code config.model()}, judged from its name. */
  boolean supports(DetectorConfig config);

  /**
   * Opens the model; the caller closes the detector.
   *
   * @throws DetectionException if the model cannot be loaded (the message names the file)
   */
  Detector open(DetectorConfig config) throws DetectionException;

  /** Returns the first provider on the class path that supports {@code config}, if any. */
  static Optional<DetectorProvider> find(DetectorConfig config) {
    for (DetectorProvider p : ServiceLoader.load(DetectorProvider.class)) {
      if (p.supports(config)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
