package io.github.can4000.internal;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way can4000 writes a file: readers see the old content or the whole new one, never a
 * part. A temporary file {@code .<name>-<random>.tmp} is created in the target's folder (so the
 * move stays on one file system), written, optionally forced to disk, then moved over the target
 * with {@code ATOMIC_MOVE}; if anything fails before the move, the temporary file is deleted.
 *
 * <p>Writing works while the calling thread has a pending interrupt (a {@link FileOutputStream},
 * unlike an interruptible channel, is not closed by one): the report of an interrupted run must
 * still land.
 *
 * <p>For a file written in one go use {@link #write(Path, byte[], Sync)} or {@link #write(Path,
 * Content, Sync)}; for a file written over time (a tar shard, a CSV index) open one with {@link
 * #create(Path)}, write to {@link #out()}, then {@link #commit(Sync)}; {@link #close()} without a
 * commit discards it.
 */
public final class AtomicFile implements Closeable {
  /** Temporary files start with this, so that folder listings can tell them apart. */
  public static final String TEMP_PREFIX = ".";

  /** Temporary files end with this. */
  public static final String TEMP_SUFFIX = ".tmp";

  /** Whether the content is forced to the storage device before the move. */
  public enum Sync {
    /**
     * Forced ({@code fsync}): after a crash the target holds the old or the new content. For files
     * written once per run or per shard.
     */
    FORCE,
    /**
     * Left to the operating system: cheaper, for many small files that a later run can re-make (one
     * crop per row).
     */
    NONE
  }

  /** Writes a file's content; see {@link #write(Path, Content, Sync)}. */
  @FunctionalInterface
  public interface Content {
    /** Writes the whole content to {@code out} (buffer it if you write in small pieces). */
    void writeTo(OutputStream out) throws IOException;
  }

  private final Path target;
  private final Path temp;
  private final FileOutputStream out;
  private final OutputStream view =
      new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() {
          // the file is closed by commit or close of the AtomicFile
        }
      };
  private boolean committed;
  private boolean closed;

  private AtomicFile(Path target, Path temp) throws IOException {
    this.target = target;
    this.temp = temp;
    try {
      this.out = new FileOutputStream(temp.toFile());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /**
   * Opens a temporary file beside {@code target}, creating the folder if needed.
   *
   * @throws IOException if the folder or the file cannot be created
   */
  public static AtomicFile create(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path temp =
        dir.resolve(
            TEMP_PREFIX
                + abs.getFileName()
                + "-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())
                + TEMP_SUFFIX);
    try {
      // created with the default permissions, as the target would be (createTempFile makes 0600)
      Files.createFile(temp);
    } catch (NoSuchFileException e) {
      Files.createDirectories(dir);
      Files.createFile(temp);
    }
    return new AtomicFile(abs, temp);
  }

  /** Writes {@code data} to {@code target} atomically. */
  public static void write(Path target, byte[] data, Sync sync) throws IOException {
    write(target, out -> out.write(data), sync);
  }

  /** Writes what {@code content} writes to {@code target} atomically. */
  public static void write(Path target, Content content, Sync sync) throws IOException {
    try (AtomicFile f = create(target)) {
      content.writeTo(f.out());
      f.commit(sync);
    }
  }

  /** Returns whether {@code fileName} looks like a temporary file of this class. */
  public static boolean isTemp(String fileName) {
    return fileName.startsWith(TEMP_PREFIX) && fileName.endsWith(TEMP_SUFFIX);
  }

  /**
   * The stream to write the content to; unbuffered. Closing it only flushes it, so writers that
   * close their target (Jackson, {@code try}-with-resources) can be used before {@link
   * #commit(Sync)}.
   */
  public OutputStream out() {
    return view;
  }

  /** The absolute path the content will have once committed. */
  public Path target() {
    return target;
  }

  /** The temporary file being written. */
  public Path temp() {
    return temp;
  }

  /**
   * Closes the stream, forces the content to disk if asked, and moves the temporary file over the
   * target. On failure the temporary file is deleted and the target is left as it was.
   */
  public void commit(Sync sync) throws IOException {
    if (closed) {
      throw new IOException("atomic write of " + target + " is already closed");
    }
    try {
      out.flush();
      if (sync == Sync.FORCE) {
        // FileDescriptor.sync, unlike FileChannel.force, is not broken by a pending interrupt
        out.getFD().sync();
      }
      out.close();
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
    } finally {
      close();
    }
  }

  /** Discards the temporary file unless {@link #commit(Sync)} moved it; idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!committed) {
      try {
        out.close();
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }

  @Override
  public String toString() {
    return "AtomicFile[" + target + "]";
  }
}
