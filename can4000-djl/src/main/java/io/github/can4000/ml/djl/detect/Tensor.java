package io.github.can4000.ml.djl.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * A float tensor copied out of DJL, and the translator that feeds one in and reads the model's
 * first output back, so that no NDArray outlives a prediction.
 */
record Tensor(float[] data, long[] shape) {

  /** Feeds {@code [1, 3, size, size]} planes in, reads the first output back. */
  static final class Io implements Translator<Tensor, Tensor> {
    @Override
    public NDList processInput(TranslatorContext ctx, Tensor input) {
      return new NDList(ctx.getNDManager().create(input.data(), new Shape(input.shape())));
    }

    @Override
    public Tensor processOutput(TranslatorContext ctx, NDList list) {
      NDArray out = list.get(0);
      // ONNX Runtime's arrays read out but do not convert: convert only what is not float already
      float[] data =
          out.getDataType() == DataType.FLOAT32
              ? out.toFloatArray()
              : out.toType(DataType.FLOAT32, false).toFloatArray();
      return new Tensor(data, out.getShape().getShape());
    }

    @Override
    public Batchifier getBatchifier() {
      return null; // the input already carries its batch dimension
    }
  }
}
