package io.github.can4000.ml.djl.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.translate.Transform;
import java.util.Random;

/**
 * Training augmentation: flips a {@code (3, H, W)} image left-right and top-bottom, each with
 * probability one half (a nail or a skin lesion has no up or down). Seeded, so a run repeats.
 */
final class RandomFlips implements Transform {
  private final Random random;

  RandomFlips(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public NDArray transform(NDArray array) {
    boolean lr;
    boolean tb;
    synchronized (random) {
      lr = random.nextBoolean();
      tb = random.nextBoolean();
    }
    NDArray out = array;
    if (lr) {
      out = out.flip(2);
    }
    if (tb) {
      out = out.flip(1);
    }
    return out;
  }
}
