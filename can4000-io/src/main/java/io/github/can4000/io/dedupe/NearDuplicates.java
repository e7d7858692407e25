package io.github.can4000.io.dedupe;

import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * Finds near-duplicate pictures: a 64-bit perceptual hash, clustering by Hamming distance, and a
 * contamination check between two collections.
 *
 * <p><b>The hash</b> is the DCT hash (pHash): luminance, shrunk to 32 x 32 by area averaging, 2-D
 * DCT, the 8 x 8 lowest non-DC frequencies compared with their median. It was chosen over the
 * difference hash (dHash) because it is built from the picture's coarse frequency content, which
 * JPEG re-encoding, resizing, mild sharpening and brightness or contrast changes leave nearly
 * untouched, while dHash compares neighbouring cells and flips bits wherever two cells are close in
 * brightness — common in the smooth skin areas of clinical photos. The cost (a 32 x 32 DCT, well
 * under a millisecond) is negligible next to decoding.
 *
 * <p><b>The threshold</b>: two pictures are near-duplicates when their hashes differ in at most
 * {@value #DEFAULT_THRESHOLD} of 64 bits. Measured on 49 real clinical photos: copies re-encoded at
 * JPEG quality 60, resized to 50 %, or resized to 25 % and re-encoded differ from the original by 0
 * to 4 bits; different photos differ by at least 10 bits (two nails photographed on the same black
 * background; including the DC terms would bring them to 8), most by 20 or more (unrelated hashes
 * differ by 32 on average). So 8 sits between the two; 10, a common choice for pHash, would join
 * that pair. Hashes have exactly 32 one bits unless coefficients tie, so distances are even.
 *
 * <pre>{@code
 * long h = NearDuplicates.hash(sample.image());
 * NearDuplicateClusters c = NearDuplicates.cluster(hashesByUrl, NearDuplicates.DEFAULT_THRESHOLD);
 * Split split = Splits.builder()...urlClusters(c.groups()).build().split(manifest);
 *
 * HashedFolder train = NearDuplicates.hashFolder(Path.of("out"), decoder);
 * HashedFolder val = NearDuplicates.hashFolder(Path.of("val"), decoder);
 * List<Match> leaks = NearDuplicates.contamination(train.hashes(), val.hashes(), NearDuplicates.DEFAULT_THRESHOLD);
 * }</pre>
 */
public final class NearDuplicates {
  /** The default Hamming distance, in bits, up to which two hashes are near-duplicates. */
  public static final int DEFAULT_THRESHOLD = 8;

  private static final Set<String> IMAGE_EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp");

  private NearDuplicates() {}

  /** Returns the 64-bit DCT perceptual hash of {@code image}. */
  public static long hash(ImageData image) {
    return PerceptualHash.of(Objects.requireNonNull(image, "image"));
  }

  /**
   * Returns the perceptual hash of a whole decoded source image.
   *
   * @throws IllegalArgumentException if only a region of the source was decoded
   */
  public static long hash(DecodedImage image) {
    return hash(image, new PixelRect(0, 0, image.width(), image.height()));
  }

  /**
   * Returns the perceptual hash of the part {@code rect} (in full-source coordinates) of a decoded
   * source, without copying that part whole; the same as hashing {@code image.crop(rect)}.
   *
   * @throws IllegalArgumentException if {@code rect} is empty or was not decoded
   */
  public static long hash(DecodedImage image, PixelRect rect) {
    Objects.requireNonNull(image, "image");
    if (rect.isEmpty() || !image.covers(rect)) {
      throw new IllegalArgumentException("cannot hash " + rect + " of " + image + ": not decoded");
    }
    return PerceptualHash.of(image, rect);
  }

  /** Returns the number of bits in which two hashes differ, 0 to 64. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /** Returns a hash as 16 lowercase hexadecimal digits. */
  public static String toHex(long hash) {
    return HexFormat.of().toHexDigits(hash);
  }

  /**
   * Parses 16 hexadecimal digits written by {@link #toHex}.
   *
   * @throws IllegalArgumentException if {@code hex} is not 16 hexadecimal digits
   */
  public static long parseHex(String hex) {
    if (hex.length() != 16 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("a hash is 16 hexadecimal digits: \"" + hex + "\"");
    }
    return HexFormat.fromHexDigitsToLong(hex);
  }

  /**
   * Clusters keys (URLs, file names) whose hashes lie within {@code threshold} bits, transitively:
   * if a is near b and b near c, all three are one cluster (single-linkage, with union-find over
   * all pairs).
   *
   * @param hashes the hash of each key
   * @param threshold the largest Hamming distance, 0 to 63, that joins two keys
   * @throws IllegalArgumentException if the threshold is out of range
   */
  public static NearDuplicateClusters cluster(Map<String, Long> hashes, int threshold) {
    checkThreshold(threshold);
    return NearDuplicateClusters.of(hashes, threshold);
  }

  /**
   * Clusters keys like {@link #cluster(Map, int)}, but joins two keys only if {@code comparable}
   * says their hashes may be compared, e.g. because they hash the same part of their pictures
   * (lockfile entries hashed by region, see {@code Lockfiles.clusters}).
   *
   * @param comparable whether two keys' hashes may be compared; must be symmetric
   * @throws IllegalArgumentException if the threshold is out of range
   */
  public static NearDuplicateClusters cluster(
      Map<String, Long> hashes, int threshold, BiPredicate<String, String> comparable) {
    checkThreshold(threshold);
    return NearDuplicateClusters.of(
        hashes, threshold, Objects.requireNonNull(comparable, "comparable"));
  }

  /**
   * Returns every pair (key of {@code candidates}, key of {@code reference}) whose hashes lie
   * within {@code threshold} bits, sorted by candidate key, then distance, then reference key. Use
   * it to find training images that are near-duplicates of validation or test images.
   *
   * @throws IllegalArgumentException if the threshold is out of range
   */
  public static List<Match> contamination(
      Map<String, Long> candidates, Map<String, Long> reference, int threshold) {
    checkThreshold(threshold);
    List<Map.Entry<String, Long>> refs = new ArrayList<>(reference.entrySet());
    List<Match> matches = new ArrayList<>();
    for (Map.Entry<String, Long> c : candidates.entrySet()) {
      long h = c.getValue();
      for (Map.Entry<String, Long> r : refs) {
        int d = distance(h, r.getValue());
        if (d <= threshold) {
          matches.add(new Match(c.getKey(), r.getKey(), d));
        }
      }
    }
    matches.sort(
        Comparator.comparing(Match::key)
            .thenComparingInt(Match::distance)
            .thenComparing(Match::reference));
    return List.copyOf(matches);
  }

  /**
   * Hashes every image of a folder-per-label directory, {@code dir/<label>/<file>} with the
   * extensions png, jpg, jpeg, gif, bmp or webp (as {@code Sinks.folder} writes and most training
   * tools read). Keys are {@code <label>/<file>}. Folders whose names start with {@code .} or
   * {@code _} (such as {@code _sheets}) are not labels and are skipped. Files that cannot be read
   * or decoded are listed in {@link HashedFolder#unreadable()} with the reason, not thrown.
   *
   * @throws IOException if {@code dir} cannot be listed
   */
  public static HashedFolder hashFolder(Path dir, Decoder decoder) throws IOException {
    Objects.requireNonNull(decoder, "decoder");
    Map<String, Long> hashes = new TreeMap<>();
    Map<String, String> unreadable = new TreeMap<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> labels = Files.list(dir)) {
      for (Path labelDir :
          labels.filter(Files::isDirectory).filter(NearDuplicates::isLabelDir).sorted().toList()) {
        try (Stream<Path> inside = Files.list(labelDir)) {
          inside
              .filter(Files::isRegularFile)
              .filter(NearDuplicates::isImageFile)
              .sorted()
              .forEach(files::add);
        }
      }
    }
    for (Path f : files) {
      String key = f.getParent().getFileName() + "/" + f.getFileName();
      try {
        DecodedImage img = decoder.decode(Bytes.copyOf(Files.readAllBytes(f)));
        hashes.put(key, hash(img));
      } catch (IOException | DecodeException | RuntimeException e) {
        unreadable.put(key, e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
    return new HashedFolder(dir, hashes, unreadable);
  }

  /** Folders starting with {@code .} or {@code _} (such as {@code _sheets}) are not labels. */
  static boolean isLabelDir(Path p) {
    String n = p.getFileName().toString();
    return !n.startsWith(".") && !n.startsWith("_");
  }

  static boolean isImageFile(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0
        && !name.startsWith(".")
        && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static void checkThreshold(int threshold) {
    if (threshold < 0 || threshold > 63) {
      throw new IllegalArgumentException("threshold must be between 0 and 63 bits: " + threshold);
    }
  }
}
