package io.github.can4000.internal;

import io.github.can4000.CropCache;
import io.github.can4000.Cropper;
import io.github.can4000.EdgeFlag;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.PixelRect;
import io.github.can4000.ProgressListener;
import io.github.can4000.Reason;
import io.github.can4000.RowResult;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import io.github.can4000.spi.RegionHint;
import io.github.can4000.spi.RowException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over rows: fetch on the fetch pool (network waiting never occupies a decode thread),
 * then decode, crop and deliver on the CPU pool. Every submitted row's future completes normally
 * with exactly one outcome, whatever the components throw. Rows in progress at the same time that
 * share a URL share one fetch and one decode.
 */
public final class Run {
  private static final Logger LOG = LoggerFactory.getLogger(Run.class);

  /** True on a decode thread while it completes the source it decoded. */
  private static final ThreadLocal<Boolean> DECODING = ThreadLocal.withInitial(() -> false);

  private final Fetcher fetcher;
  private final Decoder decoder;
  private final Cropper cropper;
  private final CropCache cache;
  private final Sink sink;
  private final ProgressListener listener;
  private final ExecutorService fetchPool;
  private final ExecutorService cpuPool;

  /** Bounds the decoded images held at once; null if unbounded. */
  private final DecodeMemory memory;

  private final Map<String, SharedSource> sources = new ConcurrentHashMap<>();
  private final Map<CompletableFuture<RowResult>, ManifestEntry> pending =
      new ConcurrentHashMap<>();
  private volatile boolean cancelled;

  public Run(
      Fetcher fetcher,
      Decoder decoder,
      Cropper cropper,
      CropCache cache,
      Sink sink,
      ProgressListener listener,
      ExecutorService fetchPool,
      ExecutorService cpuPool,
      DecodeMemory memory) {
    this.fetcher = fetcher;
    this.decoder = decoder;
    this.cropper = cropper;
    this.cache = cache;
    this.sink = sink;
    this.listener = listener;
    this.fetchPool = fetchPool;
    this.cpuPool = cpuPool;
    this.memory = memory;
  }

  /** Starts a row; the future always completes normally. */
  public CompletableFuture<RowResult> submit(ManifestEntry entry) {
    return submitGroup(List.of(entry)).get(0);
  }

  /**
   * Starts rows that all name the same URL: they are attached to one fetch and one decode before it
   * starts, so the decoder gets the union of their regions. The futures always complete normally.
   */
  public List<CompletableFuture<RowResult>> submitGroup(List<ManifestEntry> group) {
    long start = System.nanoTime();
    List<CompletableFuture<RowResult>> rows = new ArrayList<>(group.size());
    List<ManifestEntry> live = new ArrayList<>(group.size());
    List<CompletableFuture<RowResult>> liveRows = new ArrayList<>(group.size());
    List<RegionHint> hints = new ArrayList<>(group.size());
    for (ManifestEntry entry : group) {
      Outcome early = precheck(entry);
      if (early != null) {
        rows.add(CompletableFuture.completedFuture(finish(new RowResult(early, Optional.empty()))));
        continue;
      }
      CompletableFuture<RowResult> row = new CompletableFuture<>();
      pending.put(row, entry);
      rows.add(row);
      Optional<Sample> cached = cached(entry);
      if (cached.isPresent()) {
        try {
          cpuPool.execute(() -> completeFromCache(row, entry, cached.get(), start));
        } catch (RejectedExecutionException rejected) {
          completeFromCache(row, entry, null, start);
        }
        continue;
      }
      live.add(entry);
      liveRows.add(row);
      hints.add(cropper.region(entry));
    }
    if (live.isEmpty()) {
      return rows;
    }
    SharedSource shared = acquire(live.get(0).url(), hints);
    for (int i = 0; i < live.size(); i++) {
      ManifestEntry entry = live.get(i);
      CompletableFuture<RowResult> row = liveRows.get(i);
      shared.future.whenComplete(
          (src, ex) -> {
            if (DECODING.get()) {
              // on the decode thread that just decoded src: crop it now rather than queue it behind
              // other
              // decodes, so that at most one decoded image per decode thread is held
              complete(row, entry, src, shared, start);
              return;
            }
            try {
              cpuPool.execute(() -> complete(row, entry, src, shared, start));
            } catch (RejectedExecutionException rejected) {
              complete(
                  row,
                  entry,
                  Source.failed(new RowException(Reason.CANCELLED, "dataset closed")),
                  shared,
                  start);
            }
          });
    }
    return rows;
  }

