package io.github.can4000.ml.djl.detect;

import io.github.can4000.spi.DetectionException;
import io.github.can4000.spi.Detector;
import io.github.can4000.spi.DetectorConfig;
import io.github.can4000.spi.DetectorProvider;
import java.util.Locale;

/**
 * The {@link DetectorProvider} of can4000-djl, registered in {@code META-INF/services}: opens
 * TorchScript files ({@code .pt}, {@code .pth}, {@code .torchscript}) with {@link YoloDetectors}.
 */
public final class DjlDetectorProvider implements DetectorProvider {
  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public DjlDetectorProvider() {}

  @Override
  public String name() {
    return "djl-pytorch";
  }

  @Override
  public boolean supports(DetectorConfig config) {
    String n = config.model().getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".torchscript");
  }

  @Override
  public Detector open(DetectorConfig config) throws DetectionException {
    return YoloDetectors.open(config);
  }
}
