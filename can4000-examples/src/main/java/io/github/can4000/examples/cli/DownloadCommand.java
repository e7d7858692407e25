package io.github.can4000.examples.cli;

import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.DatasetBuilder;
import io.github.can4000.EdgePolicy;
import io.github.can4000.Manifest;
import io.github.can4000.Reason;
import io.github.can4000.RunReport;
import io.github.can4000.Sink;
import io.github.can4000.io.cache.RawCache;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.http.Proxies;
import io.github.can4000.io.http.RetryPolicy;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.lock.LockEnforcer;
import io.github.can4000.io.lock.LockEntry;
import io.github.can4000.io.lock.LockRecorder;
import io.github.can4000.io.lock.Lockfiles;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.sink.Sinks;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code download}: fetches every manifest row, crops its box and writes {@code
 * <out>/<label>/<no>_<label>.png} plus {@code <out>/_report.csv}, like the original {@code
 * download.py}. Rows already written by an earlier run are not fetched again. With {@code --format
 * tar} the crops go into WebDataset shards {@code <out>/can4000-000000.tar, ...}; {@code --cache
 * DIR} keeps the fetched source bytes on disk, and {@code --offline} reads only them.
 *
 * <p>It also writes {@code <out>/_lock.csv}, the lockfile: what every fetched URL served (SHA-256,
 * size, perceptual hash, ETag, Last-Modified, time), merged with the entries of earlier runs. With
 * {@code --lock FILE}, rows whose picture differs from that lockfile fail with {@code
 * CHANGED_SINCE_LOCK}.
 */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Fetch every manifest row, crop its box and write <out>/<label>/<no>_<label>.png "
          + "and <out>/_report.csv (one row per manifest row).",
      "Rows whose file already exists are not fetched again. Exits 0 when the run completed, "
          + "even if some rows failed.",
      "Also writes <out>/_lock.csv: per fetched URL the SHA-256, size, perceptual hash, ETag and "
          + "Last-Modified, for verify and --lock."
    })
final class DownloadCommand implements Callable<Integer> {
  private static final long MIB = 1024L * 1024;
  private static final long MAX_BODY_MB = HttpFetchers.MAX_BODY_LIMIT / MIB;

  /** Exit code after Ctrl-C, as shells use for SIGINT. */
  private static final int INTERRUPTED = 130;

