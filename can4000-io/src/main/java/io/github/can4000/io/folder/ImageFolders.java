package io.github.can4000.io.folder;

import io.github.can4000.Box;
import io.github.can4000.Dataset;
import io.github.can4000.DatasetBuilder;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.internal.Labels;
import io.github.can4000.io.file.FileFetchers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a directory tree of labelled images, {@code <label>/<image>}, as a {@link Manifest}, so it
 * goes through the same pipeline, sinks and reports as the CAN4000 manifest.
 *
 * <pre>{@code
 * // skin/train/melanoma/a.jpg, skin/train/nevus/b.png, skin/val/...
 * try (Dataset dataset = ImageFolders.datasetBuilder(Path.of("skin"), "train")  // manifest + file fetcher
 *         .decoder(ImageDecoders.standard())
 *         .build()) {
 *   dataset.writeTo(Sinks.folder(Path.of("out")));
 * }
 *
 * Manifest val = ImageFolders.manifest(Path.of("skin"), "val");                 // or just the rows
 * }</pre>
 *
 * <p>Each file two levels below the base directory becomes one entry: its label is the name of its
 * directory, its box the whole image, {@code Box(0.5, 0.5, 1, 1)} (the reference arithmetic gives
 * exactly {@code [0, W) x [0, H)}), and its URL its path relative to the root with {@code /}
 * separators (for a split, {@code train/melanoma/a.jpg}), to be read by {@code
 * FileFetchers.create(root)}. Entries are sorted by that path and numbered 0, 1, 2, ... in that
 * order.
 *
 * <p>No file is opened here: the format is recognised from the bytes when the row is decoded, so a
 * file that is not an image or is corrupt becomes an outcome ({@link
 * io.github.can4000.Reason#NOT_AN_IMAGE}, {@link io.github.can4000.Reason#DECODE_FAILED}) rather
 * than an exception, and a directory name that is not a {@linkplain Labels#isSafe safe label} is
 * reported as {@link io.github.can4000.Reason#BAD_LABEL}. Hidden files and directories (names
 * starting with a dot), files directly in the base directory, deeper files and symbolic links are
 * left out.
 */
public final class ImageFolders {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFolders.class);

  /** The whole image in YOLO convention. */
  public static final Box WHOLE_IMAGE = new Box(0.5, 0.5, 1, 1);

  private ImageFolders() {}

  /**
   * Returns the entries of {@code root/<label>/<image>}.
   *
   * @throws IOException if {@code root} is not a directory or cannot be listed
   */
  public static Manifest manifest(Path root) throws IOException {
    Objects.requireNonNull(root, "root");
    return scan(root, root, "");
  }

  /**
   * Returns the entries of {@code root/<split>/<label>/<image>}, for a split directory such as
   * {@code train}, {@code val} or {@code test}; URLs stay relative to {@code root}.
   *
   * @throws IllegalArgumentException if {@code split} is not a single safe directory name
   * @throws IOException if the split directory does not exist or cannot be listed
   */
  public static Manifest manifest(Path root, String split) throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(split, "split");
    String problem = Labels.problem(split);
    if (problem != null) {
      throw new IllegalArgumentException(
          "split must be one directory name: '" + split + "': " + problem);
    }
    return scan(root, root.resolve(split), split + "/");
  }

  /**
   * Returns a dataset builder whose manifest is {@link #manifest(Path) manifest(root)} and whose
   * fetcher is {@code FileFetchers.create(root)}; set the decoder (and any other option) and build.
   * Manifest and fetcher cannot be set again on the returned builder.
   *
   * @throws IOException if {@code root} is not a directory or cannot be listed
   */
  public static DatasetBuilder datasetBuilder(Path root) throws IOException {
    return Dataset.builder().manifest(manifest(root)).fetcher(FileFetchers.create(root));
  }

  /**
   * Returns a dataset builder whose manifest is {@link #manifest(Path, String) manifest(root,
   * split)} and whose fetcher is {@code FileFetchers.create(root)}; set the decoder and build.
   *
   * @throws IllegalArgumentException if {@code split} is not a single safe directory name
   * @throws IOException if the split directory does not exist or cannot be listed
   */
  public static DatasetBuilder datasetBuilder(Path root, String split) throws IOException {
    return Dataset.builder().manifest(manifest(root, split)).fetcher(FileFetchers.create(root));
  }

  /**
   * Returns the names of the split directories of {@code root} that hold label directories (for
   * example {@code [test, train, val]}), sorted; empty if {@code root} is itself a label tree.
   *
   * @throws IOException if {@code root} cannot be listed
   */
  public static List<String> splits(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path dir : children(root)) {
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        boolean hasNested = false;
        for (Path label : children(dir)) {
          if (Files.isDirectory(label, LinkOption.NOFOLLOW_LINKS)) {
            hasNested = true;
            break;
          }
        }
        if (hasNested) {
          out.add(dir.getFileName().toString());
        }
      }
    }
    return out;
  }

  private static Manifest scan(Path root, Path base, String urlPrefix) throws IOException {
    if (!Files.isDirectory(base)) {
      throw new IOException("not a directory: " + base);
    }
    List<String> urls = new ArrayList<>();
    for (Path labelDir : children(base)) {
      if (!Files.isDirectory(labelDir, LinkOption.NOFOLLOW_LINKS)) {
        LOG.debug("ignoring {}: not in a label directory", labelDir);
        continue;
      }
      String label = labelDir.getFileName().toString();
      for (Path file : children(labelDir)) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          urls.add(urlPrefix + label + "/" + file.getFileName());
        } else {
          LOG.debug("ignoring {}: not a regular file", file);
        }
      }
    }
    urls.sort(null);
    List<ManifestEntry> entries = new ArrayList<>(urls.size());
    for (String url : urls) {
      String dir = url.substring(0, url.lastIndexOf('/'));
      String label = dir.substring(dir.lastIndexOf('/') + 1);
      entries.add(ManifestEntry.of(entries.size(), label, WHOLE_IMAGE, url));
    }
    return Manifest.of(base.toString(), entries);
  }

  /**
   * The entries of a directory, sorted by name, without those whose names start with {@code .}
   * (hidden, temporary files) and without directories whose names start with {@code _} (the tools'
   * own, such as {@code _sheets/}).
   */
  private static List<Path> children(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !(p.getFileName().toString().startsWith("_") && Files.isDirectory(p)))
          .sorted()
          .toList();
    }
  }
}
