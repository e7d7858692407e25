package io.github.can4000.io.lock;

import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.internal.Args;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import io.github.can4000.spi.ImageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches the URLs of a lockfile again and says, for each, whether it still serves the locked
 * picture; obtain one from {@link Lockfiles#verifier()}. Immutable and thread-safe.
 *
 * <p>Each entry is classified in this order:
 *
 * <ol>
 *   <li>{@link Verdict#GONE}: the fetch failed with HTTP 404 or 410, a DNS failure or a refused
 *       connection; other fetch failures give {@link Verdict#UNREACHABLE};
 *   <li>{@link Verdict#IDENTICAL}: the body has the locked SHA-256;
 *   <li>{@link Verdict#PLACEHOLDER}: the body is HTML or text, is smaller than {@link
 *       Builder#minBytes minBytes} (1 KB), has a {@link Builder#placeholders known placeholder}
 *       SHA-256 or perceptual hash, or decodes to at most {@link Builder#minPixels minPixels}
 *       pixels (32 x 32);
 *   <li>{@link Verdict#REENCODED} if its perceptual hash is within the threshold of the locked one,
 *       otherwise {@link Verdict#CHANGED} (also when it no longer decodes, or the lock has no
 *       hash). The hash covers the part of the picture the lock hashed ({@link
 *       LockEntry#hashedIn}), the whole image unless the download read only a region.
 * </ol>
 */
public final class Verifier {
  private final Fetcher fetcher;
  private final Decoder decoder;
  private final int threshold;
  private final int concurrency;
  private final int minBytes;
  private final int minPixels;
  private final Set<String> placeholderSha256;
  private final Set<Long> placeholderHashes;

  private Verifier(Builder b) {
    this.fetcher = b.fetcher;
    this.decoder = b.decoder;
    this.threshold = b.threshold < 0 ? NearDuplicates.DEFAULT_THRESHOLD : b.threshold;
    this.concurrency = b.concurrency < 0 ? 8 : b.concurrency;
    this.minBytes = b.minBytes < 0 ? 1024 : b.minBytes;
    this.minPixels = b.minPixels < 0 ? 32 * 32 : b.minPixels;
    this.placeholderSha256 = Set.copyOf(b.placeholderSha256);
    this.placeholderHashes = Set.copyOf(b.placeholderHashes);
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * Checks every entry, {@code concurrency} at a time, and returns one verification per entry in
   * the given order. The fetcher is not closed.
   *
   * @throws InterruptedException if the calling thread is interrupted; outstanding fetches are
   *     cancelled
   */
  public List<Verification> verify(List<LockEntry> entries) throws InterruptedException {
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "can4000-verify-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Verification>> futures = new ArrayList<>(entries.size());
      for (LockEntry e : entries) {
        futures.add(pool.submit(() -> verify(e)));
      }
      List<Verification> out = new ArrayList<>(entries.size());
      for (Future<Verification> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof InterruptedException) {
            throw (InterruptedException) c;
          }
          throw new IllegalStateException("verification failed unexpectedly", c);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Checks one entry on the calling thread. */
  public Verification verify(LockEntry locked) throws InterruptedException {
    Fetched fetched;
    try {
      fetched = fetcher.fetch(locked.url());
    } catch (FetchException e) {
      boolean gone =
          e.reason() == Reason.DNS
              || e.reason() == Reason.CONNECT
              || (e.reason() == Reason.HTTP_STATUS
                  && (e.httpStatus() == 404 || e.httpStatus() == 410));
      return result(
          locked,
          gone ? Verdict.GONE : Verdict.UNREACHABLE,
          e.reason() + ": " + e.getMessage(),
          "",
          0,
          0,
          OptionalLong.empty(),
          -1);
    } catch (RuntimeException e) {
      return result(
          locked, Verdict.UNREACHABLE, "fetcher threw " + e, "", 0, 0, OptionalLong.empty(), -1);
    }
    Bytes body = fetched.body();
    String sha = body.sha256();
    if (sha.equals(locked.sha256())) {
      return result(
          locked,
          Verdict.IDENTICAL,
          "same bytes",
          sha,
          locked.width(),
          locked.height(),
          locked.phash(),
          locked.phash().isPresent() ? 0 : -1);
    }
    ImageFormat format = ImageFormat.sniff(body);
    if (format == ImageFormat.TEXT) {
      return result(
          locked,
          Verdict.PLACEHOLDER,
          "text or HTML instead of an image (" + body.size() + " bytes)",
          sha,
          0,
          0,
          OptionalLong.empty(),
          -1);
    }
    if (body.size() < minBytes) {
      return result(
          locked,
          Verdict.PLACEHOLDER,
          "only " + body.size() + " bytes",
          sha,
          0,
          0,
          OptionalLong.empty(),
          -1);
    }
    if (placeholderSha256.contains(sha)) {
      return result(
          locked,
          Verdict.PLACEHOLDER,
          "a known placeholder (SHA-256)",
          sha,
          0,
          0,
          OptionalLong.empty(),
          -1);
    }
    DecodedImage img;
    try {
      img = decoder.decode(body);
    } catch (DecodeException e) {
      Verdict v = e.reason() == Reason.NOT_AN_IMAGE ? Verdict.PLACEHOLDER : Verdict.CHANGED;
      return result(
          locked,
          v,
          "does not decode: " + e.reason() + ": " + e.getMessage(),
          sha,
          0,
          0,
          OptionalLong.empty(),
          -1);
    } catch (RuntimeException e) {
      return result(
          locked,
          Verdict.CHANGED,
          "does not decode: decoder threw " + e,
          sha,
          0,
          0,
          OptionalLong.empty(),
          -1);
    }
    int w = img.width();
    int h = img.height();
    if ((long) w * h <= minPixels) {
      return result(
          locked,
          Verdict.PLACEHOLDER,
          "a tiny image, " + w + "x" + h,
          sha,
          w,
          h,
          OptionalLong.empty(),
          -1);
    }
    long phash;
    try {
      phash = NearDuplicates.hash(img);
    } catch (IllegalArgumentException e) {
      return result(
          locked,
          Verdict.CHANGED,
          "cannot hash: " + e.getMessage(),
          sha,
          w,
          h,
          OptionalLong.empty(),
          -1);
    }
    OptionalLong now = OptionalLong.of(phash);
    for (long p : placeholderHashes) {
      if (NearDuplicates.distance(p, phash) <= threshold) {
        return result(
            locked, Verdict.PLACEHOLDER, "a known placeholder picture", sha, w, h, now, -1);
      }
    }
    if (locked.phash().isEmpty()) {
      return result(
          locked,
          Verdict.CHANGED,
          "bytes differ and the lock has no perceptual hash",
          sha,
          w,
          h,
          now,
          -1);
    }
    PixelRect part = locked.hashedIn(w, h);
    if (!part.equals(new PixelRect(0, 0, w, h))) {
      // the lock hashed the region a download decoded: compare the same part of the picture
      phash = NearDuplicates.hash(img, part);
      now = OptionalLong.of(phash);
    }
    int d = NearDuplicates.distance(locked.phash().getAsLong(), phash);
    String size =
        w
            + "x"
            + h
            + (w == locked.width() && h == locked.height()
                ? ""
                : ", was " + locked.width() + "x" + locked.height());
    if (d <= threshold) {
      return result(
          locked,
          Verdict.REENCODED,
          "same picture, other bytes (distance " + d + ", " + size + ")",
          sha,
          w,
          h,
          now,
          d);
    }
    return result(
        locked,
        Verdict.CHANGED,
        "another picture (distance " + d + " > " + threshold + ", " + size + ")",
        sha,
        w,
        h,
        now,
        d);
  }

  private static Verification result(
      LockEntry locked,
      Verdict v,
      String detail,
      String sha,
      int w,
      int h,
      OptionalLong phash,
      int distance) {
    return new Verification(locked, v, detail, sha, w, h, phash, distance);
  }

  @Override
  public String toString() {
    return "Verifier[threshold="
        + threshold
        + ", concurrency="
        + concurrency
        + ", minBytes="
        + minBytes
        + ", minPixels="
        + minPixels
        + ", placeholders="
        + (placeholderSha256.size() + placeholderHashes.size())
        + "]";
  }

  /**
   * Configures a {@link Verifier}. Options and defaults:
   *
   * <ul>
   *   <li>{@link #fetcher(Fetcher) fetcher}: required; not closed by the verifier
   *   <li>{@link #decoder(Decoder) decoder}: required
   *   <li>{@link #threshold(int) threshold}: {@link NearDuplicates#DEFAULT_THRESHOLD} bits
   *   <li>{@link #concurrency(int) concurrency}: 8 fetches at once
   *   <li>{@link #minBytes(int) minBytes}: 1024; smaller bodies are placeholders
   *   <li>{@link #minPixels(int) minPixels}: 1024 (32 x 32); images with no more pixels are
   *       placeholders
   *   <li>{@link #placeholders(Set, Set) placeholders}: none
   * </ul>
   *
   * <p>Each option may be set once; arguments are checked at once, required options by {@link
   * #build()}.
   */
  public static final class Builder {
    private Fetcher fetcher;
    private Decoder decoder;
    private int threshold = -1;
    private int concurrency = -1;
    private int minBytes = -1;
    private int minPixels = -1;
    private Set<String> placeholderSha256;
    private Set<Long> placeholderHashes;

    private Builder() {}

    /** Sets the fetcher. */
    public Builder fetcher(Fetcher fetcher) {
      Args.requireUnset(this.fetcher, "fetcher");
      this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
      return this;
    }

    /** Sets the decoder. */
    public Builder decoder(Decoder decoder) {
      Args.requireUnset(this.decoder, "decoder");
      this.decoder = Objects.requireNonNull(decoder, "decoder");
      return this;
    }

    /** Sets the largest perceptual-hash distance, 0 to 63 bits, of the same picture. */
    public Builder threshold(int bits) {
      Args.requireUnset(threshold, "threshold");
      this.threshold = Args.checkRange(bits, 0, 63, "threshold");
      return this;
    }

    /** Sets how many URLs are fetched at once, 1 to 1024. */
    public Builder concurrency(int n) {
      Args.requireUnset(concurrency, "concurrency");
      this.concurrency = Args.checkRange(n, 1, 1024, "concurrency");
      return this;
    }

    /** Sets the body size, in bytes, below which a body is a placeholder. */
    public Builder minBytes(int n) {
      Args.requireUnset(minBytes, "minBytes");
      this.minBytes = Args.checkRange(n, 0, Integer.MAX_VALUE, "minBytes");
      return this;
    }

    /** Sets the pixel count at or below which an image is a placeholder. */
    public Builder minPixels(int n) {
      Args.requireUnset(minPixels, "minPixels");
      this.minPixels = Args.checkRange(n, 0, Integer.MAX_VALUE, "minPixels");
      return this;
    }

    /**
     * Sets known "image removed" pictures, by the SHA-256 of their bytes and by perceptual hash
     * (matched within the threshold).
     */
    public Builder placeholders(Set<String> sha256, Set<Long> phashes) {
      Args.requireUnset(placeholderSha256, "placeholders");
      this.placeholderSha256 = Set.copyOf(sha256);
      this.placeholderHashes = Set.copyOf(phashes);
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException if the fetcher or decoder is not set
     */
    public Verifier build() {
      if (fetcher == null) {
        throw new IllegalStateException("fetcher is not set");
      }
      if (decoder == null) {
        throw new IllegalStateException("decoder is not set");
      }
      Builder copy = new Builder();
      copy.fetcher = fetcher;
      copy.decoder = decoder;
      copy.threshold = threshold;
      copy.concurrency = concurrency;
      copy.minBytes = minBytes;
      copy.minPixels = minPixels;
      copy.placeholderSha256 = placeholderSha256 == null ? Set.of() : placeholderSha256;
      copy.placeholderHashes = placeholderHashes == null ? Set.of() : placeholderHashes;
      return new Verifier(copy);
    }
  }
}
