package io.github.can4000.ml.djl.detect;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.github.can4000.ImageData;
import io.github.can4000.spi.DetectionException;
import io.github.can4000.spi.Detector;
import io.github.can4000.spi.DetectorConfig;
import io.github.can4000.spi.Proposal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A YOLO-family detector run by DJL: TorchScript by the PyTorch engine, ONNX by the ONNX Runtime
 * engine; see {@link YoloDetectors}.
 */
final class YoloDetector implements Detector {
  /** The crop size fed to a second-stage classifier, as ImageNet models expect. */
  static final int CLASSIFIER_SIZE = 224;

  private final DetectorConfig config;
  private final ZooModel<Tensor, Tensor> model;
  private final ZooModel<Tensor, Tensor> classifier;

  private YoloDetector(
      DetectorConfig config, ZooModel<Tensor, Tensor> model, ZooModel<Tensor, Tensor> classifier) {
    this.config = config;
    this.model = model;
    this.classifier = classifier;
  }

  static YoloDetector open(DetectorConfig config) throws DetectionException {
    ZooModel<Tensor, Tensor> m = load(config.model());
    try {
      ZooModel<Tensor, Tensor> c =
          config.classifier().isPresent() ? load(config.classifier().get()) : null;
      return new YoloDetector(config, m, c);
    } catch (DetectionException | RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private static ZooModel<Tensor, Tensor> load(Path file) throws DetectionException {
    ModelFormat format = ModelFormat.of(file);
    if (!Engine.hasEngine(format.engine())) {
      throw new DetectionException(
          "cannot load the "
              + format.label()
              + " model "
              + file
              + ": DJL's "
              + format.engine()
              + " engine is not on the class path (add "
              + format.artifact()
              + ")");
    }
    try {
      return Criteria.builder()
          .setTypes(Tensor.class, Tensor.class)
          .optModelPath(file.toAbsolutePath())
          .optEngine(format.engine())
          .optTranslator(new Tensor.Io())
          .build()
          .loadModel();
    } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
      throw new DetectionException(
          "cannot load the " + format.label() + " model " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Proposal> detect(ImageData image) throws DetectionException {
    int size = config.inputSize();
    Letterbox box = Letterbox.of(image.width(), image.height(), size);
    Tensor out;
    try (Predictor<Tensor, Tensor> p = model.newPredictor()) {
      out = p.predict(new Tensor(box.input(image), new long[] {1, 3, size, size}));
    } catch (TranslateException | RuntimeException e) {
      throw new DetectionException(
          "the model failed on a "
              + image.width()
              + " x "
              + image.height()
              + " image: "
              + e.getMessage(),
          e);
    }
    List<YoloOutput.Candidate> found;
    try {
      found =
          YoloOutput.decode(
              out.data(), out.shape(), config.classes().size(), config.minScore(), config.nmsIou());
    } catch (IllegalArgumentException e) {
      throw new DetectionException(e.getMessage(), e);
    }
    List<Proposal> proposals = new ArrayList<>();
    int w = image.width();
    int h = image.height();
    for (YoloOutput.Candidate c : found) {
      double x0 = clamp(box.toImageX(c.x0()), w);
      double x1 = clamp(box.toImageX(c.x1()), w);
      double y0 = clamp(box.toImageY(c.y0()), h);
      double y1 = clamp(box.toImageY(c.y1()), h);
      if (x1 - x0 < 1 || y1 - y0 < 1) {
        continue; // nothing left inside the photograph
      }
      io.github.can4000.Box b =
          new io.github.can4000.Box(
              (x0 + x1) / 2 / w, (y0 + y1) / 2 / h, (x1 - x0) / w, (y1 - y0) / h);
      Proposal p = new Proposal(b, config.classes().get(c.cls()), c.score());
      proposals.add(classifier == null ? p : classify(image, p));
    }
    return proposals;
  }

  /** Relabels and rescores {@code p} with the classifier's softmax over its crop. */
  private Proposal classify(ImageData image, Proposal p) throws DetectionException {
    io.github.can4000.PixelRect r = p.box().toPixels(image.width(), image.height());
    io.github.can4000.PixelRect clamped =
        new io.github.can4000.PixelRect(
            Math.max(0, r.x1()),
            Math.max(0, r.y1()),
            Math.min(image.width(), r.x2()),
            Math.min(image.height(), r.y2()));
    if (clamped.x2() <= clamped.x1() || clamped.y2() <= clamped.y1()) {
      return p;
    }
    ImageData crop = image.crop(clamped).toRgb().resize(CLASSIFIER_SIZE, CLASSIFIER_SIZE);
    float[] in = crop.toFloatArray(ImageData.Layout.CHW); // values / 255, RGB planes
    Tensor out;
    try (Predictor<Tensor, Tensor> pr = classifier.newPredictor()) {
      out = pr.predict(new Tensor(in, new long[] {1, 3, CLASSIFIER_SIZE, CLASSIFIER_SIZE}));
    } catch (TranslateException | RuntimeException e) {
      throw new DetectionException("the classifier failed: " + e.getMessage(), e);
    }
    List<String> names = config.classifierClasses();
    if (out.data().length != names.size()) {
      throw new DetectionException(
          "the classifier gives "
              + out.data().length
              + " scores but "
              + names.size()
              + " classifier classes were named: "
              + names);
    }
    float[] logits = out.data();
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double sum = 0;
    int best = 0;
    for (int i = 0; i < logits.length; i++) {
      sum += Math.exp(logits[i] - max);
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    double prob = Math.exp(logits[best] - max) / sum;
    return new Proposal(p.box(), names.get(best), Math.min(1, Math.max(0, prob)));
  }

  private static double clamp(double v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "YOLO %s %s (classes %s, input %d, min score %s, NMS IoU %s)%s",
        ModelFormat.of(config.model()).label(),
        config.model().getFileName(),
        String.join(",", config.classes()),
        config.inputSize(),
        config.minScore(),
        config.nmsIou(),
        config
            .classifier()
            .map(
                c ->
                    " + classifier "
                        + c.getFileName()
                        + " ("
                        + String.join(",", config.classifierClasses())
                        + ")")
            .orElse(""));
  }

  @Override
  public void close() {
    model.close();
    if (classifier != null) {
      classifier.close();
    }
  }
}
