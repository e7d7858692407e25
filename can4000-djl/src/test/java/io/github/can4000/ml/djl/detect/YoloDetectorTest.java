package io.github.can4000.ml.djl.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.can4000.Box;
import io.github.can4000.ImageData;
import io.github.can4000.spi.DetectionException;
import io.github.can4000.spi.Detector;
import io.github.can4000.spi.DetectorConfig;
import io.github.can4000.spi.DetectorProvider;
import io.github.can4000.spi.Proposal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the tiny TorchScript models of {@code src/test/resources/detect} (see make_tiny_models.py
 * there) through DJL's PyTorch engine: letterbox in, boxes back where the translation math puts
 * them.
 */
class YoloDetectorTest {
  static final int SIZE = 64;

  @TempDir Path dir;

  static Path resource(String name) throws URISyntaxException {
    return Path.of(YoloDetectorTest.class.getResource("/detect/" + name).toURI());
  }

  /** A dark {@code w x h} picture with a bright reddish patch {@code [x0,x1) x [y0,y1)}. */
  static ImageData picture(int w, int h, int x0, int y0, int x1, int y1) {
    byte[] px = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean in = x >= x0 && x < x1 && y >= y0 && y < y1;
        int i = (y * w + x) * 3;
        px[i] = (byte) (in ? 255 : 20);
        px[i + 1] = (byte) (in ? 160 : 20);
        px[i + 2] = (byte) (in ? 160 : 20);
      }
    }
    return ImageData.of(w, h, 3, px);
  }

  static DetectorConfig config(double minScore, double nms) throws URISyntaxException {
    return new DetectorConfig(
        resource("tiny_yolo.pt"),
        List.of("a", "b"),
        minScore,
        nms,
        SIZE,
        Optional.empty(),
        List.of());
  }

  @Test
  void landscape_boxesMapBackExactly_thresholdAndNmsApplied() throws Exception {
    // 320 x 160 into 64: scale 0.2, picture 64 x 32 padded 16 above; the patch lands on input
    // pixels 20-40 x 24-40
    ImageData img = picture(320, 160, 100, 40, 200, 120);
    try (Detector d = YoloDetectors.open(config(0.25, 0.45))) {
      List<Proposal> found = d.detect(img);
      assertThat(found).extracting(Proposal::label).containsExactly("b", "a");
      // row 0: the patch, found in the letterboxed input and mapped back: exactly the patch
      assertThat(found.get(0).box())
          .isEqualTo(new Box(150.0 / 320, 80.0 / 160, 100.0 / 320, 80.0 / 160));
      assertThat(found.get(0).score()).isCloseTo(0.81, within(1e-6));
      // row 2: fixed input box centre (16, 40), 8 x 8 -> x (12-0)/0.2 = 60..100, y (36-16)/0.2 =
      // 100..140
      assertThat(found.get(1).box())
          .isEqualTo(new Box(80.0 / 320, 120.0 / 160, 40.0 / 320, 40.0 / 160));
      assertThat(found.get(1).score()).isCloseTo(0.63, within(1e-6));
      assertThat(d.describe())
          .contains("tiny_yolo.pt", "classes a,b", "input 64", "min score 0.25", "NMS IoU 0.45");
    }
    // the duplicate one pixel to the right (IoU 0.9) survives only a looser NMS; the 0.05 box no
    // threshold above it
    try (Detector d = YoloDetectors.open(config(0.01, 0.95))) {
      assertThat(d.detect(img)).extracting(Proposal::score).hasSize(4);
    }
    try (Detector d = YoloDetectors.open(config(0.7, 0.45))) {
      assertThat(d.detect(img)).extracting(Proposal::label).containsExactly("b");
    }
  }

  @Test
  void portrait_letterboxPadsLeft_andBoxesFollowTheScaleApplied() throws Exception {
    // 150 x 250 into 64: scaled to 38 x 64, padded 13 on the left
    Letterbox lb = Letterbox.of(150, 250, SIZE);
    assertThat(lb).isEqualTo(new Letterbox(150, 250, SIZE, 38, 64, 13, 0));
    ImageData img = picture(150, 250, 40, 100, 110, 200);
    try (Detector d = YoloDetectors.open(config(0.25, 0.45))) {
      List<Proposal> found = d.detect(img);
      assertThat(found).hasSize(2);
      // the fixed box: input x 12..20 -> (12 - 13) * 150 / 38 < 0, clipped to 0; (20 - 13) * 150 /
      // 38
      double x1 = (20 - 13) * 150.0 / 38;
      double y0 = 36 * 250.0 / 64;
      double y1 = 44 * 250.0 / 64;
      Box fixed = found.get(1).box();
      assertThat(fixed.x()).isCloseTo(x1 / 2 / 150, within(1e-9));
      assertThat(fixed.width()).isCloseTo(x1 / 150, within(1e-9));
      assertThat(fixed.y()).isCloseTo((y0 + y1) / 2 / 250, within(1e-9));
      assertThat(fixed.height()).isCloseTo((y1 - y0) / 250, within(1e-9));
      // the patch: found after resampling, so within one input pixel (250 / 64 image pixels)
      var r = found.get(0).box().toPixels(150, 250);
      double px = 250.0 / 64;
      assertThat((double) r.x1()).isCloseTo(40, within(px));
      assertThat((double) r.x2()).isCloseTo(110, within(px));
      assertThat((double) r.y1()).isCloseTo(100, within(px));
      assertThat((double) r.y2()).isCloseTo(200, within(px));
    }
  }

  @Test
  void secondStageClassifier_relabelsAndRescoresEachCrop() throws Exception {
    DetectorConfig c =
        new DetectorConfig(
            resource("tiny_yolo.pt"),
            List.of("a", "b"),
            0.25,
            0.45,
            SIZE,
            Optional.of(resource("tiny_classifier.pt")),
            List.of("reddish", "greenish"));
    try (Detector d = YoloDetectors.open(c)) {
      List<Proposal> found = d.detect(picture(320, 160, 100, 40, 200, 120));
      assertThat(found).hasSize(2);
      assertThat(found.get(0).label()).isEqualTo("reddish");
      assertThat(found.get(0).score()).isGreaterThan(0.99);
      // the fixed box covers only dark gray: red equals green, so a coin toss at 0.5
      assertThat(found.get(1).score()).isCloseTo(0.5, within(1e-6));
      assertThat(d.describe()).contains("classifier tiny_classifier.pt (reddish,greenish)");
    }
  }

  @Test
  void wrongClassCount_isAClearError() throws Exception {
    DetectorConfig c =
        new DetectorConfig(
            resource("tiny_yolo.pt"),
            List.of("a", "b", "c", "d"),
            0.25,
            0.45,
            SIZE,
            Optional.empty(),
            List.of());
    try (Detector d = YoloDetectors.open(c)) {
      assertThatThrownBy(() -> d.detect(picture(64, 64, 0, 0, 8, 8)))
          .isInstanceOf(DetectionException.class)
          .hasMessageContaining("[1, 4, 7] fits neither YOLO layout for 4 classes");
    }
  }

  @Test
  void notAModel_isAClearError() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pt"), "not a model");
    assertThatThrownBy(() -> YoloDetectors.open(DetectorConfig.of(junk, List.of("a"))))
        .isInstanceOf(DetectionException.class)
        .hasMessageContaining("cannot load the TorchScript model")
        .hasMessageContaining("junk.pt");
  }

  @Test
  void serviceLoader_findsTheDjlProvider_forTorchScriptFiles_notForOtherFormats() throws Exception {
    assertThat(DetectorProvider.find(config(0.25, 0.45)))
        .map(DetectorProvider::name)
        .hasValue("djl");
    assertThat(DetectorProvider.find(DetectorConfig.of(dir.resolve("m.tflite"), List.of("a"))))
        .isEmpty();
  }
}
