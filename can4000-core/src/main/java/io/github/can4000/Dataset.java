package io.github.can4000;

import io.github.can4000.internal.DecodeMemory;
import io.github.can4000.internal.Run;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The crops of a manifest, fetched, decoded and cut on demand: stream them as {@link Sample}s, or
 * write them to a {@link Sink}.
 *
 * <pre>{@code
 * try (Dataset dataset = Dataset.builder()
 *         .fetcher(HttpFetchers.create())
 *         .decoder(ImageDecoders.standard())
 *         .build();
 *     Stream<Sample> samples = dataset.stream()) {
 *   samples.forEach(s -> train(s.toFloatChw(), s.label()));
 * }
 * }</pre>
 *
 * <p>A dataset holds thread pools and the fetcher's connections: use try-with-resources, and close
 * the streams it returns too (closing a stream early cancels its outstanding rows). A dataset may
 * be streamed or written several times, and from several threads.
 */
public final class Dataset implements AutoCloseable {
  private final Manifest manifest;
  private final Fetcher fetcher;
  private final Decoder decoder;
  private final Cropper cropper;
  private final int concurrency;
  private final int decodeThreads;
  private final int maxRowsInFlight;
  private final ProgressListener listener;
  private final CropCache cache;

  /** The bound on decoded images held at once, shared by all runs; null if none. */
  private final DecodeMemory memory;

  private final ExecutorService fetchPool;
  private final ExecutorService cpuPool;
  private final Set<Run> runs = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  Dataset(
      Manifest manifest,
      Fetcher fetcher,
      Decoder decoder,
      Cropper cropper,
      int concurrency,
      int decodeThreads,
      int maxRowsInFlight,
      ProgressListener listener,
      CropCache cache,
      DecodeMemory memory) {
    this.manifest = manifest;
    this.fetcher = fetcher;
    this.decoder = decoder;
    this.cropper = cropper;
    this.concurrency = concurrency;
    this.decodeThreads = decodeThreads;
    this.maxRowsInFlight = maxRowsInFlight;
    this.listener = listener;
    this.cache = cache;
    this.memory = memory;
    this.fetchPool = Executors.newFixedThreadPool(concurrency, threads("can4000-fetch-"));
    this.cpuPool = Executors.newFixedThreadPool(decodeThreads, threads("can4000-decode-"));
  }

  /** Returns a new builder. */
  public static DatasetBuilder builder() {
    return new DatasetBuilder();
  }

  /** Returns the manifest. */
  public Manifest manifest() {
    return manifest;
  }

  /**
   * Streams the crops of the rows that succeed, in manifest order. At most {@code maxRowsInFlight}
   * rows are in progress at once; pulling samples drives the work. Rows that fail are left out; use
   * {@link #results()} to see them.
   *
   * <p>Use try-with-resources: closing the stream cancels the rows still in progress.
   */
  public Stream<Sample> stream() {
    return results().map(RowResult::sample).flatMap(Optional::stream);
  }

  /**
   * Streams every row's {@link RowResult}, in manifest order: its outcome, and its sample if it
   * succeeded. Close the stream when done.
   */
  public Stream<RowResult> results() {
    return results(manifest);
  }

  /**
   * Streams the crops of the rows of {@code rows} that succeed, in the order of {@code rows}, with
   * this dataset's fetcher, decoder and cropper: for example a new order each epoch, {@code
   * dataset.stream(dataset.manifest().shuffled(seed + epoch))}, or one worker's {@linkplain
   * Manifest#shard shard}. Otherwise as {@link #stream()}; close the stream when done.
   */
  public Stream<Sample> stream(Manifest rows) {
    return results(rows).map(RowResult::sample).flatMap(Optional::stream);
  }

  /**
   * Streams the {@link RowResult} of every row of {@code rows}, in their order; see {@link
   * #stream(Manifest)}. Close the stream when done.
   */
  public Stream<RowResult> results(Manifest rows) {
    Objects.requireNonNull(rows, "rows");
    checkOpen();
    Run run = newRun(null, rows.size());
    OrderedResults source = new OrderedResults(run, rows.entries(), maxRowsInFlight);
    return StreamSupport.stream(source, false)
        .onClose(
            () -> {
              source.cancel();
              runs.remove(run);
            });
  }

