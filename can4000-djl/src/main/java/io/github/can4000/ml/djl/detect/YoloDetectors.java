package io.github.can4000.ml.djl.detect;

import io.github.can4000.spi.DetectionException;
import io.github.can4000.spi.Detector;
import io.github.can4000.spi.DetectorConfig;

/**
 * Opens YOLO-family detectors exported by their users to TorchScript ({@code model.pt}), run by
 * DJL's PyTorch engine on the CPU, or to ONNX ({@code model.onnx}), run by DJL's ONNX Runtime
 * engine; the file's extension picks the engine. Nothing is downloaded: the model is a file you
 * give, and the engines come from the bundled {@code pytorch-native-cpu} and {@code onnxruntime}
 * jars ({@code ai.djl.onnxruntime:onnxruntime-engine} is an optional dependency: declare it to open
 * ONNX files).
 *
 * <pre>{@code
 * DetectorConfig config = new DetectorConfig(Path.of("best.torchscript"), List.of("melanoma", "nevus"),
 *     0.25, 0.45, 640, Optional.empty(), List.of());
 * try (Detector d = YoloDetectors.open(config)) {
 *   List<Proposal> found = d.detect(image);   // boxes in fractions of image
 * }
 * }</pre>
 *
 * <p>The photograph is letterboxed into the square input (scaled with its aspect ratio kept, padded
 * with gray 114) and boxes are mapped back with the scale actually applied, then clipped to the
 * photograph. Outputs {@code [1, N, 5 + classes]} (YOLOv5) and {@code [1, 4 + classes, N]} (YOLOv8
 * and later) are read; boxes below the score threshold are dropped and the rest go through
 * per-class non-maximum suppression. An optional classifier ({@link DetectorConfig#classifier()})
 * then relabels each box with the best of its softmax over the crop, resized to 224 x 224, and that
 * probability becomes the score; it may be TorchScript or ONNX, whatever the detector is.
 */
public final class YoloDetectors {
  private YoloDetectors() {}

  /**
   * Loads the model (and the classifier, if any).
   *
   * @throws DetectionException if a model file cannot be loaded
   */
  public static Detector open(DetectorConfig config) throws DetectionException {
    return YoloDetector.open(config);
  }
}
