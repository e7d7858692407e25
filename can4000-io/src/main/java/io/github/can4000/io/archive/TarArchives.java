package io.github.can4000.io.archive;

import io.github.can4000.Outcome;
import io.github.can4000.Reason;
import io.github.can4000.RowResult;
import io.github.can4000.RunReport;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.spi.Decoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads samples straight from a tar archive, plain or gzip-compressed (recognised from its first
 * bytes), streaming it once from start to end without extracting anything to disk.
 *
 * <pre>{@code
 * try (Stream<RowResult> rows = TarArchives.results(Path.of("skin.tar.gz"), ImageDecoders.standard())) {
 *   rows.forEach(r -> r.sample().ifPresentOrElse(s -> train(s.toFloatChw(), s.label()),
 *       () -> log(r.outcome())));
 * }
 * }</pre>
 *
 * <p>Two layouts are read, told apart sample by sample. Members whose names share a key (the path
 * up to the first dot of the file name, as in WebDataset) and follow each other form a group:
 *
 * <ul>
 *   <li><b>WebDataset shard</b>, as written by {@code Sinks.tarShards}: a group with a {@code
 *       .json} member is one sample; its id, label, URL, box, source size, pixel rectangle and edge
 *       flags come from the JSON and its pixels from the image member ({@code .png}, {@code .jpg},
 *       ...). The {@code .cls} member is ignored.
 *   <li><b>Labelled image tree</b> ({@code <prefix>/<label>/<file>}, any prefix depth): any other
 *       member is one whole-image row, with the name of its directory as label, box {@code Box(0.5,
 *       0.5, 1, 1)}, the member name as URL and the running number of such rows as id.
 * </ul>
 *
 * <p>Every row ends with one {@link Outcome}: {@link Reason#STREAMED} with its sample, or {@link
 * Reason#NOT_AN_IMAGE}, {@link Reason#DECODE_FAILED} (also for unreadable JSON), {@link
 * Reason#TOO_MANY_PIXELS}, {@link Reason#TOO_LARGE} (a member over {@link #MAX_MEMBER_BYTES}) or
 * {@link Reason#BAD_LABEL} (a member outside any directory, or a directory name that is not a safe
 * label). Directories, links and hidden members (a name component starting with a dot, such as
 * macOS {@code ._x.png} files) are skipped. The format of each member is recognised from its bytes
 * by the decoder, never from its extension.
 *
 * <p>The returned streams read the archive lazily on the calling thread; close them (use
 * try-with-resources) to close the file. An archive that is itself unreadable, truncated or not a
 * tar makes the stream throw {@link UncheckedIOException} naming the archive.
 */
public final class TarArchives {
  /**
   * The largest member read into memory, 256 MiB; larger members end as {@link Reason#TOO_LARGE}.
   */
  public static final long MAX_MEMBER_BYTES = 256L * 1024 * 1024;

  private TarArchives() {}

  /**
   * Streams one {@link RowResult} per row of {@code archive}, in archive order.
   *
   * @throws IOException if the archive cannot be opened
   */
  public static Stream<RowResult> results(Path archive, Decoder decoder) throws IOException {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(decoder, "decoder");
    TarRows rows = TarRows.open(archive, decoder, MAX_MEMBER_BYTES);
    return StreamSupport.stream(rows, false).onClose(rows::close);
  }

  /**
   * Returns the labels the rows of {@code archive} carry, sorted and distinct, leaving out names
   * that are not {@linkplain io.github.can4000.internal.Labels#isSafe safe labels}: for a labelled
   * tree the directory names, for WebDataset shards the labels in the JSON metadata. Only member
   * headers and JSON members are read (a compressed archive is still decompressed once). Use it to
   * fix the class indices before writing, e.g. {@code
   * Sinks.tarShards(dir).labels(TarArchives.labels(archive))}.
   *
   * @throws IOException if the archive cannot be opened
   * @throws UncheckedIOException if the archive turns out to be unreadable part-way
   */
  public static List<String> labels(Path archive) throws IOException {
    Objects.requireNonNull(archive, "archive");
    return TarRows.labels(archive, MAX_MEMBER_BYTES);
  }

  /**
   * Streams the samples of the rows that succeed, in archive order; see {@link #results}.
   *
   * @throws IOException if the archive cannot be opened
   */
  public static Stream<Sample> samples(Path archive, Decoder decoder) throws IOException {
    return results(archive, decoder).map(RowResult::sample).flatMap(Optional::stream);
  }

  /**
   * Writes every sample of {@code archive} to {@code sink}, on the calling thread, and returns one
   * outcome per row ({@link Reason#WRITTEN}, {@link Reason#WRITE_FAILED} or why the row failed).
   * The sink is not closed.
   *
   * @throws IOException if the archive cannot be opened
   * @throws UncheckedIOException if the archive turns out to be unreadable part-way
   */
  public static RunReport writeTo(Path archive, Decoder decoder, Sink sink) throws IOException {
    Objects.requireNonNull(sink, "sink");
    long start = System.nanoTime();
    List<Outcome> outcomes = new ArrayList<>();
    try (Stream<RowResult> rows = results(archive, decoder)) {
      rows.forEach(
          r -> {
            Outcome o = r.outcome();
            if (r.sample().isEmpty()) {
              outcomes.add(o);
              return;
            }
            Reason reason = Reason.WRITTEN;
            String detail = "";
            try {
              sink.write(r.sample().get());
            } catch (IOException e) {
              reason = Reason.WRITE_FAILED;
              detail = e.toString();
            }
            outcomes.add(
                new Outcome(
                    o.entry(),
                    reason,
                    detail,
                    o.httpStatus(),
                    o.attempts(),
                    o.sourceWidth(),
                    o.sourceHeight(),
                    o.rect(),
                    o.outputWidth(),
                    o.outputHeight(),
                    o.edgeFlags(),
                    o.millis()));
          });
    }
    return new RunReport(outcomes, Duration.ofNanos(System.nanoTime() - start));
  }
}
