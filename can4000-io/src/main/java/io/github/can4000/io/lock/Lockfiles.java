package io.github.can4000.io.lock;

import io.github.can4000.internal.Args;
import io.github.can4000.io.dedupe.NearDuplicateClusters;
import io.github.can4000.io.dedupe.NearDuplicates;
import io.github.can4000.spi.Decoder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Lockfiles pin what every URL served when a dataset was downloaded, so a later download or a
 * {@linkplain #verifier() verification} can tell whether the web still serves the same pictures.
 *
 * <p>A lockfile ({@value #FILE_NAME} in the output folder) is UTF-8 CSV with the header {@value
 * #HEADER}, one line per URL, sorted by URL: the SHA-256 of the fetched body, the decoded source
 * size, the perceptual hash (16 hex digits, empty if the body did not decode), the part of the
 * source it hashes ({@code "x1 y1 x2 y2"} in pixels, empty for the whole image; a download that
 * reads only the region its boxes need hashes that region), the {@code ETag} and {@code
 * Last-Modified} headers when the server sent them, and the fetch time (ISO-8601, UTC).
 *
 * <pre>{@code
 * LockRecorder rec = Lockfiles.recorder();            // wrap the fetcher and decoder of a download
 * Lockfiles.write(out.resolve(Lockfiles.FILE_NAME), rec.entries());
 *
 * List<Verification> report = Lockfiles.verifier()
 *     .fetcher(fetcher).decoder(decoder).build()
 *     .verify(Lockfiles.read(lockFile));
 *
 * LockEnforcer strict = Lockfiles.enforcer(Lockfiles.read(lockFile));   // wrap fetcher and decoder
 * }</pre>
 */
public final class Lockfiles {
  /** The usual file name of a lockfile inside an output folder. */
  public static final String FILE_NAME = "_lock.csv";

  /** The lockfile header. */
  public static final String HEADER =
      "url,sha256,width,height,phash,phash_region,etag,last_modified,fetched_at";

  /** The header of a verification report written by {@link #writeVerifications}. */
  public static final String VERIFY_HEADER =
      "url,verdict,detail,distance,locked_sha256,sha256,width,height";

  private Lockfiles() {}

  /** Returns a new recorder that stamps fetches with the system UTC clock. */
  public static LockRecorder recorder() {
    return new LockRecorder(Clock.systemUTC());
  }

  /** Returns a new recorder that stamps fetches with {@code clock}. */
  public static LockRecorder recorder(Clock clock) {
    return new LockRecorder(clock);
  }

  /** Returns a builder of {@link Verifier}s. */
  public static Verifier.Builder verifier() {
    return Verifier.builder();
  }

  /**
   * Returns an enforcer that refuses bodies whose picture changed since the lockfile: a body with
   * the locked SHA-256 passes; other bytes pass only if the perceptual hash of the locked
   * {@linkplain LockEntry#hashed() part}, scaled to the new size, is within {@code threshold} bits
   * of the locked one (a re-encoded copy); otherwise the row fails with {@link
   * io.github.can4000.Reason#CHANGED_SINCE_LOCK}. URLs that are not in the lockfile pass. Wrap both
   * the fetcher and the decoder with it; a changed body is decoded once, by the row.
   *
   * @throws IllegalArgumentException if the threshold is not 0 to 63
   */
  public static LockEnforcer enforcer(Collection<LockEntry> lock, int threshold) {
    Objects.requireNonNull(lock, "lock");
    Args.checkRange(threshold, 0, 63, "threshold");
    return new LockEnforcer(List.copyOf(lock), threshold);
  }

  /** Returns an enforcer like {@link #enforcer(Collection, int)} with the default threshold. */
  public static LockEnforcer enforcer(Collection<LockEntry> lock) {
    return enforcer(lock, NearDuplicates.DEFAULT_THRESHOLD);
  }

  /**
   * Clusters the URLs of a lockfile whose pictures are near-duplicates: perceptual hashes within
   * {@code threshold} bits, compared only between entries that {@linkplain
   * LockEntry#hashesSamePartAs hash the same part} of their pictures (a download that reads regions
   * hashes the region its boxes need; see {@link LockRecorder#wrap(Decoder)}). Entries without a
   * hash are left out.
   *
   * @throws IllegalArgumentException if the threshold is not 0 to 63
   */
  public static NearDuplicateClusters clusters(Collection<LockEntry> lock, int threshold) {
    Map<String, Long> hashes = new TreeMap<>();
    Map<String, LockEntry> byUrl = new TreeMap<>();
    for (LockEntry e : lock) {
      if (e.phash().isPresent()) {
        hashes.put(e.url(), e.phash().getAsLong());
        byUrl.put(e.url(), e);
      }
    }
    return NearDuplicates.cluster(
        hashes, threshold, (a, b) -> byUrl.get(a).hashesSamePartAs(byUrl.get(b)));
  }

  /**
   * Writes {@code entries}, sorted by URL, to {@code file} atomically (a temporary file in the same
   * folder, then a move).
   *
   * @throws IllegalArgumentException if a URL occurs twice
   */
  public static void write(Path file, Collection<LockEntry> entries) throws IOException {
    List<LockEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(LockEntry::url));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).url().equals(sorted.get(i - 1).url())) {
        throw new IllegalArgumentException("URL occurs twice: " + sorted.get(i).url());
      }
    }
    LockCsv.write(file, HEADER, sorted, LockCsv::fields);
  }

  /**
   * Reads a lockfile written by {@link #write}.
   *
   * @throws IOException if it cannot be read or is malformed; the message names file and line
   */
  public static List<LockEntry> read(Path file) throws IOException {
    return LockCsv.readLock(file);
  }

  /**
   * Returns the entries of {@code older} and {@code newer} by URL, sorted by URL; where both hold a
   * URL, the newer entry wins. Use it to keep the entries of rows an earlier run wrote and this run
   * skipped.
   */
  public static List<LockEntry> merge(Collection<LockEntry> older, Collection<LockEntry> newer) {
    Map<String, LockEntry> m = new TreeMap<>();
    for (LockEntry e : older) {
      m.put(e.url(), e);
    }
    for (LockEntry e : newer) {
      m.put(e.url(), e);
    }
    return List.copyOf(m.values());
  }

  /**
   * Writes verifications, in the given order, as CSV with the header {@value #VERIFY_HEADER},
   * atomically.
   */
  public static void writeVerifications(Path file, List<Verification> results) throws IOException {
    LockCsv.write(
        file,
        VERIFY_HEADER,
        results,
        v ->
            new String[] {
              v.url(),
              v.verdict().name(),
              v.detail(),
              Integer.toString(v.distance()),
              v.locked().sha256(),
              v.sha256(),
              Integer.toString(v.width()),
              Integer.toString(v.height()),
            });
  }
}
