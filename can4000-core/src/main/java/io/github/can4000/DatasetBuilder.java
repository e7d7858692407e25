package io.github.can4000;

import static io.github.can4000.internal.Args.checkRange;
import static io.github.can4000.internal.Args.requireUnset;

import io.github.can4000.internal.Args;
import io.github.can4000.internal.DecodeMemory;
import io.github.can4000.internal.MemoryPolicy;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures and builds a {@link Dataset}. Obtain one from {@link Dataset#builder()}.
 *
 * <p>Options and defaults:
 *
 * <ul>
 *   <li>{@link #manifest(Manifest) manifest}: the bundled CAN4000 manifest
 *   <li>{@link #fetcher(Fetcher) fetcher}: required (e.g. {@code HttpFetchers.create()} of
 *       can4000-io)
 *   <li>{@link #decoder(Decoder) decoder}: required (e.g. {@code ImageDecoders.standard()})
 *   <li>{@link #cropper(Cropper) cropper}: {@link Cropper#reference()}
 *   <li>{@link #concurrency(int) concurrency}: 64 fetches in flight (waiting on the network, apart
 *       from the decode threads); the original used 8
 *   <li>{@link #decodeThreads(int) decodeThreads}: the number of available processors; fewer when
 *       the decoder cannot size images from their headers and the decode memory holds fewer of its
 *       largest images ({@link Decoder#maxDecodedBytes()})
 *   <li>{@link #maxRowsInFlight(int) maxRowsInFlight}: twice the concurrency
 *   <li>{@link #decodeMemory(long) decodeMemory}: what this JVM's heap holds: the maximum heap less
 *       an eighth (at most 64 MiB) for fetched bodies and 64 MiB for everything else, at least 16
 *       MiB. So {@code Dataset.builder()...build()} runs in a 256 MiB heap as the command line
 *       does.
 *   <li>{@link #listener(ProgressListener) listener}: none
 *   <li>{@link #cache(CropCache) cache}: none ({@link CropCache#NONE}), every pass fetches again
 * </ul>
 *
 * <p>Each option may be set once; arguments are checked at once and missing required options at
 * {@link #build()}. The builder can build several datasets. The dataset owns the fetcher it is
 * given and closes it when it is closed.
 */
public final class DatasetBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetBuilder.class);
  static final int DEFAULT_CONCURRENCY = 64;

  Manifest manifest;
  Fetcher fetcher;
  Decoder decoder;
  Cropper cropper;
  int concurrency = -1;
  int decodeThreads = -1;
  int maxRowsInFlight = -1;
  long decodeMemory = -1;
  ProgressListener listener;
  CropCache cache;

  DatasetBuilder() {}

  /** Sets the manifest whose rows the dataset yields. */
  public DatasetBuilder manifest(Manifest manifest) {
    requireUnset(this.manifest, "manifest");
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    return this;
  }

  /** Sets the fetcher that gets each row's bytes. The dataset closes it when closed. */
  public DatasetBuilder fetcher(Fetcher fetcher) {
    requireUnset(this.fetcher, "fetcher");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    return this;
  }

  /** Sets the decoder that turns bytes into pixels. */
  public DatasetBuilder decoder(Decoder decoder) {
    requireUnset(this.decoder, "decoder");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    return this;
  }

  /** Sets the cropper that cuts each row's crop from its source image. */
  public DatasetBuilder cropper(Cropper cropper) {
    requireUnset(this.cropper, "cropper");
    this.cropper = Objects.requireNonNull(cropper, "cropper");
    return this;
  }

  /** Sets how many fetches run at once (the fetch thread count), 1 to 1024; default 64. */
  public DatasetBuilder concurrency(int n) {
    requireUnset(concurrency, "concurrency");
    this.concurrency = checkRange(n, 1, 1024, "concurrency");
    return this;
  }

  /** Sets how many threads decode, crop and encode, 1 to 256; default the number of processors. */
  public DatasetBuilder decodeThreads(int n) {
    requireUnset(decodeThreads, "decodeThreads");
    this.decodeThreads = checkRange(n, 1, 256, "decodeThreads");
    return this;
  }

  /**
   * Sets how many rows may be in progress at once, which bounds memory, 1 to 65536; default twice
   * the concurrency.
   */
  public DatasetBuilder maxRowsInFlight(int n) {
    requireUnset(maxRowsInFlight, "maxRowsInFlight");
    this.maxRowsInFlight = checkRange(n, 1, 65536, "maxRowsInFlight");
    return this;
  }

  /**
   * Bounds the memory of decoded images held at once, in bytes of pixels as the decoder reads them
   * from image headers ({@link Decoder#decodedBytes}): a decode waits until enough earlier images
   * are released (their rows cropped), and an image larger than the whole budget waits until it is
   * alone. Use it with a small heap, so that ordinary images still decode in parallel while two
   * huge ones never do. Images whose size the decoder does not know are not counted. The default is
   * sized from the heap (see the class comment); {@code Long.MAX_VALUE} lifts the bound.
   *
   * @throws IllegalArgumentException if {@code bytes} is not positive
   */
  public DatasetBuilder decodeMemory(long bytes) {
    requireUnset(decodeMemory, "decodeMemory");
    this.decodeMemory = Args.checkPositive(bytes, "decodeMemory");
    return this;
  }

  /** Sets a listener told of every row's outcome. */
  public DatasetBuilder listener(ProgressListener listener) {
    requireUnset(this.listener, "listener");
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Sets a cache that keeps crops between passes: a row the cache holds is neither fetched nor
   * decoded again. The cache must hold crops of this dataset's cropper only.
   */
  public DatasetBuilder cache(CropCache cache) {
    requireUnset(this.cache, "cache");
    this.cache = Objects.requireNonNull(cache, "cache");
    return this;
  }

  /**
   * Builds the dataset.
   *
   * @throws IllegalStateException if the fetcher or decoder is not set, or maxRowsInFlight is below
   *     the concurrency
   */
  public Dataset build() {
    if (fetcher == null) {
      throw new IllegalStateException(
          "fetcher is not set: use fetcher(HttpFetchers.create()) from can4000-io");
    }
    if (decoder == null) {
      throw new IllegalStateException(
          "decoder is not set: use decoder(ImageDecoders.standard()) from can4000-io");
    }
    int conc = concurrency < 0 ? DEFAULT_CONCURRENCY : concurrency;
    int inFlight = maxRowsInFlight < 0 ? 2 * conc : maxRowsInFlight;
    if (inFlight < conc) {
      throw new IllegalStateException(
          "maxRowsInFlight (" + inFlight + ") must be at least concurrency (" + conc + ")");
    }
    long memory =
        decodeMemory < 0
            ? MemoryPolicy.decodeMemory(Runtime.getRuntime().maxMemory())
            : decodeMemory;
    int wanted = decodeThreads < 0 ? Runtime.getRuntime().availableProcessors() : decodeThreads;
    int threads = MemoryPolicy.decodeThreads(wanted, decoder, memory);
    if (threads < wanted) {
      LOG.info(
          "decoding with {} of {} threads: {} cannot size images in advance, and {} MiB of decode memory"
              + " holds {} of its largest images; give java more memory (-Xmx) for more",
          threads,
          wanted,
          decoder,
          memory >> 20,
          threads);
    }
    return new Dataset(
        manifest == null ? Manifest.can4000() : manifest,
        fetcher,
        decoder,
        cropper == null ? Cropper.reference() : cropper,
        conc,
        threads,
        inFlight,
        listener == null ? ProgressListener.NONE : listener,
        cache == null ? CropCache.NONE : cache,
        memory == Long.MAX_VALUE ? null : new DecodeMemory(memory));
  }
}