  /**
   * Cancels all rows in progress: fetches are interrupted and every pending row future completes
   * with {@link Reason#CANCELLED}, also rows whose queued task a closed pool will never run.
   */
  public void cancel() {
    cancelled = true;
    for (SharedSource s : sources.values()) {
      s.cancel();
    }
    for (Map.Entry<CompletableFuture<RowResult>, ManifestEntry> p : pending.entrySet()) {
      RowResult r =
          new RowResult(
              Outcome.skipped(p.getValue(), Reason.CANCELLED, "run cancelled"), Optional.empty());
      settle(p.getKey(), r);
    }
  }

  private Outcome precheck(ManifestEntry entry) {
    String labelProblem = Labels.problem(entry.label());
    if (labelProblem != null) {
      return Outcome.skipped(entry, Reason.BAD_LABEL, labelProblem);
    }
    if (!entry.hasUsableBox()) {
      return Outcome.skipped(entry, Reason.BAD_BOX, "box " + entry.box() + " is " + entry.flags());
    }
    if (cancelled) {
      return Outcome.skipped(entry, Reason.CANCELLED, "run cancelled");
    }
    if (sink != null) {
      try {
        if (sink.contains(entry)) {
          return Outcome.skipped(entry, Reason.ALREADY_PRESENT, "");
        }
      } catch (RuntimeException e) {
        return Outcome.skipped(entry, Reason.INTERNAL_ERROR, "sink.contains failed: " + e);
      }
    }
    return null;
  }

  private SharedSource acquire(String url, List<RegionHint> hints) {
    while (true) {
      SharedSource s = sources.computeIfAbsent(url, u -> new SharedSource());
      synchronized (s) {
        if (s.refs >= 0) {
          s.hints.addAll(hints);
          int before = s.refs;
          s.refs += hints.size();
          if (before == 0) {
            s.start(url);
          }
          return s;
        }
      }
      // s was released and removed concurrently: retry with a fresh one
    }
  }

  private void release(String url, SharedSource s) {
    synchronized (s) {
      if (--s.refs == 0) {
        s.refs = -1;
        sources.remove(url, s);
        s.giveBackMemory();
      }
    }
  }

  private void complete(
      CompletableFuture<RowResult> row,
      ManifestEntry entry,
      Source src,
      SharedSource shared,
      long start) {
    RowResult result;
    try {
      result = deliver(entry, src, start);
    } catch (RuntimeException | Error e) {
      LOG.error("row {} failed unexpectedly", entry.id(), e);
      result =
          new RowResult(
              outcome(entry, src, Reason.INTERNAL_ERROR, e.toString(), null, Set.of(), start),
              Optional.empty());
    } finally {
      release(entry.url(), shared);
    }
    settle(row, result);
  }

  private Optional<Sample> cached(ManifestEntry entry) {
    try {
      return cache.get(entry).filter(s -> s.entry().equals(entry));
    } catch (RuntimeException e) {
      LOG.warn("crop cache failed on row {}", entry.id(), e);
      return Optional.empty();
    }
  }

  /** Delivers a cached sample ({@code null} if the dataset closed) like a freshly cut one. */
  private void completeFromCache(
      CompletableFuture<RowResult> row, ManifestEntry entry, Sample sample, long start) {
    RowResult result;
    if (sample == null || cancelled) {
      result =
          new RowResult(
              Outcome.skipped(entry, Reason.CANCELLED, "run cancelled"), Optional.empty());
    } else {
      try {
        result = emit(sample, 0, 0, start);
      } catch (RuntimeException | Error e) {
        LOG.error("row {} failed unexpectedly", entry.id(), e);
        result =
            new RowResult(
                Outcome.skipped(entry, Reason.INTERNAL_ERROR, e.toString()), Optional.empty());
      }
    }
    settle(row, result);
  }

  private RowResult deliver(ManifestEntry entry, Source src, long start) {
    if (src == null) {
      return fail(entry, null, Reason.CANCELLED, "cancelled", start);
    }
    if (src.error != null) {
      return fail(entry, src, src.error.reason(), src.error.getMessage(), start);
    }
    if (cancelled) {
      return fail(entry, src, Reason.CANCELLED, "run cancelled", start);
    }
    Crop crop;
    try {
      crop = cropper.crop(entry, src.imageFor(cropper.region(entry), decoder));
    } catch (RowException e) {
      return fail(entry, src, e.reason(), e.getMessage(), start);
    }
    Sample sample =
        new Sample(
            entry, src.image.width(), src.image.height(), crop.rect(), crop.flags(), crop.image());
    try {
      cache.put(sample);
    } catch (RuntimeException e) {
      LOG.warn("crop cache failed on row {}", entry.id(), e);
    }
    return emit(sample, src.httpStatus, src.attempts, start);
  }

