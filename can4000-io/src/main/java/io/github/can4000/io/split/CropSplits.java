package io.github.can4000.io.split;

import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.TrainingCrops;
import io.github.can4000.io.dedupe.NearDuplicateClusters;
import io.github.can4000.io.dedupe.NearDuplicates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits crops already loaded ({@link TrainingCrops}) the way {@link Splits} splits a manifest:
 * every crop of one source URL, and of URLs whose crops are near-duplicates (perceptual hashes
 * within {@link NearDuplicates#DEFAULT_THRESHOLD} bits), goes to one side, and each label is spread
 * over the sides. The ML adapters' split methods (DJL's {@code CropDataset.randomSplit}, DL4J's
 * {@code CropDataSetIterator.Builder.subset}) use it, so that no framework idiom splits by index
 * and puts crops of one photograph on both sides.
 *
 * <pre>{@code
 * int[] side = CropSplits.sides(crops, 42, 0.8, 0.2);   // side[i] is 0 (train) or 1 (held out)
 * }</pre>
 */
public final class CropSplits {
  private CropSplits() {}

  /**
   * Returns the side of each crop, {@code 0 .. fractions.length - 1}.
   *
   * @param crops the crops
   * @param seed the random seed; the same seed gives the same sides
   * @param fractions the fraction of crops per side, at least two, each in (0, 1], summing to 1
   * @throws IllegalArgumentException if the fractions are invalid
   */
  public static int[] sides(TrainingCrops crops, long seed, double... fractions) {
    if (fractions.length < 2) {
      throw new IllegalArgumentException(
          "at least two fractions are needed, got " + fractions.length);
    }
    List<ManifestEntry> entries = new ArrayList<>(crops.size());
    Map<String, Long> hashes = new HashMap<>();
    for (int i = 0; i < crops.size(); i++) {
      ManifestEntry e = crops.entry(i);
      entries.add(ManifestEntry.of(i, e.label(), e.box(), e.url()));
      hashes.put(Integer.toString(i), NearDuplicates.hash(crops.image(i)));
    }
    List<Set<String>> urlClusters = new ArrayList<>();
    NearDuplicateClusters clusters =
        NearDuplicates.cluster(hashes, NearDuplicates.DEFAULT_THRESHOLD);
    for (NearDuplicateClusters.Cluster cluster : clusters.clusters()) {
      Set<String> urls = new LinkedHashSet<>();
      cluster.keys().forEach(k -> urls.add(crops.entry(Integer.parseInt(k)).url()));
      urlClusters.add(urls);
    }
    Splits.Builder b = Splits.builder().seed(seed).urlClusters(urlClusters);
    for (int s = 0; s < fractions.length; s++) {
      b.side("side" + s, fractions[s]);
    }
    Split split;
    try {
      split = b.build().split(Manifest.of("crops", entries));
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    int[] sides = new int[crops.size()];
    for (int i = 0; i < sides.length; i++) {
      sides[i] = Integer.parseInt(split.sideOf(i).substring("side".length()));
    }
    return sides;
  }
}
