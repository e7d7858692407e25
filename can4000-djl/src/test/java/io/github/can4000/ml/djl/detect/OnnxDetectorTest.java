package io.github.can4000.ml.djl.detect;

import static io.github.can4000.ml.djl.detect.YoloDetectorTest.SIZE;
import static io.github.can4000.ml.djl.detect.YoloDetectorTest.picture;
import static io.github.can4000.ml.djl.detect.YoloDetectorTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.can4000.Box;
import io.github.can4000.spi.DetectionException;
import io.github.can4000.spi.Detector;
import io.github.can4000.spi.DetectorConfig;
import io.github.can4000.spi.DetectorProvider;
import io.github.can4000.spi.Proposal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code tiny_yolo.onnx} (the detector of {@code tiny_yolo.pt} exported to ONNX, see
 * make_tiny_models.py) through the same adapter on DJL's ONNX Runtime engine: the same letterbox
 * in, the same boxes back.
 */
class OnnxDetectorTest {
  @TempDir Path dir;

  static DetectorConfig onnx(double minScore, double nms, int size, Optional<Path> classifier)
      throws Exception {
    return new DetectorConfig(
        resource("tiny_yolo.onnx"),
        List.of("a", "b"),
        minScore,
        nms,
        size,
        classifier,
        classifier.isPresent() ? List.of("reddish", "greenish") : List.of());
  }

  @Test
  void landscape_boxesMapBackExactly_asWithTorchScript() throws Exception {
    // 320 x 160 into 64: scale 0.2, padded 16 above; the patch lands on input pixels 20-40 x 24-40
    try (Detector d = YoloDetectors.open(onnx(0.25, 0.45, SIZE, Optional.empty()))) {
      List<Proposal> found = d.detect(picture(320, 160, 100, 40, 200, 120));
      assertThat(found).extracting(Proposal::label).containsExactly("b", "a");
      assertThat(found.get(0).box())
          .isEqualTo(new Box(150.0 / 320, 80.0 / 160, 100.0 / 320, 80.0 / 160));
      assertThat(found.get(0).score()).isCloseTo(0.81, within(1e-6));
      // the fixed input box centre (16, 40), 8 x 8: image x 60..100, y 100..140
      assertThat(found.get(1).box())
          .isEqualTo(new Box(80.0 / 320, 120.0 / 160, 40.0 / 320, 40.0 / 160));
      assertThat(found.get(1).score()).isCloseTo(0.63, within(1e-6));
      assertThat(d.describe())
          .startsWith("YOLO ONNX tiny_yolo.onnx (classes a,b, input 64, min score 0.25");

      // the output follows the input: a patch elsewhere is found elsewhere
      Proposal moved = d.detect(picture(320, 160, 0, 0, 50, 160)).get(0);
      assertThat(moved.box()).isEqualTo(new Box(25.0 / 320, 0.5, 50.0 / 320, 1.0));
      // nothing bright: the model zeroes the patch row and only the fixed box is left
      assertThat(d.detect(picture(320, 160, 0, 0, 0, 0)))
          .extracting(Proposal::label)
          .containsExactly("a");
    }
    try (Detector d = YoloDetectors.open(onnx(0.01, 0.95, SIZE, Optional.empty()))) {
      assertThat(d.detect(picture(320, 160, 100, 40, 200, 120))).hasSize(4);
    }
  }

  @Test
  void portrait_letterboxPadsLeft() throws Exception {
    // 150 x 250 into 64: scaled to 38 x 64, padded 13 on the left; the fixed box is clipped at 0
    try (Detector d = YoloDetectors.open(onnx(0.25, 0.45, SIZE, Optional.empty()))) {
      List<Proposal> found = d.detect(picture(150, 250, 40, 100, 110, 200));
      assertThat(found).hasSize(2);
      double x1 = (20 - 13) * 150.0 / 38;
      assertThat(found.get(1).box().x()).isCloseTo(x1 / 2 / 150, within(1e-9));
      assertThat(found.get(1).box().width()).isCloseTo(x1 / 150, within(1e-9));
      var r = found.get(0).box().toPixels(150, 250);
      double px = 250.0 / 64;
      assertThat((double) r.x1()).isCloseTo(40, within(px));
      assertThat((double) r.x2()).isCloseTo(110, within(px));
      assertThat((double) r.y1()).isCloseTo(100, within(px));
      assertThat((double) r.y2()).isCloseTo(200, within(px));
    }
  }

  @Test
  void onnxDetector_withTorchScriptClassifier_twoEnginesInOnePipeline() throws Exception {
    try (Detector d =
        YoloDetectors.open(onnx(0.25, 0.45, SIZE, Optional.of(resource("tiny_classifier.pt"))))) {
      List<Proposal> found = d.detect(picture(320, 160, 100, 40, 200, 120));
      assertThat(found).extracting(Proposal::label).containsExactly("reddish", "reddish");
      assertThat(found.get(0).score()).isGreaterThan(0.99);
      assertThat(found.get(1).score()).isCloseTo(0.5, within(1e-6));
    }
  }

  @Test
  void inputSizeTheExportDoesNotTake_isAClearError() throws Exception {
    try (Detector d = YoloDetectors.open(onnx(0.25, 0.45, 96, Optional.empty()))) {
      assertThatThrownBy(() -> d.detect(picture(96, 96, 0, 0, 8, 8)))
          .isInstanceOf(DetectionException.class)
          .hasMessageContaining("the model failed on a 96 x 96 image")
          .hasMessageContaining("Expected: 64");
    }
  }

  @Test
  void notAnOnnxModel_isAClearError() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
    assertThatThrownBy(() -> YoloDetectors.open(DetectorConfig.of(junk, List.of("a"))))
        .isInstanceOf(DetectionException.class)
        .hasMessageContaining("cannot load the ONNX model")
        .hasMessageContaining("junk.onnx");
  }

  @Test
  void serviceLoader_findsTheDjlProvider_forOnnxFiles() throws Exception {
    assertThat(DetectorProvider.find(onnx(0.25, 0.45, SIZE, Optional.empty())))
        .map(DetectorProvider::name)
        .hasValue("djl");
  }
}
