package io.github.can4000.io.sink;

import io.github.can4000.ManifestEntry;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.internal.AtomicFile;
import io.github.can4000.internal.Labels;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes {@code outDir/<label>/<stem>.<png|jpg>} atomically. Thread-safe. */
final class FolderSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(FolderSink.class);

  private final Path root;

  /** Label directories already created, so each is created once. */
  private final Map<String, Path> labelDirs = new ConcurrentHashMap<>();

  private final CropEncoding encoding;

  FolderSink(Path outDir, CropEncoding encoding) throws IOException {
    this.encoding = encoding;
    Path dir = outDir.toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toString());
    }
    Files.createDirectories(dir);
    this.root = dir;
  }

  @Override
  public boolean contains(ManifestEntry entry) {
    Path file = finalPathOrNull(entry);
    return file != null && Files.isRegularFile(file);
  }

  @Override
  public void write(Sample sample) throws IOException {
    ManifestEntry entry = sample.entry();
    Path file = finalPath(entry);
    labelDir(entry.label(), file.getParent());
    byte[] png = encoding.encode(sample.image());
    // not forced to disk: one crop per row, and a later run re-makes what a crash lost
    AtomicFile.write(file, png, AtomicFile.Sync.NONE);
  }

  /** Removes temporary files left behind by a killed run. */
  void cleanStaleTemps() throws IOException {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path dir : dirs) {
        try (DirectoryStream<Path> temps =
            Files.newDirectoryStream(dir, AtomicFile.TEMP_PREFIX + "*" + AtomicFile.TEMP_SUFFIX)) {
          for (Path tmp : temps) {
            if (Files.isRegularFile(tmp)) {
              LOG.debug("removing stale temporary file {}", tmp);
              Files.deleteIfExists(tmp);
            }
          }
        }
      }
    }
  }

  private Path finalPath(ManifestEntry entry) throws IOException {
    String problem = Labels.problem(entry.label());
    if (problem != null) {
      throw new IOException("refusing label \"" + entry.label() + "\": " + problem);
    }
    Path file =
        root.resolve(entry.label())
            .resolve(entry.fileStem() + "." + encoding.extension())
            .normalize();
    if (!file.startsWith(root) || !file.getParent().getParent().equals(root)) {
      throw new IOException("refusing label \"" + entry.label() + "\": path leaves " + root);
    }
    return file;
  }

  private Path finalPathOrNull(ManifestEntry entry) {
    try {
      return finalPath(entry);
    } catch (IOException e) {
      return null;
    }
  }

  private Path labelDir(String label, Path dir) throws IOException {
    Path known = labelDirs.get(label);
    if (known != null) {
      return known;
    }
    synchronized (labelDirs) {
      known = labelDirs.get(label);
      if (known == null) {
        Files.createDirectories(dir);
        labelDirs.put(label, dir);
        known = dir;
      }
    }
    return known;
  }

  @Override
  public String toString() {
    return "Sinks.folder(" + root + ")";
  }
}
