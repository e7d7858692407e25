package io.github.can4000.ml.dl4j;

import io.github.can4000.ImageData;
import io.github.can4000.Normalization;
import io.github.can4000.TrainingCrops;
import io.github.can4000.io.split.CropSplits;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CAN4000 crops as a Deeplearning4j {@link DataSetIterator} for image classification. Each
 * minibatch has features of shape {@code [n, 3, height, width]} (NCHW, RGB, float, normalised as
 * configured), the layout of DL4J's convolution layers with {@code InputType.convolutional(height,
 * width, 3)}, and one-hot labels of shape {@code [n, classes]} in the order of {@link
 * TrainingCrops#labels()}.
 *
 * <pre>{@code
 * TrainingCrops crops = TrainingCrops.load(dataset, dataset.manifest(), LabelIndex.of(dataset.manifest()), 64, 64);
 * DataSetIterator train = CropDataSetIterator.builder(crops)
 *     .batchSize(32)
 *     .normalization(Normalization.IMAGENET)
 *     .shuffle(42)
 *     .build();
 * network.fit(train, 10);
 * }</pre>
 *
 * <p>The crops are read from the {@link TrainingCrops}, in the heap ({@link TrainingCrops#load}) or
 * on disk ({@link TrainingCrops#store}, memory-mapped): either way no epoch fetches anything, and
 * with a store the heap holds one batch, not the dataset. With {@link Builder#shuffle(long)} each
 * epoch (each {@link #reset()}) visits the crops in a new order that depends only on the seed and
 * the epoch number, the same on every run. Not thread-safe, as DL4J iterators are not.
 */
public final class CropDataSetIterator implements DataSetIterator {
  private static final long serialVersionUID = 1L;

  private final transient TrainingCrops crops;
  private final int batchSize;
  private final Normalization normalization;
  private final boolean shuffle;
  private final long seed;
  private final int[] subset;
  private final int[] order;
  private int cursor;
  private int epoch;
  private DataSetPreProcessor preProcessor;

  private CropDataSetIterator(Builder b) {
    this.crops = b.crops;
    this.batchSize = b.batchSize < 0 ? Builder.DEFAULT_BATCH_SIZE : b.batchSize;
    this.normalization = b.normalization == null ? Normalization.NONE : b.normalization;
    this.shuffle = b.shuffle;
    this.seed = b.seed;
    this.subset = b.subset;
    this.order = new int[subset == null ? crops.size() : subset.length];
    arrange();
  }

  /** Returns a builder for an iterator over {@code crops}. */
  public static Builder builder(TrainingCrops crops) {
    return new Builder(crops);
  }

  /**
   * Splits {@code crops} for a held-out set without leaking: returns the crop indices of each side,
   * every crop of one source URL and of near-duplicate URLs on one side, labels spread over the
   * sides ({@code CropSplits}); pass a side to {@link Builder#subset(int[])}. DL4J's own {@code
   * DataSet.splitTestAndTrain} splits by index and would put crops of one photograph on both sides.
   *
   * <pre>{@code
   * int[][] sides = CropDataSetIterator.split(crops, 42, 0.8, 0.2);
   * CropDataSetIterator train = CropDataSetIterator.builder(crops).subset(sides[0]).shuffle(42).build();
   * CropDataSetIterator held = CropDataSetIterator.builder(crops).subset(sides[1]).build();
   * }</pre>
   *
   * @throws IllegalArgumentException if the fractions are invalid
   */
  public static int[][] split(TrainingCrops crops, long seed, double... fractions) {
    int[] side = CropSplits.sides(crops, seed, fractions);
    int[][] out = new int[fractions.length][];
    for (int s = 0; s < fractions.length; s++) {
      final int k = s;
      out[s] = IntStream.range(0, side.length).filter(i -> side[i] == k).toArray();
    }
    return out;
  }

  private void arrange() {
    for (int i = 0; i < order.length; i++) {
      order[i] = subset == null ? i : subset[i];
    }
    if (shuffle) {
      Random random = new Random(seed + epoch);
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
  }

  /** Returns the next {@code num} crops (fewer at the end of the epoch). */
  @Override
  public DataSet next(int num) {
    if (num < 1) {
      throw new IllegalArgumentException("num must be positive: " + num);
    }
    if (!hasNext()) {
      throw new NoSuchElementException("no more crops in this epoch; call reset()");
    }
    int n = Math.min(num, order.length - cursor);
    int w = crops.width();
    int h = crops.height();
    int per = 3 * h * w;
    int classes = crops.labels().size();
    float[] features = new float[n * per];
    float[] labels = new float[n * classes];
    for (int k = 0; k < n; k++) {
      int i = order[cursor + k];
      crops.toFloatArray(i, ImageData.Layout.CHW, normalization, features, k * per);
      labels[k * classes + crops.label(i)] = 1f;
    }
    cursor += n;
    DataSet ds =
        new DataSet(
            Nd4j.create(features, new long[] {n, 3, h, w}, 'c'),
            Nd4j.create(labels, new long[] {n, classes}, 'c'));
    if (preProcessor != null) {
      preProcessor.preProcess(ds);
    }
    return ds;
  }

  @Override
  public DataSet next() {
    return next(batchSize);
  }

  @Override
  public boolean hasNext() {
    return cursor < order.length;
  }

  /** Returns the number of values of one example, {@code 3 x height x width}. */
  @Override
  public int inputColumns() {
    return 3 * crops.height() * crops.width();
  }

  /** Returns the number of classes. */
  @Override
  public int totalOutcomes() {
    return crops.labels().size();
  }

  @Override
  public boolean resetSupported() {
    return true;
  }

  @Override
  public boolean asyncSupported() {
    return true;
  }

  /** Starts the next epoch: from the first crop, in a new order if shuffling. */
  @Override
  public void reset() {
    cursor = 0;
    epoch++;
    arrange();
  }

  @Override
  public int batch() {
    return batchSize;
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    this.preProcessor = preProcessor;
  }

  @Override
  public DataSetPreProcessor getPreProcessor() {
    return preProcessor;
  }

  /** Returns the class labels, sorted; label {@code i} is output {@code i}. */
  @Override
  public List<String> getLabels() {
    return crops.labels().labels();
  }

  /** Returns the crops this iterator serves. */
  public TrainingCrops crops() {
    return crops;
  }

  @Override
  public String toString() {
    return "CropDataSetIterator["
        + crops
        + ", batch "
        + batchSize
        + (shuffle ? ", shuffle seed " + seed : "")
        + "]";
  }

  /**
   * Configures a {@link CropDataSetIterator}. Options, each settable once and checked at once:
   * {@link #batchSize(int)} (default 32), {@link #normalization(Normalization)} (default {@link
   * Normalization#NONE}, values in [0, 1]), {@link #shuffle(long)} (default: crop order).
   */
  public static final class Builder {
    static final int DEFAULT_BATCH_SIZE = 32;

    private final TrainingCrops crops;
    private int batchSize = -1;
    private Normalization normalization;
    private boolean shuffle;
    private long seed;
    private int[] subset;

    private Builder(TrainingCrops crops) {
      this.crops = Objects.requireNonNull(crops, "crops");
    }

    /** Sets the minibatch size, 1 to 65536. */
    public Builder batchSize(int n) {
      if (batchSize >= 0) {
        throw new IllegalStateException("batchSize was already set to " + batchSize);
      }
      if (n < 1 || n > 65536) {
        throw new IllegalArgumentException("batchSize must be between 1 and 65536: " + n);
      }
      this.batchSize = n;
      return this;
    }

    /** Sets the per-channel normalisation of the RGB values (1 or 3 channels). */
    public Builder normalization(Normalization normalization) {
      if (this.normalization != null) {
        throw new IllegalStateException("normalization was already set to " + this.normalization);
      }
      if (!normalization.fits(3)) {
        throw new IllegalArgumentException(
            "normalization must have 1 or 3 channels: " + normalization);
      }
      this.normalization = normalization;
      return this;
    }

    /** Shuffles each epoch with {@code seed + epoch}, so runs repeat exactly. */
    public Builder shuffle(long seed) {
      if (shuffle) {
        throw new IllegalStateException("shuffle was already set to seed " + this.seed);
      }
      this.shuffle = true;
      this.seed = seed;
      return this;
    }

    /**
     * Iterates only the crops at {@code indices} (for example a side of {@link
     * CropDataSetIterator#split}), in that order unless shuffled.
     *
     * @throws IllegalArgumentException if an index is out of range
     */
    public Builder subset(int[] indices) {
      if (subset != null) {
        throw new IllegalStateException("subset was already set (" + subset.length + " crops)");
      }
      for (int i : indices) {
        if (i < 0 || i >= crops.size()) {
          throw new IllegalArgumentException(
              "crop index out of range 0.." + (crops.size() - 1) + ": " + i);
        }
      }
      this.subset = indices.clone();
      return this;
    }

    /**
     * Builds the iterator.
     *
     * @throws IllegalStateException if there are no crops
     */
    public CropDataSetIterator build() {
      if (crops.size() == 0 || (subset != null && subset.length == 0)) {
        throw new IllegalStateException("no crops to iterate: " + crops);
      }
      return new CropDataSetIterator(this);
    }
  }
}
