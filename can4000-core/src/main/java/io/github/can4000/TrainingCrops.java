package io.github.can4000;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The crops of a set of rows at one fixed size, in RGB, each with its class index: what a training
 * loop indexes into epoch after epoch without fetching anything again. The DJL and Deeplearning4j
 * adapters (can4000-djl, can4000-dl4j) are built on it. Two ways to hold them:
 *
 * <ul>
 *   <li>{@link #load load}: in the heap, {@code size() x width x height x 3} bytes, e.g. 53 MiB for
 *       the 4,305 CAN4000 rows at {@code 64 x 64}, 650 MiB at {@code 224 x 224};
 *   <li>{@link #store store}: on disk, in a directory of fixed-size byte records read through
 *       memory maps, so the heap holds only the index (class and manifest row per crop) whatever
 *       the number of crops; the operating system's page cache keeps what fits in RAM. {@link #open
 *       open} reads a store again in a later run without fetching anything.
 * </ul>
 *
 * <pre>{@code
 * TrainingCrops crops = TrainingCrops.store(dataset, dataset.manifest(), LabelIndex.of(dataset.manifest()),
 *     224, 224, Path.of("crops-224"));                 // epoch 1 fetches, later epochs read the disk
 * float[] batch = new float[32 * 3 * 224 * 224];
 * crops.toFloatArray(0, ImageData.Layout.CHW, Normalization.IMAGENET, batch, 0);
 * int y = crops.label(0);
 * }</pre>
 *
 * <p>Rows that fail are left out and listed in {@link #failures()}. Instances are immutable and
 * thread-safe.
 */
public final class TrainingCrops {
  private final LabelIndex labels;
  private final int width;
  private final int height;
  private final List<byte[]> images;
  private final CropStore store;
  private final Path directory;
  private final int[] classes;
  private final List<ManifestEntry> entries;
  private final List<Outcome> failures;

  private TrainingCrops(
      LabelIndex labels,
      int width,
      int height,
      List<byte[]> images,
      CropStore store,
      Path directory,
      int[] classes,
      List<ManifestEntry> entries,
      List<Outcome> failures) {
    this.labels = labels;
    this.width = width;
    this.height = height;
    this.images = images == null ? null : List.copyOf(images);
    this.store = store;
    this.directory = directory;
    this.classes = classes;
    this.entries = List.copyOf(entries);
    this.failures = List.copyOf(failures);
  }

  /**
   * Loads the crops of {@code rows}; see {@link #load(Dataset, Manifest, LabelIndex, int, int,
   * Consumer)}.
   */
  public static TrainingCrops load(
      Dataset dataset, Manifest rows, LabelIndex labels, int width, int height) {
    return load(dataset, rows, labels, width, height, o -> {});
  }

  /**
   * Streams {@code rows} through {@code dataset} once, in their order, and keeps each successful
   * crop in the heap, converted to RGB ({@link ImageData#toRgb()}) and resized to {@code width x
   * height} ({@link ImageData#resize}; nothing to do if the dataset's cropper already resizes to
   * that size, which is cheaper: {@code Cropper.reference().square().resize(width, height)}).
   *
   * @param dataset the dataset that fetches, decodes and crops; not closed
   * @param rows the rows to load, e.g. {@code dataset.manifest()} or a {@linkplain Manifest#shard
   *     shard}
   * @param labels the class indices, normally of the whole manifest
   * @param width crop width, 1 to 16384
   * @param height crop height, 1 to 16384
   * @param onRow told of every row's outcome as it ends, in order (for progress)
   * @throws IllegalArgumentException if a size is out of range, or a row's label is not in {@code
   *     labels}
   */
  public static TrainingCrops load(
      Dataset dataset,
      Manifest rows,
      LabelIndex labels,
      int width,
      int height,
      Consumer<? super Outcome> onRow) {
    check(dataset, rows, labels, width, height, onRow);
    List<byte[]> images = new ArrayList<>();
    Collected c = collect(dataset, rows, labels, width, height, onRow, images::add);
    return new TrainingCrops(
        labels, width, height, images, null, null, c.classes(), c.entries, c.failures);
  }

  /**
   * Stores the crops of {@code rows}; see {@link #store(Dataset, Manifest, LabelIndex, int, int,
   * Path, Consumer)}.
   */
  public static TrainingCrops store(
      Dataset dataset, Manifest rows, LabelIndex labels, int width, int height, Path directory)
      throws IOException {
    return store(dataset, rows, labels, width, height, directory, o -> {});
  }

  /**
   * Streams {@code rows} through {@code dataset} once, as {@link #load load} does, but writes each
   * crop to {@code directory} instead of keeping it: shards {@code crops-NNNNN.bin} of fixed-size
   * {@code width x height x 3} byte records (at most 1 GiB each) and {@code index.tsv} (the size,
   * the labels, then the class and manifest row of each crop). The returned crops read the shards
   * through read-only memory maps, so the heap holds only the index: memory is bounded by what the
   * training loop keeps (a batch, a prefetch queue), not by the number of crops.
   *
   * <p>Files are written under {@code .part} names and renamed when complete, the index last; if
   * the run fails, what it wrote is deleted. The files stay after the run: {@link #open(Path)}
   * reads them again; delete the directory when done.
   *
   * @param directory an empty or missing directory
   * @throws IllegalArgumentException as {@link #load load}, or if {@code directory} is not empty
   * @throws IOException if writing fails
   */
  public static TrainingCrops store(
      Dataset dataset,
      Manifest rows,
      LabelIndex labels,
      int width,
      int height,
      Path directory,
      Consumer<? super Outcome> onRow)
      throws IOException {
    check(dataset, rows, labels, width, height, onRow);
    Objects.requireNonNull(directory, "directory");
    Collected c;
    try (CropStore.Writer writer = new CropStore.Writer(directory, width, height)) {
      c =
          collect(
              dataset,
              rows,
              labels,
              width,
              height,
              onRow,
              rgb -> {
                try {
                  writer.append(rgb);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      writer.finish(labels, c.classes(), c.entries);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    CropStore store = CropStore.map(directory, width * height * 3, c.entries.size());
    return new TrainingCrops(
        labels, width, height, null, store, directory, c.classes(), c.entries, c.failures);
  }

  /**
   * Opens crops written by {@link #store store}, in this or an earlier run: nothing is fetched. The
   * failures of the run that wrote them are not kept ({@link #failures()} is empty).
   *
   * @throws IOException if {@code directory} holds no complete store or its files do not agree
   */
  public static TrainingCrops open(Path directory) throws IOException {
    CropStore.Index index = CropStore.readIndex(directory);
    CropStore store =
        CropStore.map(directory, index.width() * index.height() * 3, index.classes().length);
    return new TrainingCrops(
        index.labels(),
        index.width(),
        index.height(),
        null,
        store,
        directory,
        index.classes(),
        index.entries(),
        List.of());
  }

  private static void check(
      Dataset dataset,
      Manifest rows,
      LabelIndex labels,
      int width,
      int height,
      Consumer<? super Outcome> onRow) {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(onRow, "onRow");
    if (width < 1
        || width > ResizingCropper.MAX_SIZE
        || height < 1
        || height > ResizingCropper.MAX_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and "
              + ResizingCropper.MAX_SIZE
              + " pixels each way: "
              + width
              + "x"
              + height);
    }
    for (ManifestEntry e : rows.entries()) {
      if (!labels.contains(e.label())) {
        throw new IllegalArgumentException(
            "row " + e.id() + " has label '" + e.label() + "', which is not in " + labels);
      }
    }
  }

  private static final class Collected {
    final List<ManifestEntry> entries = new ArrayList<>();
    final List<Integer> classes = new ArrayList<>();
    final List<Outcome> failures = new ArrayList<>();

    int[] classes() {
      return classes.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private static Collected collect(
      Dataset dataset,
      Manifest rows,
      LabelIndex labels,
      int width,
      int height,
      Consumer<? super Outcome> onRow,
      Consumer<byte[]> keep) {
    Collected c = new Collected();
    try (Stream<RowResult> results = dataset.results(rows)) {
      results.forEach(
          r -> {
            onRow.accept(r.outcome());
            if (r.sample().isPresent()) {
              Sample s = r.sample().get();
              keep.accept(s.image().toRgb().resize(width, height).pixels());
              c.entries.add(s.entry());
              c.classes.add(labels.indexOf(s));
            } else {
              c.failures.add(r.outcome());
            }
          });
    }
    return c;
  }

  /** Returns the number of crops. */
  public int size() {
    return entries.size();
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

  /** Returns the directory the crops are read from, or empty when they are in the heap. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** Returns crop {@code i}: RGB, {@link #width()} x {@link #height()}. */
  public ImageData image(int i) {
    return new ImageData(width, height, 3, bytes(i).clone());
  }

  /**
   * Writes crop {@code i} as floats into {@code dst} from {@code offset}, as {@link
   * ImageData#toFloatArray(ImageData.Layout, Normalization, float[], int)} would, without an
   * intermediate image: {@code 3 x height x width} values with a three-value (or single-value)
   * normalisation. This is how the DJL and DL4J adapters fill their batches.
   *
   * @throws IllegalArgumentException if the normalisation has four values
   * @throws IndexOutOfBoundsException if {@code i} is out of range or {@code dst} too short
   */
  public void toFloatArray(
      int i, ImageData.Layout layout, Normalization normalization, float[] dst, int offset) {
    int c = normalization.outputChannels(3);
    if (c != 3) {
      throw new IllegalArgumentException(
          "crops are RGB; normalization must have 1 or 3 values: " + normalization);
    }
    int n = width * height;
    Objects.checkFromIndexSize(offset, n * 3, dst.length);
    ImageData.writeFloats(bytes(i), n, 3, layout, normalization.table(3), dst, offset);
  }

  /**
   * The bytes of crop {@code i}: the stored array itself in the heap, a new array read from disk.
   */
  private byte[] bytes(int i) {
    Objects.checkIndex(i, entries.size());
    if (images != null) {
      return images.get(i);
    }
    byte[] b = new byte[width * height * 3];
    store.read(i, b);
    return b;
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
    return "TrainingCrops["
        + size()
        + " crops "
        + width
        + "x"
        + height
        + ", "
        + failures.size()
        + " failed, "
        + labels
        + (directory == null ? "" : ", in " + directory)
        + "]";
  }
}