  @Mixin ManifestOptions manifestOptions;
  @Mixin CropOptions cropOptions;
  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description = "Print the final summary as one JSON object on stdout (as _run.json).")
  boolean json;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder (created if missing).")
  Path out;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "64",
      description =
          "Fetches in flight at once, waiting on the network apart from decoding (default: "
              + "${DEFAULT-VALUE}; the original used 8). At most --per-host of them go to one host.")
  int threads;

  @Option(
      names = "--decode-threads",
      paramLabel = "N",
      description =
          "Threads that decode, crop and encode (default: the number of processors). Decoded images "
              + "are kept within the heap by their header sizes; a decoder that cannot tell sizes gets as many "
              + "threads as the heap holds at --max-pixels (the library's policy, DatasetBuilder).")
  Integer decodeThreads;

  @Option(
      names = "--edge",
      paramLabel = "clamp|skip",
      defaultValue = "clamp",
      description = "Boxes crossing an image edge: clamp to the image (default) or skip the row.")
  EdgePolicy edge;

  @Option(
      names = "--decoder",
      paramLabel = "auto|imageio|opencv",
      defaultValue = "auto",
      description =
          "Image decoder: imageio (pure Java), opencv (needs can4000-opencv and org.openpnp:opencv on "
              + "the class path), or auto (default): opencv when it is on the class path, else imageio.")
  String decoderName;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print no progress, only the summary line.")
  boolean quiet;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Keep the fetched source images in DIR (shared safely by concurrent runs, reused "
              + "across manifests) and read them from there when present.")
  Path cacheDir;

  @Option(
      names = "--cache-size",
      paramLabel = "SIZE",
      defaultValue = "10g",
      description =
          "Bound of --cache, e.g. 500m, 20g (default: ${DEFAULT-VALUE}); least recently used "
              + "images are evicted beyond it.")
  String cacheSize;

  @Option(
      names = "--images",
      paramLabel = "DIR",
      description =
          "Read sources as local files relative to DIR (a reviewed manifest from 'review --export'), "
              + "never over the network; nothing outside DIR is read.")
  Path images;

  @Option(
      names = "--offline",
      description =
          "Fetch nothing: read sources from --cache only; rows not cached fail as NOT_CACHED.")
  boolean offline;

  @Option(
      names = "--format",
      paramLabel = "folder|tar",
      defaultValue = "folder",
      description =
          "folder: <out>/<label>/<no>_<label>.png (default); tar: WebDataset shards "
              + "<out>/can4000-000000.tar, ... (.png, .json, .cls per crop).")
  OutputFormat format;

  @Option(
      names = "--shard-size",
      paramLabel = "N",
      defaultValue = "1000",
      description = "With --format tar: crops per shard (default: ${DEFAULT-VALUE}).")
  int shardSize;

  @Option(
      names = "--retry-failed",
      description =
          "Use <out>/_report.csv of an earlier run: do not retry rows that failed for a lasting "
              + "reason (not an image, bad box, ...), retry the others.")
  boolean retryFailed;

  @Option(
      names = "--lock",
      paramLabel = "FILE",
      description =
          "A lockfile of an earlier download: rows whose picture changed since fail with "
              + "CHANGED_SINCE_LOCK (re-encoded copies pass; URLs not in it pass).")
  Path lock;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Longest wait for a connection (default: 10s). Durations: 500ms, 10s, 2m, 1h.")
  Duration connectTimeout;

  @Option(
      names = "--read-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Longest silence of a server: before the first byte and while sending (default: 30s).")
  Duration readTimeout;

  @Option(
      names = "--attempt-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Time limit of one attempt, redirects and the whole body included (default: 60s).")
  Duration attemptTimeout;

  @Option(
      names = "--retries",
      paramLabel = "N",
      description =
          "Attempts after the first for connection failures, timeouts, truncated bodies, 408, 429 and 5xx, "
              + "with exponential backoff and Retry-After honoured up to 60s (default: 2, at most "
              + RetryPolicy.MAX_RETRIES
              + ").")
  Integer retries;

  @Option(
      names = "--max-body-mb",
      paramLabel = "MB",
      description = "Largest body accepted, before and after gzip decoding, in MiB (default: 32).")
  Integer maxBodyMb;

  @Option(
      names = "--per-host",
      paramLabel = "N",
      description =
          "Requests in progress at once to one host (default: 4, at most "
              + HttpFetchers.DEFAULT_MAX_CONNECTIONS
              + ").")
  Integer perHost;

  @Option(
      names = "--block-private-addresses",
      description =
          "Refuse hosts that resolve to loopback, private, link-local or multicast addresses "
              + "(use it when the manifest comes from someone else).")
  boolean blockPrivateAddresses;

  @Option(
      names = "--proxy",
      paramLabel = "URL",
      description =
          "Send every request through this HTTP proxy, e.g. http://proxy:3128 or http://user:password@proxy:3128 "
              + "(default: HTTPS_PROXY/HTTP_PROXY/NO_PROXY from the environment, else the JVM's https.proxyHost). "
              + "HTTPS goes through it with CONNECT; the password is never printed or written.")
  String proxy;

  @Option(
      names = "--no-proxy",
      description = "Connect directly, whatever the environment says about proxies.")
  boolean noProxy;

  /** The proxies the fetcher was built with, for the no-network message. */
  private Proxies proxies = Proxies.none();

  @Option(
      names = "--user-agent",
      paramLabel = "TEXT",
      description =
          "User-Agent header (default: Mozilla/5.0 (compatible; can4000/VERSION; +https://github.com/"
              + "can4000/can4000-java), which tells sites who downloads; a few sites refuse agents that are not browsers).")
  String userAgent;

  @Option(
      names = "--ignore-robots-tag",
      description =
          "Download images whose site says X-Robots-Tag: noai or noimageai (by default such rows are "
              + "skipped as OPTED_OUT).")
  boolean ignoreRobotsTag;

  @Option(
      names = "--no-early-stop",
      description =
          "Try every row even when the first 50 hosts all fail at the DNS or connection level and no server "
              + "answers (by default the run then stops and records the remaining rows as NO_NETWORK, exit code 4).")
  boolean noEarlyStop;

  @Option(
      names = "--max-pixels",
      paramLabel = "N",
      description =
          "Largest image accepted, in pixels, checked from the header before decoding (default: 25000000).")
  Long maxPixels;

  private final Components components;

  @Option(
      names = "--no-lock",
      description =
          "Do not write <out>/_lock.csv: skips hashing every source (SHA-256 and perceptual hash).")
  boolean noLock;

  @Option(
      names = "--lock-hash",
      paramLabel = "region|whole",
      defaultValue = "region",
      description =
          "What the lockfile's perceptual hash covers: region (default) hashes the part of each source "
              + "the boxes need, which is all the download decodes; whole decodes every source whole (slower) so "
              + "that dedupe/split --lock compare whole pictures across URLs.")
  LockHash lockHash;

  /** What {@code --lock-hash} asks the lockfile's perceptual hash to cover. */
  enum LockHash {
    /** The region the boxes need, as decoded. */
    REGION,
    /** The whole source, decoded whole. */
    WHOLE
  }

  /** The cropper of the crop options. */
  private Cropper cropper;

  /** The exit code of the finished run. */
  private int exitCode;

  /** Records the lockfile; null with --no-lock. */
  private LockRecorder recorder;

  private List<LockEntry> locked;

  /** Creates the command with the real fetcher and decoder. */
  DownloadCommand() {
    this(StandardComponents.INSTANCE);
  }

  /** Creates the command with the given components (tests). */
  DownloadCommand(Components components) {
    this.components = components;
  }

  /**
   * Runs the download; returns 0 when the run completed. On Ctrl-C the rows in progress are
   * cancelled and the report is still written, so a later run resumes where this one stopped.
   */
  @Override
  public Integer call() throws IOException {
    checkArguments();
    HttpFetchers.Builder fetcherSettings = LibraryErrors.translated(this::fetcherSettings);
    ImageDecoders.Builder decoderSettings = LibraryErrors.translated(this::decoderSettings);
    Manifest manifest = manifestOptions.load();
    cropper = cropOptions.cropper(edge);
    RunRecord record =
        RunRecord.start("download", spec.commandLine().getParseResult().originalArgs())
            .manifest(manifest, manifestOptions.manifest)
            .put("crops", cropOptions.describe());
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    ProgressPrinter progress = ProgressPrinter.forConsole(stderr);
    Path reportFile = out.resolve(ReportCsv.FILE_NAME);
    Path lockFile = out.resolve(Lockfiles.FILE_NAME);
    List<LockEntry> earlierLock =
        !noLock && Files.exists(lockFile) ? HygieneSupport.readLock(lockFile) : List.of();
    locked = lock == null ? null : HygieneSupport.readLock(lock);
    recorder = noLock ? null : Lockfiles.recorder();
    RetrySelection retry = retryFailed ? RetrySelection.read(reportFile) : null;
    Manifest toRun = retry == null ? manifest : retry.toRun(manifest);
    RawCache cache = openCache();
    RunReport report;
    boolean interrupted;
    try (CtrlC ctrlC = CtrlC.interruptThisThread()) {
      try (Dataset dataset =
              LibraryErrors.translated(
                  () -> build(toRun, cache, progress, fetcherSettings, decoderSettings));
          Sink sink = openSink(manifest)) {
        report = dataset.writeTo(sink);
        interrupted = Thread.interrupted();
      }
      if (!quiet) {
        progress.finish();
      }
      if (retry == null) {
        ReportCsv.write(reportFile, report.outcomes());
      } else {
        ReportCsv.writeRows(reportFile, retry.merge(manifest, report.outcomes()));
      }
      if (recorder != null) {
        Lockfiles.write(lockFile, Lockfiles.merge(earlierLock, recorder.entries()));
      }
      if (!quiet && report.failed() + report.skipped() > 0) {
        stderr.println("reasons: " + reasons(report.reasons()));
        stderr.flush();
      }
      String kept =
          retry == null
              ? ""
              : " ("
                  + retry.keptCount(manifest)
                  + " rows not retried, kept from the earlier report)";
      int code =
          interrupted
              ? INTERRUPTED
              : !offline && NetworkVerdict.nothingReachable(report)
                  ? Main.NO_NETWORK
                  : RunRecord.exitCode(report);
      record.finish(report, code).writeTo(out);
      stdout.println(
          json ? record.toJsonLine() : report.summary() + kept + "; report: " + reportFile);
      stdout.flush();
      exitCode = code;
    }
    if (interrupted || Thread.interrupted()) {
      stderr.println("interrupted: rows in progress were cancelled; run again to resume");
      stderr.flush();
      return INTERRUPTED;
    }
    if (exitCode == Main.NO_NETWORK) {
      stderr.println(NetworkVerdict.message(report, proxies));
      stderr.flush();
    } else if (exitCode == RunRecord.NOTHING_WRITTEN) {
      stderr.println("no row was written: see the reasons above and " + reportFile);
      stderr.flush();
    }
    return exitCode;
  }

  /**
   * Checks what the command line adds to the library: its files, and options the library has no
   * word for.
   */
  private void checkArguments() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out " + out + " is an existing file, not a folder");
    }
    if (images != null && (!Files.isDirectory(images) || offline || cacheDir != null)) {
      throw new UsageException(
          "--images " + images + " must be a folder, and not combined with --offline or --cache");
    }
    if (offline && cacheDir == null) {
      throw new UsageException("--offline reads the cache only: give it with --cache DIR");
    }
    if (format == OutputFormat.TAR && cropOptions.imageFormat != CropOptions.Format.PNG) {
      throw new UsageException(
          "--format tar writes PNG crops: --image-format applies to --format folder only");
    }
    if (shardSize < 1) {
      throw new UsageException("--shard-size must be at least 1: " + shardSize);
    }
    if (format != OutputFormat.TAR
        && spec.commandLine().getParseResult().hasMatchedOption("--shard-size")) {
      throw new UsageException("--shard-size applies to --format tar only");
    }
    parseSize(cacheSize);
    if (maxBodyMb != null && (maxBodyMb < 1 || maxBodyMb > MAX_BODY_MB)) {
      throw new UsageException(
          "--max-body-mb must be between 1 and " + MAX_BODY_MB + ": " + maxBodyMb);
    }
    if (proxy != null && noProxy) {
      throw new UsageException("--proxy and --no-proxy contradict each other: give one");
    }
  }

  /** Returns the fetcher settings the options ask for; unset options keep the library defaults. */
  HttpFetchers.Builder fetcherSettings() {
    HttpFetchers.Builder b = HttpFetchers.builder();
    if (connectTimeout != null) {
      b.connectTimeout(connectTimeout);
    }
    if (readTimeout != null) {
      b.readTimeout(readTimeout);
    }
    if (attemptTimeout != null) {
      b.attemptTimeout(attemptTimeout);
    }
    if (retries != null) {
      b.retryPolicy(RetryPolicy.retries(retries));
    }
    if (maxBodyMb != null) {
      b.maxBodyBytes(maxBodyMb * MIB);
    }
    if (perHost != null) {
      b.maxConnectionsPerHost(perHost);
    }
    if (blockPrivateAddresses) {
      b.blockPrivateAddresses(true);
    }
    proxies =
        noProxy
            ? Proxies.none()
            : proxy != null
                ? Proxies.of(proxy)
                : Proxies.fromEnvironment(components.environment(), System.getProperties());
    b.proxies(proxies);
    if (userAgent != null) {
      b.userAgent(userAgent);
    }
    if (ignoreRobotsTag) {
      b.honourRobotsTag(false);
    }
    if (noEarlyStop) {
      b.noNetworkAfterHosts(0);
    }
    return b;
  }

  /** Returns the decoder settings the options ask for. */
  ImageDecoders.Builder decoderSettings() {
    ImageDecoders.Builder b = ImageDecoders.builder();
    if (maxPixels != null) {
      b.maxPixels(maxPixels);
    }
    return b;
  }

  /** The output formats of {@code --format}. */
  enum OutputFormat {
    /** The original layout, {@code <out>/<label>/<no>_<label>.png}. */
    FOLDER,
    /** WebDataset tar shards under {@code <out>}. */
    TAR
  }

  private RawCache openCache() {
    if (cacheDir == null) {
      return null;
    }
    try {
      return RawCache.open(cacheDir, parseSize(cacheSize));
    } catch (IOException e) {
      throw new UsageException("cannot use --cache " + cacheDir + ": " + e, e);
    }
  }

  /** Parses {@code 123}, {@code 500k}, {@code 500m}, {@code 20g}, {@code 1t} (powers of 1024). */
  static long parseSize(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
      unit = 1L << (10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1));
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t);
      if (n <= 0 || n > Long.MAX_VALUE / unit) {
        throw new NumberFormatException();
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--cache-size must be a positive size such as 500m or 20g: " + text, e);
    }
  }

  private Sink openSink(Manifest manifest) {
    try {
      if (format == OutputFormat.TAR) {
        // the class indices of the whole manifest, so they do not change with --retry-failed
        return Sinks.tarShards(out).maxSamplesPerShard(shardSize).labels(manifest.labels()).build();
      }
      return Sinks.folder(out, cropOptions.encoding());
    } catch (UncheckedIOException e) {
      throw new UsageException("cannot use --out " + out + ": " + e.getCause(), e);
    }
  }

  private Fetcher fetcher(RawCache cache, HttpFetchers.Builder fetcherSettings) {
    if (images != null) {
      return FileFetchers.create(images);
    }
    if (offline) {
      return cache.offline();
    }
    Fetcher network = components.fetcher(fetcherSettings);
    return cache == null ? network : cache.wrap(network);
  }

  private Dataset build(
      Manifest manifest,
      RawCache cache,
      ProgressPrinter progress,
      HttpFetchers.Builder fetcherSettings,
      ImageDecoders.Builder decoderSettings) {
    // the dataset's own options first: they are checked before any fetcher is opened
    DatasetBuilder builder =
        Dataset.builder().manifest(manifest).cropper(cropper).concurrency(threads);
    if (decodeThreads != null) {
      builder.decodeThreads(decodeThreads);
    }
    if (!quiet) {
      builder.listener(progress);
    }
    Decoder decoder =
        components == StandardComponents.INSTANCE
            ? Decoders.choose(decoderName, decoderSettings, maxPixels)
            : components.decoder(decoderSettings);
    Fetcher fetcher = fetcher(cache, fetcherSettings);
    if (locked != null) {
      // a changed body is checked by the decoder that decodes it for the row: decoded once
      LockEnforcer strict = Lockfiles.enforcer(locked);
      fetcher = strict.wrap(fetcher);
      decoder = strict.wrap(decoder);
    }
    return builder
        .decoder(
            recorder == null
                ? decoder
                : lockHash == LockHash.WHOLE
                    ? recorder.wrapWholeImages(decoder)
                    : recorder.wrap(decoder))
        .fetcher(recorder == null ? fetcher : recorder.wrap(fetcher))
        .build();
  }

  private static String reasons(Map<Reason, Integer> counts) {
    StringJoiner j = new StringJoiner(", ");
    counts.forEach(
        (r, n) -> {
          if (r != Reason.WRITTEN) {
            j.add(r + " " + n);
          }
        });
    return j.toString();
  }
}
