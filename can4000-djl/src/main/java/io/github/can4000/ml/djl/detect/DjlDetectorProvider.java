package io.github.can4000.ml.djl.detect;

import io.github.can4000.spi.DetectionException;
import io.github.can4000.spi.Detector;
import io.github.can4000.spi.DetectorConfig;
import io.github.can4000.spi.DetectorProvider;

/**
 * The {@link DetectorProvider} of can4000-djl, registered in {@code META-INF/services}: opens
 * TorchScript files ({@code .pt}, {@code .pth}, {@code .torchscript}) and ONNX files ({@code
 * .onnx}) with {@link YoloDetectors}.
 */
public final class DjlDetectorProvider implements DetectorProvider {
  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public DjlDetectorProvider() {}

  @Override
  public String name() {
    return "djl";
  }

  @Override
  public boolean supports(DetectorConfig config) {
    return ModelFormat.supports(config.model());
  }

  @Override
  public Detector open(DetectorConfig config) throws DetectionException {
    return YoloDetectors.open(config);
  }
}
