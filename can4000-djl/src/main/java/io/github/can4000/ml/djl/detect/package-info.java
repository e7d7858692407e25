/**
 * Detectors for building CAN-style datasets: {@link io.github.can4000.ml.djl.detect.YoloDetectors}
 * runs YOLO-family TorchScript and ONNX models through DJL, and {@link
 * io.github.can4000.ml.djl.detect.DjlDetectorProvider} offers them to {@code can4000 annotate
 * --model}.
 */
package io.github.can4000.ml.djl.detect;