  /** Streams or writes a sample and returns the row's result. */
  private RowResult emit(Sample sample, int httpStatus, int attempts, long start) {
    ManifestEntry entry = sample.entry();
    Reason reason = Reason.STREAMED;
    String detail = "";
    if (sink != null) {
      reason = Reason.WRITTEN;
      try {
        sink.write(sample);
      } catch (IOException e) {
        reason = Reason.WRITE_FAILED;
        detail = e.toString();
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    Outcome o =
        new Outcome(
            entry,
            reason,
            detail,
            httpStatus,
            attempts,
            sample.sourceWidth(),
            sample.sourceHeight(),
            sample.rect(),
            sample.image().width(),
            sample.image().height(),
            sample.edgeFlags(),
            ms);
    return new RowResult(o, reason == Reason.STREAMED ? Optional.of(sample) : Optional.empty());
  }

  private RowResult fail(
      ManifestEntry entry, Source src, Reason reason, String detail, long start) {
    return new RowResult(
        outcome(entry, src, reason, detail, null, Set.of(), start), Optional.empty());
  }

  private static Outcome outcome(
      ManifestEntry entry,
      Source src,
      Reason reason,
      String detail,
      PixelRect rect,
      Set<EdgeFlag> flags,
      long start) {
    long ms = (System.nanoTime() - start) / 1_000_000;
    int status = src == null ? 0 : src.httpStatus;
    int attempts = src == null ? 0 : src.attempts;
    int w = src == null || src.image == null ? 0 : src.image.width();
    int h = src == null || src.image == null ? 0 : src.image.height();
    return new Outcome(entry, reason, detail, status, attempts, w, h, rect, 0, 0, flags, ms);
  }

  /**
   * Settles a pending row once: whoever takes it out of {@code pending} (its completion or a
   * cancel) tells the listener and only then completes the future, so a caller that waits for every
   * future has seen every outcome reach the listener.
   */
  private void settle(CompletableFuture<RowResult> row, RowResult result) {
    if (pending.remove(row) != null) {
      finish(result);
      row.complete(result);
    }
  }

  private RowResult finish(RowResult r) {
    try {
      listener.onOutcome(r.outcome());
    } catch (RuntimeException e) {
      LOG.warn("progress listener failed on row {}", r.outcome().entry().id(), e);
    }
    return r;
  }

  /** The fetched and decoded source of one URL, or why it could not be had. */
  static final class Source {
    final DecodedImage image;
    final RowException error;
    final int httpStatus;
    final int attempts;

    /**
     * The body, kept while rows use this source, for a full decode if a region read was too small.
     */
    private final Bytes body;

    private DecodedImage full;

    private Source(DecodedImage image, RowException error, int httpStatus, int attempts) {
      this(image, error, httpStatus, attempts, null);
    }

    private Source(
        DecodedImage image, RowException error, int httpStatus, int attempts, Bytes body) {
      this.image = image;
      this.error = error;
      this.httpStatus = httpStatus;
      this.attempts = attempts;
      this.body = body;
    }

    /**
     * Returns the decoded image if it covers what {@code hint} needs, else (a row that joined after
     * a region read started) the whole image, decoded once from the kept body.
     */
    DecodedImage imageFor(RegionHint hint, Decoder decoder) throws RowException {
      int w = image.width();
      int h = image.height();
      PixelRect need = hint.region(w, h);
      PixelRect rect = need == null ? new PixelRect(0, 0, w, h) : need.clampTo(w, h);
      if (rect.isEmpty() || image.covers(rect) || body == null) {
        return image;
      }
      synchronized (this) {
        if (full == null) {
          full = decoder.decode(body);
        }
        return full;
      }
    }

    static Source failed(RowException e) {
      if (e instanceof FetchException) {
        FetchException f = (FetchException) e;
        return new Source(null, e, f.httpStatus(), f.attempts());
      }
      return new Source(null, e, 0, 0);
    }
  }

  /** The union of the regions; {@link RegionHint#WHOLE} if any row needs the whole image. */
  public static RegionHint union(List<RegionHint> hints) {
    if (hints.isEmpty() || hints.contains(RegionHint.WHOLE)) {
      return RegionHint.WHOLE;
    }
    return (w, h) -> {
      int x1 = Integer.MAX_VALUE;
      int y1 = Integer.MAX_VALUE;
      int x2 = Integer.MIN_VALUE;
      int y2 = Integer.MIN_VALUE;
      for (RegionHint hint : hints) {
        PixelRect r = hint.region(w, h);
        if (r == null) {
          return null;
        }
        r = r.clampTo(w, h);
        if (!r.isEmpty()) {
          x1 = Math.min(x1, r.x1());
          y1 = Math.min(y1, r.y1());
          x2 = Math.max(x2, r.x2());
          y2 = Math.max(y2, r.y2());
        }
      }
      // no row has pixels to crop: decode everything, so that decoding failures show as before
      return x1 > x2 ? null : new PixelRect(x1, y1, x2, y2);
    };
  }

  /** One URL's fetch and decode, shared by the rows in progress that name it. */
  private final class SharedSource {
    final CompletableFuture<Source> future = new CompletableFuture<>();

    /** The regions the rows sharing this source need; guarded by this. */
    final List<RegionHint> hints = new ArrayList<>(2);

    /** Rows holding this source; -1 once released and removed. */
    int refs;

    Future<?> task;

    /** Bytes of {@link #memory} this source's decoded image holds; guarded by this. */
    private long reserved;

    /** Returns the reserved decode memory (when the source is released or its decode failed). */
    synchronized void giveBackMemory() {
      if (reserved > 0) {
        memory.release(reserved);
        reserved = 0;
      }
    }

    /**
     * Waits for the decode memory this source's image will hold; returns false if the source was
     * released meanwhile (its rows cancelled), holding nothing.
     */
    private boolean reserveMemory(Bytes body, RegionHint hint) throws InterruptedException {
      if (memory == null) {
        return true;
      }
      long need;
      try {
        need = decoder.decodedBytes(body, hint);
      } catch (RuntimeException e) {
        LOG.debug("decoder could not size the image: {}", e.toString());
        need = -1;
      }
      long got = memory.acquire(need);
      synchronized (this) {
        if (refs < 0) {
          memory.release(got);
          return false;
        }
        reserved = got;
      }
      return true;
    }

    void start(String url) {
      try {
        task = fetchPool.submit(() -> fetchThenDecode(url));
      } catch (RejectedExecutionException e) {
        future.complete(Source.failed(new RowException(Reason.CANCELLED, "dataset closed")));
      }
    }

    void cancel() {
      Future<?> t;
      synchronized (this) {
        t = task;
      }
      if (t != null) {
        t.cancel(true);
      }
      future.complete(Source.failed(new RowException(Reason.CANCELLED, "run cancelled")));
    }

    private void fetchThenDecode(String url) {
      Fetched fetched;
      try {
        fetched = fetcher.fetch(url);
      } catch (RowException e) {
        future.complete(Source.failed(e));
        return;
      } catch (InterruptedException e) {
        future.complete(Source.failed(new RowException(Reason.CANCELLED, "interrupted")));
        return;
      } catch (RuntimeException | Error e) {
        LOG.error("fetcher failed unexpectedly on {}", url, e);
        future.complete(
            Source.failed(new RowException(Reason.INTERNAL_ERROR, "fetcher threw " + e)));
        return;
      }
      // the memory is reserved here, on the fetch thread: decode threads must never wait for
      // memory,
      // since they are the ones that crop decoded images and so give memory back
      RegionHint hint;
      synchronized (this) {
        hint = union(List.copyOf(hints));
      }
      try {
        if (!reserveMemory(fetched.body(), hint)) {
          future.complete(Source.failed(new RowException(Reason.CANCELLED, "run cancelled")));
          return;
        }
      } catch (InterruptedException e) {
        future.complete(Source.failed(new RowException(Reason.CANCELLED, "interrupted")));
        return;
      }
      try {
        cpuPool.execute(
            () -> {
              Source decoded = decode(fetched, hint);
              DECODING.set(true);
              try {
                future.complete(decoded);
              } finally {
                DECODING.set(false);
              }
            });
      } catch (RejectedExecutionException e) {
        giveBackMemory();
        future.complete(Source.failed(new RowException(Reason.CANCELLED, "dataset closed")));
      }
    }

    private Source decode(Fetched fetched, RegionHint hint) {
      try {
        DecodedImage image =
            hint == RegionHint.WHOLE
                ? decoder.decode(fetched.body())
                : decoder.decode(fetched.body(), hint);
        return new Source(
            image,
            null,
            fetched.httpStatus(),
            fetched.attempts(),
            hint == RegionHint.WHOLE ? null : fetched.body());
      } catch (DecodeException e) {
        giveBackMemory();
        return new Source(null, e, fetched.httpStatus(), fetched.attempts());
      } catch (RuntimeException | Error e) {
        giveBackMemory();
        if (e instanceof OutOfMemoryError) {
          LOG.error("decoder ran out of memory on {}", fetched.url());
        }
        return new Source(
            null,
            new RowException(Reason.DECODE_FAILED, "decoder threw " + e),
            fetched.httpStatus(),
            fetched.attempts());
      }
    }
  }
}
