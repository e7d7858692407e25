package io.github.can4000.ml.djl.detect;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The model file formats the DJL detector opens, told apart by the file's extension, and the DJL
 * engine that runs each.
 */
enum ModelFormat {
  /** TorchScript ({@code .pt}, {@code .pth}, {@code .torchscript}), run by the PyTorch engine. */
  TORCHSCRIPT("TorchScript", "PyTorch", "ai.djl.pytorch:pytorch-engine and pytorch-native-cpu"),
  /** ONNX ({@code .onnx}), run by the ONNX Runtime engine. */
  ONNX("ONNX", "OnnxRuntime", "ai.djl.onnxruntime:onnxruntime-engine");

  private final String label;
  private final String engine;
  private final String artifact;

  ModelFormat(String label, String engine, String artifact) {
    this.label = label;
    this.engine = engine;
    this.artifact = artifact;
  }

  /** Returns the format of {@code file}: ONNX for {@code .onnx}, otherwise TorchScript. */
  static ModelFormat of(Path file) {
    return isOnnx(file) ? ONNX : TORCHSCRIPT;
  }

  /** Whether the detector opens {@code file}: a TorchScript or ONNX file name. */
  static boolean supports(Path file) {
    String n = name(file);
    return isOnnx(file) || n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".torchscript");
  }

  private static boolean isOnnx(Path file) {
    return name(file).endsWith(".onnx");
  }

  private static String name(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  /** The format's name in messages, e.g. {@code TorchScript}. */
  String label() {
    return label;
  }

  /** The DJL engine name ({@code Criteria.optEngine}). */
  String engine() {
    return engine;
  }

  /** The Maven artifact that brings the engine, for messages. */
  String artifact() {
    return artifact;
  }
}
