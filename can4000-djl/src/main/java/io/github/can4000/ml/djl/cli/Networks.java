package io.github.can4000.ml.djl.cli;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/** The vanilla CNN that {@code can4000 train} trains from scratch. */
final class Networks {
  /** The name written to {@code model.json}. */
  static final String NAME = "cnn4x2-32-64-128-256";

  private Networks() {}

  /**
   * Four stages of two 3 x 3 convolutions (32, 64, 128, 256 filters) with batch normalisation and
   * ReLU, each followed by 2 x 2 max pooling, then global average pooling, dropout 0.3 and a linear
   * layer with one output per class (logits; softmax gives the probabilities).
   */
  static Block cnn(int classes) {
    SequentialBlock net = new SequentialBlock();
    for (int filters : new int[] {32, 64, 128, 256}) {
      for (int k = 0; k < 2; k++) {
        net.add(
                Conv2d.builder()
                    .setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1))
                    .setFilters(filters)
                    .optBias(false)
                    .build())
            .add(BatchNorm.builder().build())
            .add(Activation.reluBlock());
      }
      net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    return net.add(Pool.globalAvgPool2dBlock())
        .add(Dropout.builder().optRate(0.3f).build())
        .add(Linear.builder().setUnits(classes).build());
  }
}
