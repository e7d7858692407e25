package io.github.can4000.io.annotate;

import io.github.can4000.Cropper;
import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import io.github.can4000.spi.RowException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fetches and decodes the photographs that proposals name, and crops them exactly as a download of
 * the published manifest will ({@link Cropper#reference()}): what the reviewer sees is what the
 * manifest yields. Keeps the most recently decoded photographs up to 64 MiB of pixels (always the
 * last one), since consecutive proposals usually share one, and decodes one photograph at a time,
 * so that a page asking for many crops at once stays within a small heap. Thread-safe; closes the
 * fetcher.
 */
public final class SourceImages implements AutoCloseable {
  private static final long KEEP_BYTES = 64L * 1024 * 1024;

  private final Fetcher fetcher;
  private final Decoder decoder;

  /** Access-ordered; guarded by itself, which also serialises decoding. */
  private final Map<String, DecodedImage> recent = new LinkedHashMap<>(8, 0.75f, true);

  private long recentBytes;

  /**
   * Creates it over a fetcher (a file fetcher for a folder, an HTTP fetcher for URLs) and a
   * decoder.
   */
  public SourceImages(Fetcher fetcher, Decoder decoder) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /**
   * Returns the decoded photograph {@code source}.
   *
   * @throws RowException if it cannot be fetched or decoded (a file outside the folder is refused)
   * @throws InterruptedException if interrupted while fetching
   */
  public DecodedImage image(String source) throws RowException, InterruptedException {
    synchronized (recent) {
      DecodedImage d = recent.get(source);
      if (d != null) {
        return d;
      }
      d = decoder.decode(fetcher.fetch(source).body());
      recent.put(source, d);
      recentBytes += d.retainedBytes();
      var it = recent.entrySet().iterator();
      while (recentBytes > KEEP_BYTES && recent.size() > 1) {
        recentBytes -= it.next().getValue().retainedBytes();
        it.remove();
      }
      return d;
    }
  }

  /**
   * Returns the crop of {@code row} as the manifest will cut it.
   *
   * @throws RowException if the source cannot be read or the box yields no crop
   * @throws InterruptedException if interrupted while fetching
   */
  public Crop crop(ProposalRow row) throws RowException, InterruptedException {
    return Cropper.reference().crop(row.toEntry(row.label()), image(row.source()));
  }

  @Override
  public void close() throws Exception {
    fetcher.close();
  }
}
