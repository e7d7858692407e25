package io.github.can4000.io.annotate;

import io.github.can4000.Box;
import io.github.can4000.io.internal.CsvFiles;
import io.github.can4000.io.sheet.SheetRenderer;
import io.github.can4000.io.sheet.Thumbnail;
import io.github.can4000.spi.Crop;
import io.github.can4000.spi.RowException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a review: the accepted proposals, relabelled where the reviewer relabelled them, as CAN
 * manifest lines {@code no label x y w h source}. The proposal's number is the manifest's {@code
 * no}, so ids stay stable when a review is revised. A {@code ##} header names the detector, the
 * thresholds, the counts and the date.
 */
public final class ManifestExport {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestExport.class);

  /**
   * What was published.
   *
   * @param accepted rows written
   * @param rejected rows rejected
   * @param undecided rows without a decision (left out)
   */
  public record Summary(int accepted, int rejected, int undecided) {}

  private ManifestExport() {}

  /**
   * Writes the manifest of the accepted rows to {@code manifest}, atomically.
   *
   * @param proposals the proposals, as read from {@code proposals.csv}
   * @param decisions the decisions in force, by number ({@link DecisionLog#read})
   * @param header lines for the {@code ##} header (detector, thresholds...), without the {@code ##}
   * @param now the date written in the header
   * @throws IllegalArgumentException if a decision names a number that no proposal has
   */
  public static Summary write(
      Path manifest,
      List<ProposalRow> proposals,
      Map<Integer, Decision> decisions,
      List<String> header,
      Instant now)
      throws IOException {
    Map<Integer, ProposalRow> byNo = byNo(proposals);
    for (Integer no : decisions.keySet()) {
      if (!byNo.containsKey(no)) {
        throw new IllegalArgumentException("decision on no " + no + ", which no proposal has");
      }
    }
    List<String> lines = new ArrayList<>();
    int accepted = 0;
    int rejected = 0;
    for (ProposalRow r : byNo.values()) {
      Decision d = decisions.get(r.no());
      if (d == null) {
        continue;
      }
      if (d.kind() == Decision.Kind.REJECT) {
        rejected++;
        continue;
      }
      accepted++;
      Box b = r.box();
      lines.add(
          r.no()
              + " "
              + d.label()
              + " "
              + b.x()
              + " "
              + b.y()
              + " "
              + b.width()
              + " "
              + b.height()
              + " "
              + r.source());
    }
    int undecided = byNo.size() - accepted - rejected;
    Summary s = new Summary(accepted, rejected, undecided);
    CsvFiles.writeAtomically(
        manifest,
        w -> {
          w.write("## CAN-style manifest: no label x_center y_center width height source\n");
          for (String h : header) {
            w.write("## " + h.replace('\n', ' ').replace('\r', ' ') + "\n");
          }
          w.write(
              "## reviewed: "
                  + s.accepted()
                  + " accepted, "
                  + s.rejected()
                  + " rejected, "
                  + s.undecided()
                  + " undecided (left out) of "
                  + byNo.size()
                  + " proposals\n");
          w.write("## date: " + now.truncatedTo(ChronoUnit.SECONDS) + "\n");
          for (String l : lines) {
            w.write(l);
            w.write('\n');
          }
        });
    return s;
  }

  /**
   * Renders one contact sheet per published label, {@code <sheets>/<label>.jpg}, of the accepted
   * crops in number order, cut exactly as the manifest will cut them. Crops that cannot be made are
   * logged and left off.
   *
   * @return the sheets written
   * @throws InterruptedException if interrupted while fetching
   */
  public static List<Path> contactSheets(
      Path sheets,
      List<ProposalRow> proposals,
      Map<Integer, Decision> decisions,
      SourceImages images,
      SheetRenderer renderer)
      throws IOException, InterruptedException {
    Map<String, List<Thumbnail>> byLabel = new TreeMap<>();
    Map<String, Integer> totals = new TreeMap<>();
    for (ProposalRow r : byNo(proposals).values()) {
      Decision d = decisions.get(r.no());
      if (d == null || d.kind() != Decision.Kind.ACCEPT) {
        continue;
      }
      totals.merge(d.label(), 1, Integer::sum);
      List<Thumbnail> thumbs = byLabel.computeIfAbsent(d.label(), k -> new ArrayList<>());
      if (thumbs.size() >= renderer.count()) {
        continue;
      }
      try {
        Crop c = images.crop(r);
        thumbs.add(new Thumbnail(String.format("%05d", r.no()), c.image().toBufferedImage()));
      } catch (RowException e) {
        LOG.warn(
            "no {} ({}): no crop for the contact sheet: {}", r.no(), r.source(), e.getMessage());
      }
    }
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, List<Thumbnail>> e : byLabel.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      Path out = sheets.resolve(e.getKey() + ".jpg");
      renderer.writeJpeg(
          renderer.render(
              e.getKey() + " (" + e.getValue().size() + " of " + totals.get(e.getKey()) + ")",
              e.getValue()),
          out);
      written.add(out);
    }
    return written;
  }

  private static Map<Integer, ProposalRow> byNo(List<ProposalRow> proposals) {
    Map<Integer, ProposalRow> m = new TreeMap<>();
    for (ProposalRow r : proposals) {
      Objects.requireNonNull(r, "proposal");
      if (m.put(r.no(), r) != null) {
        throw new IllegalArgumentException("duplicate proposal no " + r.no());
      }
    }
    return m;
  }
}
