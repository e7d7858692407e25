package io.github.can4000.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DetectorProvider} needs to open a model file.
 *
 * @param model the model file (for example a TorchScript {@code .pt}); never downloaded
 * @param classes the class names, in the model's class order; each one token
 * @param minScore proposals scoring below it are dropped, 0 to 1
 * @param nmsIou non-maximum suppression: a box overlapping a better one of the same class by more
 *     than this intersection over union is dropped, 0 to 1
 * @param inputSize the square model input in pixels the photograph is letterboxed to, 16 to 4096
 * @param classifier an optional second stage: a model that relabels and rescores each proposed crop
 * @param classifierClasses the class names of {@code classifier}, in its output order; empty
 *     without a classifier
 */
public record DetectorConfig(
    Path model,
    List<String> classes,
    double minScore,
    double nmsIou,
    int inputSize,
    Optional<Path> classifier,
    List<String> classifierClasses) {

  /** The default {@link #minScore()}, 0.25, as YOLO tools use. */
  public static final double DEFAULT_MIN_SCORE = 0.25;

  /** The default {@link #nmsIou()}, 0.45, as YOLO tools use. */
  public static final double DEFAULT_NMS_IOU = 0.45;

  /** The default {@link #inputSize()}, 640, as YOLO tools use. */
  public static final int DEFAULT_INPUT_SIZE = 640;

  /** Validates and copies. */
  public DetectorConfig {
    Objects.requireNonNull(model, "model");
    classes = List.copyOf(classes);
    classifier = Objects.requireNonNull(classifier, "classifier");
    classifierClasses = List.copyOf(classifierClasses);
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("classes must name at least one class");
    }
    checkLabels(classes, "classes");
    checkLabels(classifierClasses, "classifierClasses");
    if (!(minScore >= 0 && minScore <= 1)) {
      throw new IllegalArgumentException("minScore must be between 0 and 1: " + minScore);
    }
    if (!(nmsIou >= 0 && nmsIou <= 1)) {
      throw new IllegalArgumentException("nmsIou must be between 0 and 1: " + nmsIou);
    }
    if (inputSize < 16 || inputSize > 4096) {
      throw new IllegalArgumentException("inputSize must be between 16 and 4096: " + inputSize);
    }
    if (classifier.isPresent() && classifierClasses.isEmpty()) {
      throw new IllegalArgumentException("classifierClasses must name the classifier's classes");
    }
    if (classifier.isEmpty() && !classifierClasses.isEmpty()) {
      throw new IllegalArgumentException(
          "classifierClasses given without a classifier: " + classifierClasses);
    }
  }

  /** Returns a configuration with the default thresholds, input size and no classifier. */
  public static DetectorConfig of(Path model, List<String> classes) {
    return new DetectorConfig(
        model,
        classes,
        DEFAULT_MIN_SCORE,
        DEFAULT_NMS_IOU,
        DEFAULT_INPUT_SIZE,
        Optional.empty(),
        List.of());
  }

  private static void checkLabels(List<String> labels, String name) {
    for (String l : labels) {
      if (l.isEmpty() || l.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            name + " must be tokens without white space: \"" + l + "\"");
      }
    }
  }
}
