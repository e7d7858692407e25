package io.github.can4000.ml.dl4j.examples;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/** Lets tests in other packages build the example's network. */
public final class TrainDl4jAccess {
  private TrainDl4jAccess() {}

  /** The example's CNN configuration. */
  public static MultiLayerConfiguration cnn(int size, int classes, long seed) {
    return TrainDl4j.cnn(size, classes, seed);
  }
}
