package io.github.can4000.ml.djl;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import ai.djl.util.RandomUtils;
import io.github.can4000.Dataset;
import io.github.can4000.ImageData;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.TrainingCrops;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.io.split.CropSplits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CAN4000 crops as a DJL {@link RandomAccessDataset} for image classification. Each record's data
 * is one {@code float32} array of shape {@code (3, height, width)} (CHW, RGB, normalised by {@link
 * Builder#optNormalization}), and its label one {@code float32} scalar, the class index of the
 * row's label in a {@link LabelIndex} (sorted labels).
 *
 * <pre>{@code
 * try (Dataset source = Dataset.builder()
 *         .fetcher(HttpFetchers.create())
 *         .decoder(ImageDecoders.standard())
 *         .cropper(Cropper.reference().square().resize(64, 64))
 *         .build()) {
 *   CropDataset train = CropDataset.builder()
 *       .setSource(source)
 *       .setImageSize(64, 64)
 *       .optNormalization(Normalization.IMAGENET)
 *       .setSampling(32, true)          // DJL's own options work as usual
 *       .build();
 *   EasyTrain.fit(trainer, 10, train, null);
 * }
 * }</pre>
 *
 * <p>{@link #prepare(Progress)} (which DJL's {@code getData}, and so {@code EasyTrain}, calls)
 * streams the rows through the can4000 {@link Dataset} once: fetched, decoded, cropped, converted
 * to RGB and resized to the image size, and kept as bytes ({@code 3 x width x height} per crop): in
 * the heap, or with {@link Builder#optStore(Path)} in a directory of memory-mapped files ({@link
 * TrainingCrops#store}), so that the heap holds a batch and not the dataset. Every epoch after that
 * reads the kept crops only. Rows that fail are left out ({@link #crops()}{@code .failures()});
 * {@link #size()} counts the crops loaded, at most {@code optLimit}. Before {@code prepare} the
 * dataset is empty.
 */
public final class CropDataset extends RandomAccessDataset {
  private final Dataset source;
  private final Manifest rows;
  private final LabelIndex labels;
  private final Normalization normalization;
  private final int width;
  private final int height;
  private final Path store;
  private volatile TrainingCrops crops;

  private CropDataset(
      Builder b, TrainingCrops crops, Manifest rows, LabelIndex labels, int width, int height) {
    super(b);
    this.source = b.source;
    this.rows = rows;
    this.labels = labels;
    this.normalization = b.normalization == null ? Normalization.NONE : b.normalization;
    this.width = width;
    this.height = height;
    this.store = b.store;
    this.crops = crops;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the class indices: label {@code i} of {@code labels().labels()} is class {@code i}. */
  public LabelIndex labels() {
    return labels;
  }

  /** Returns the number of classes, for the size of the model's output layer. */
  public int numClasses() {
    return labels.size();
  }

  /**
   * Returns the crops loaded by {@link #prepare(Progress)}: to inspect failures, or to build a
   * second dataset on the same crops without loading again.
   *
   * @throws IllegalStateException if the dataset is not prepared yet
   */
  public TrainingCrops crops() {
    TrainingCrops c = crops;
    if (c == null) {
      throw new IllegalStateException("dataset is not prepared yet: call prepare()");
    }
    return c;
  }

  /**
   * Returns the record at {@code index}: the crop as a {@code (3, height, width)} array, its class.
   */
  @Override
  public Record get(NDManager manager, long index) {
    TrainingCrops c = crops();
    int i = Math.toIntExact(index);
    float[] chw = new float[3 * c.height() * c.width()];
    c.toFloatArray(i, ImageData.Layout.CHW, normalization, chw, 0);
    NDList data = new NDList(manager.create(chw, new Shape(3, c.height(), c.width())));
    NDList label = new NDList(manager.create((float) c.label(i)));
    return new Record(data, label);
  }

  /**
   * Splits the crops into datasets of about the given ratios, like DJL's {@code randomSplit}, but
   * never by index: every crop of one source URL, and of URLs whose crops are near-duplicates
   * (perceptual hash within {@link NearDuplicates#DEFAULT_THRESHOLD} bits), goes to one side, and
   * each label is spread over the sides (see {@code CropSplits}). Splitting by index would put
   * crops of one photograph on both sides and make the held-out accuracy an internal validation.
   * The seed comes from DJL's {@link RandomUtils} (set by {@code Engine.setRandomSeed}). Prepares
   * the dataset.
   *
   * @throws IllegalArgumentException if fewer than two ratios are given or one is not positive
   */
  @Override
  public RandomAccessDataset[] randomSplit(int... ratio) {
    if (ratio.length < 2 || Arrays.stream(ratio).anyMatch(r -> r <= 0)) {
      throw new IllegalArgumentException(
          "give two or more positive ratios: " + Arrays.toString(ratio));
    }
    prepare(null);
    TrainingCrops c = crops();
    int sum = Arrays.stream(ratio).sum();
    int[] side =
        CropSplits.sides(
            c,
            RandomUtils.RANDOM.nextLong(),
            Arrays.stream(ratio).mapToDouble(r -> (double) r / sum).toArray());
    RandomAccessDataset[] out = new RandomAccessDataset[ratio.length];
    for (int s = 0; s < ratio.length; s++) {
      List<Long> indices = new ArrayList<>();
      for (int i = 0; i < c.size(); i++) {
        if (side[i] == s) {
          indices.add((long) i);
        }
      }
      out[s] = newSubDataset(indices);
    }
    return out;
  }

  @Override
  protected long availableSize() {
    TrainingCrops c = crops;
    return c == null ? 0 : c.size();
  }

  /**
   * Loads the crops, once; later calls return at once. The progress, if any, counts rows.
   *
   * @throws IllegalArgumentException if a row's label is not in the label index
   */
  @Override
  public synchronized void prepare(Progress progress) {
    if (crops != null) {
      return;
    }
    if (progress != null) {
      progress.reset("Loading CAN4000 crops", rows.size());
    }
    java.util.function.Consumer<io.github.can4000.Outcome> onRow =
        o -> {
          if (progress != null) {
            progress.increment(1);
          }
        };
    if (store == null) {
      crops = TrainingCrops.load(source, rows, labels, width, height, onRow);
    } else {
      try {
        crops = TrainingCrops.store(source, rows, labels, width, height, store, onRow);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the crop store in " + store, e);
      }
    }
    if (progress != null) {
      progress.end();
    }
  }

  @Override
  public String toString() {
    TrainingCrops c = crops;
    return "CropDataset["
        + (c == null ? rows.size() + " rows, not prepared" : c.size() + " crops")
        + ", "
        + width
        + "x"
        + height
        + ", "
        + labels
        + ", "
        + normalization
        + "]";
  }

  /**
   * Configures a {@link CropDataset}. Besides DJL's options ({@code setSampling}, {@code optLimit},
   * {@code addTransform}, {@code optDevice}, ...):
   *
   * <ul>
   *   <li>{@link #setSource(Dataset)}: the can4000 dataset that fetches and crops; required unless
   *       {@link #setCrops(TrainingCrops)} is given. It is not closed by the DJL dataset.
   *   <li>{@link #setImageSize(int, int)}: required with a source.
   *   <li>{@link #setCrops(TrainingCrops)}: crops already loaded (for example by another {@code
   *       CropDataset}); then the image size and labels are theirs.
   *   <li>{@link #optRows(Manifest)}: the rows to load; default the source's whole manifest.
   *   <li>{@link #optLabels(LabelIndex)}: default the labels of the source's whole manifest.
   *   <li>{@link #optNormalization(Normalization)}: default {@link Normalization#NONE}, values in
   *       [0, 1].
   *   <li>{@link #optStore(Path)}: keep the crops on disk in this empty directory instead of the
   *       heap, for datasets larger than memory; default: in the heap.
   * </ul>
   *
   * <p>Each of these may be set once; arguments are checked at once, combinations in {@link
   * #build()}.
   */
  public static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {
    private Dataset source;
    private TrainingCrops preloaded;
    private Manifest rows;
    private LabelIndex labels;
    private Normalization normalization;
    private int width = -1;
    private int height = -1;
    private Path store;

    private Builder() {}

    /**
     * Keeps the crops in {@code directory} (empty or missing) as memory-mapped files instead of the
     * heap ({@link TrainingCrops#store}); the files stay after training and can be read again with
     * {@link TrainingCrops#open(Path)} and {@link #setCrops(TrainingCrops)}.
     */
    public Builder optStore(Path directory) {
      requireUnset(store, "store");
      this.store = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Sets the can4000 dataset whose crops are loaded. */
    public Builder setSource(Dataset dataset) {
      requireUnset(source, "source");
      this.source = Objects.requireNonNull(dataset, "dataset");
      return this;
    }

    /** Sets crops already loaded; replaces a source. */
    public Builder setCrops(TrainingCrops crops) {
      requireUnset(preloaded, "crops");
      this.preloaded = Objects.requireNonNull(crops, "crops");
      return this;
    }

    /** Sets the size every crop is resized to, 1 to 16384 pixels each way. */
    public Builder setImageSize(int width, int height) {
      if (this.width >= 0) {
        throw new IllegalStateException(
            "image size was already set to " + this.width + "x" + this.height);
      }
      if (width < 1 || width > 16384 || height < 1 || height > 16384) {
        throw new IllegalArgumentException(
            "image size must be between 1 and 16384 each way: " + width + "x" + height);
      }
      this.width = width;
      this.height = height;
      return this;
    }

    /** Sets the rows to load, e.g. a shard or a split of the source's manifest. */
    public Builder optRows(Manifest rows) {
      requireUnset(this.rows, "rows");
      this.rows = Objects.requireNonNull(rows, "rows");
      return this;
    }

    /** Sets the class indices; build them from the whole manifest so all splits agree. */
    public Builder optLabels(LabelIndex labels) {
      requireUnset(this.labels, "labels");
      this.labels = Objects.requireNonNull(labels, "labels");
      return this;
    }

    /** Sets the per-channel normalisation of the RGB values. */
    public Builder optNormalization(Normalization normalization) {
      requireUnset(this.normalization, "normalization");
      if (!normalization.fits(3)) {
        throw new IllegalArgumentException(
            "normalization must have 1 or 3 channels: " + normalization);
      }
      this.normalization = normalization;
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Builds the dataset; the crops are loaded by {@link CropDataset#prepare(Progress)}.
     *
     * @throws IllegalStateException if neither or both of a source and crops are set, a source is
     *     set without an image size, or crops are combined with an image size, rows or labels
     */
    public CropDataset build() {
      if ((source == null) == (preloaded == null)) {
        throw new IllegalStateException(
            "set exactly one of setSource(dataset) and setCrops(crops)");
      }
      if (preloaded != null) {
        if (width >= 0 || rows != null || labels != null || store != null) {
          throw new IllegalStateException(
              "setCrops(crops) fixes the image size, rows, labels and store; do not set them");
        }
        return new CropDataset(
            this,
            preloaded,
            Manifest.of("crops", List.of()),
            preloaded.labels(),
            preloaded.width(),
            preloaded.height());
      }
      if (width < 0) {
        throw new IllegalStateException("image size is not set: use setImageSize(width, height)");
      }
      Manifest r = rows == null ? source.manifest() : rows;
      LabelIndex l = labels == null ? LabelIndex.of(source.manifest()) : labels;
      return new CropDataset(this, null, r, l, width, height);
    }

    private static void requireUnset(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }
  }
}
