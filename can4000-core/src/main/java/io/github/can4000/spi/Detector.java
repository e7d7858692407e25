package io.github.can4000.spi;

import io.github.can4000.ImageData;
import java.util.List;

/**
 * Proposes lesion regions in a photograph: the first stage of building a CAN-style dataset, whose
 * proposals a reviewer then accepts or rejects. Implementations wrap a model (can4000-djl has one
 * for YOLO-family TorchScript files, found through {@link DetectorProvider}) or read detections
 * made elsewhere. They must be thread-safe if shared between threads, and release their model in
 * {@link #close()}.
 */
public interface Detector extends AutoCloseable {

  /**
   * Returns the proposals for {@code image}, the whole photograph as the SDK decoded it (EXIF
   * orientation applied), best first.
   *
   * @throws DetectionException if the model fails on this image
   */
  List<Proposal> detect(ImageData image) throws DetectionException;

  /** Returns a one-line description for manifest headers, e.g. the model file and thresholds. */
  String describe();

  /** Releases the model; the default does nothing. */
  @Override
  default void close() {}
}
