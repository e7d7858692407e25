package io.github.can4000.io.split;

/**
 * What of a split crosses sides: URLs whose rows lie on more than one side, and near-duplicate
 * clusters whose URLs do. A split made by {@link Splitter} has none by construction; the numbers
 * are counted again from the result, as a check.
 *
 * @param urls the number of distinct URLs in the manifest
 * @param urlsCrossing URLs whose rows lie on more than one side
 * @param clusters the number of configured clusters with at least one URL in the manifest
 * @param clustersCrossing such clusters whose URLs lie on more than one side
 * @param rowsCrossing rows whose URL crosses, or whose URL's cluster crosses
 */
public record Leakage(
    int urls, int urlsCrossing, int clusters, int clustersCrossing, int rowsCrossing) {

  /** Returns whether nothing crosses sides. */
  public boolean isClean() {
    return urlsCrossing == 0 && clustersCrossing == 0 && rowsCrossing == 0;
  }
}
