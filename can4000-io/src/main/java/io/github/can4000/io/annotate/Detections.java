package io.github.can4000.io.annotate;

import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.DetectionException;
import io.github.can4000.spi.Detector;
import io.github.can4000.spi.Proposal;
import io.github.can4000.spi.RowException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs a {@link Detector} over photographs and numbers its proposals. */
public final class Detections {
  /** What became of one photograph. */
  public record Outcome(String source, int proposals, String error) {}

  private Detections() {}

  /**
   * Runs {@code detector} on every source in order and returns its proposals scoring at least
   * {@code minScore}, numbered from 1. A photograph that cannot be read or detected is reported to
   * {@code progress} with its error and skipped; every source gets exactly one outcome.
   *
   * @throws InterruptedException if interrupted while fetching
   */
  public static List<ProposalRow> run(
      List<String> sources,
      SourceImages images,
      Detector detector,
      double minScore,
      Consumer<Outcome> progress)
      throws InterruptedException {
    List<ProposalRow> rows = new ArrayList<>();
    for (String source : sources) {
      int before = rows.size();
      try {
        DecodedImage img = images.image(source);
        ImageData whole = img.crop(new PixelRect(0, 0, img.width(), img.height()));
        for (Proposal p : detector.detect(whole)) {
          if (p.score() >= minScore) {
            rows.add(new ProposalRow(rows.size() + 1, p.label(), p.box(), p.score(), source));
          }
        }
        progress.accept(new Outcome(source, rows.size() - before, null));
      } catch (RowException | DetectionException e) {
        progress.accept(new Outcome(source, 0, e.getMessage()));
      }
    }
    return rows;
  }
}