  /**
   * Writes every row's crop to {@code sink} and returns one outcome per row, in manifest order. The
   * rows are processed grouped by URL (in the order of each URL's first row), so rows sharing a
   * source share one fetch and one decode however far apart they are in the manifest. Rows the sink
   * already {@linkplain Sink#contains contains} are not fetched. The sink is not closed. If the
   * calling thread is interrupted, outstanding rows are cancelled and reported as {@link
   * Reason#CANCELLED}, and the interrupt flag is set again.
   */
  public RunReport writeTo(Sink sink) {
    checkOpen();
    long start = System.nanoTime();
    List<ManifestEntry> entries = manifest.entries();
    int n = entries.size();
    Run run = newRun(sink, n);
    AtomicReferenceArray<Outcome> outcomes = new AtomicReferenceArray<>(n);
    Semaphore permits = new Semaphore(maxRowsInFlight);
    CountDownLatch done = new CountDownLatch(n);
    int[] order = groupedByUrl(entries);
    try {
      for (int k = 0; k < n; ) {
        // one group of rows sharing a URL (at most maxRowsInFlight of them) goes in at once
        String url = entries.get(order[k]).url();
        int end = k + 1;
        while (end < n && end - k < maxRowsInFlight && entries.get(order[end]).url().equals(url)) {
          end++;
        }
        permits.acquire(end - k);
        List<ManifestEntry> group = new ArrayList<>(end - k);
        for (int j = k; j < end; j++) {
          group.add(entries.get(order[j]));
        }
        List<CompletableFuture<RowResult>> futures = run.submitGroup(group);
        for (int j = k; j < end; j++) {
          int index = order[j];
          futures
              .get(j - k)
              .whenComplete(
                  (r, ex) -> {
                    outcomes.set(
                        index,
                        r != null
                            ? r.outcome()
                            : Outcome.skipped(entries.get(index), Reason.CANCELLED, "cancelled"));
                    permits.release();
                    done.countDown();
                  });
        }
        k = end;
      }
      done.await();
    } catch (InterruptedException e) {
      run.cancel();
      Thread.currentThread().interrupt();
    } finally {
      runs.remove(run);
    }
    List<Outcome> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Outcome o = outcomes.get(i);
      list.add(
          o != null ? o : Outcome.skipped(entries.get(i), Reason.CANCELLED, "run interrupted"));
    }
    return new RunReport(list, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Returns the row indexes grouped by URL, groups in order of first occurrence, rows in order
   * within.
   */
  static int[] groupedByUrl(List<ManifestEntry> entries) {
    int n = entries.size();
    Map<String, Integer> groups = new HashMap<>(Math.max(16, n * 4 / 3));
    int[] group = new int[n];
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      Integer g = groups.putIfAbsent(entries.get(i).url(), groups.size());
      group[i] = g == null ? groups.size() - 1 : g;
      start[group[i] + 1]++;
    }
    for (int g = 0; g < n; g++) {
      start[g + 1] += start[g];
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[start[group[i]]++] = i;
    }
    return order;
  }

  /** Cancels outstanding work, stops the threads and closes the fetcher. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Run run : runs) {
      run.cancel();
    }
    runs.clear();
    fetchPool.shutdownNow();
    cpuPool.shutdownNow();
    try {
      fetcher.close();
    } finally {
      try {
        fetchPool.awaitTermination(5, TimeUnit.SECONDS);
        cpuPool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "Dataset["
        + manifest
        + ", concurrency="
        + concurrency
        + ", decodeThreads="
        + decodeThreads
        + ", maxRowsInFlight="
        + maxRowsInFlight
        + (memory == null ? "" : ", " + memory)
        + ", cropper="
        + cropper
        + ", cache="
        + cache
        + "]";
  }

  private Run newRun(Sink sink, int rows) {
    listener.onStart(rows);
    Run run = new Run(fetcher, decoder, cropper, cache, sink, listener, fetchPool, cpuPool, memory);
    runs.add(run);
    return run;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("dataset is closed");
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Yields row results in manifest order with a bounded window of rows in progress. */
  private static final class OrderedResults extends Spliterators.AbstractSpliterator<RowResult> {
    private final Run run;
    private final List<ManifestEntry> entries;
    private final int window;
    private final ArrayDeque<CompletableFuture<RowResult>> inFlight = new ArrayDeque<>();
    private int next;

    OrderedResults(Run run, List<ManifestEntry> entries, int window) {
      super(entries.size(), ORDERED | SIZED | NONNULL);
      this.run = run;
      this.entries = entries;
      this.window = window;
    }

    @Override
    public boolean tryAdvance(Consumer<? super RowResult> action) {
      fill();
      CompletableFuture<RowResult> head = inFlight.poll();
      if (head == null) {
        return false;
      }
      RowResult r;
      try {
        r = head.get();
      } catch (InterruptedException e) {
        cancel();
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for a row");
      } catch (ExecutionException | CancellationException e) {
        throw new IllegalStateException("row future failed; this is a bug", e);
      }
      fill();
      action.accept(r);
      return true;
    }

    private void fill() {
      while (inFlight.size() < window && next < entries.size()) {
        inFlight.add(run.submit(entries.get(next++)));
      }
    }

    void cancel() {
      next = entries.size();
      run.cancel();
      inFlight.clear();
    }
  }
}
