package io.github.can4000;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The crops of a set of rows, loaded once into memory at one fixed size, in RGB, each with its class
 * index: what a training loop indexes into epoch after epoch without fetching anything again. The
 * DJL and Deeplearning4j adapters (can4000-djl, can4000-dl4j) are built on it.
 *
 * <pre>{@code
 * TrainingCrops crops = TrainingCrops.load(dataset, dataset.manifest(), LabelIndex.of(dataset.manifest()), 64, 64);
 * float[] x = crops.image(0).toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET);
 * int y = crops.label(0);
 * }</pre>
 *
 * <p>Memory: {@code size() x width x height x 3} bytes, e.g. 53 MiB for the 4,305 CAN4000 rows at
 * {@code 64 x 64}, 650 MiB at {@code 224 x 224}. Rows that fail are left out and listed in
 * {@link #failures()}. Instances are immutable and thread-safe.
 */
public final class TrainingCrops {
  private final LabelIndex labels;
  private final int width;
  private final int height;
  private final List<ImageData> images;
  private final int[] classes;
  private final List<ManifestEntry> entries;
  private final List<Outcome> failures;

  private TrainingCrops(LabelIndex labels, int width, int height, List<ImageData> images, int[] classes,
      List<ManifestEntry> entries, List<Outcome> failures) {
    this.labels = labels;
    this.width = width;
    this.height = height;
    this.images = List.copyOf(images);
    this.classes = classes;
    this.entries = List.copyOf(entries);
    this.failures = List.copyOf(failures);
  }

  /** Loads the crops of {@code rows}; see {@link #load(Dataset, Manifest, LabelIndex, int, int, Consumer)}. */
  public static TrainingCrops load(Dataset dataset, Manifest rows, LabelIndex labels, int width, int height) {
    return load(dataset, rows, labels, width, height, o -> { });
  }

  /**
   * Streams {@code rows} through {@code dataset} once, in their order, and keeps each successful crop
   * converted to RGB ({@link ImageData#toRgb()}) and resized to {@code width x height}
   * ({@link ImageData#resize}; nothing to do if the dataset's cropper already resizes to that size,
   * which is cheaper: {@code Cropper.reference().square().resize(width, height)}).
   *
   * @param dataset the dataset that fetches, decodes and crops; not closed
   * @param rows the rows to load, e.g. {@code dataset.manifest()} or a {@linkplain Manifest#shard shard}
   * @param labels the class indices, normally of the whole manifest
   * @param width crop width, 1 to 16384
   * @param height crop height, 1 to 16384
   * @param onRow told of every row's outcome as it ends, in order (for progress)
   * @throws IllegalArgumentException if a size is out of range, or a row's label is not in
   *     {@code labels}
   */
  public static TrainingCrops load(Dataset dataset, Manifest rows, LabelIndex labels, int width, int height,
      Consumer<? super Outcome> onRow) {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(onRow, "onRow");
    if (width < 1 || width > ResizingCropper.MAX_SIZE || height < 1 || height > ResizingCropper.MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 1 and " + ResizingCropper.MAX_SIZE
          + " pixels each way: " + width + "x" + height);
    }
    for (ManifestEntry e : rows.entries()) {
      if (!labels.contains(e.label())) {
        throw new IllegalArgumentException("row " + e.id() + " has label '" + e.label() + "', which is not in "
            + labels);
      }
    }
    List<ImageData> images = new ArrayList<>();
    List<ManifestEntry> entries = new ArrayList<>();
    List<Integer> classes = new ArrayList<>();
    List<Outcome> failures = new ArrayList<>();
    try (Stream<RowResult> results = dataset.results(rows)) {
      results.forEach(r -> {
        onRow.accept(r.outcome());
        if (r.sample().isPresent()) {
          Sample s = r.sample().get();
          images.add(s.image().toRgb().resize(width, height));
          entries.add(s.entry());
          classes.add(labels.indexOf(s));
        } else {
          failures.add(r.outcome());
        }
      });
    }
    return new TrainingCrops(labels, width, height, images, classes.stream().mapToInt(Integer::intValue).toArray(),
        entries, failures);
  }

  /** Returns the number of crops loaded. */
  public int size() {
    return images.size();
  }

  /** Returns the width of every crop. */
  public int width() {
    return width;
  }

  /** Returns the height of every crop. */
  public int height() {
    return height;
  }

  /** Returns the class indices used for {@link #label(int)}. */
  public LabelIndex labels() {
    return labels;
  }

  /** Returns crop {@code i}: RGB, {@link #width()} x {@link #height()}. */
  public ImageData image(int i) {
    return images.get(i);
  }

  /** Returns the class index of crop {@code i}. */
  public int label(int i) {
    Objects.checkIndex(i, classes.length);
    return classes[i];
  }

  /** Returns the manifest row crop {@code i} came from. */
  public ManifestEntry entry(int i) {
    return entries.get(i);
  }

  /** Returns the outcomes of the rows that yielded no crop, in row order. */
  public List<Outcome> failures() {
    return failures;
  }

  @Override
  public String toString() {
    return "TrainingCrops[" + size() + " crops " + width + "x" + height + ", " + failures.size() + " failed, "
        + labels + "]";
  }
}
