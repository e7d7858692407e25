package io.github.can4000.io.annotate;

import io.github.can4000.io.internal.CsvFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions file of a review, {@code no,decision,label}: every decision is appended and forced
 * to disk before {@link #append} returns, so a closed browser or a killed process loses nothing,
 * and opening the file again resumes. Decisions on one row stack: an accept or reject is pushed, an
 * undo pops; the top is in force. Thread-safe.
 *
 * <p>A process killed while writing can leave a last line without its line end; {@link #open} drops
 * that fragment (it was never acknowledged) and logs it.
 */
public final class DecisionLog implements AutoCloseable {
  /** The header, in order. */
  public static final String HEADER = "no,decision,label";

  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);

  private final Path file;
  private final FileChannel channel;
  private final Map<Integer, Deque<Decision>> stacks;

  private DecisionLog(Path file, FileChannel channel, Map<Integer, Deque<Decision>> stacks) {
    this.file = file;
    this.channel = channel;
    this.stacks = stacks;
  }

  /**
   * Opens {@code file} for appending, creating it with its header if missing, and replays it.
   *
   * @throws IOException if it cannot be opened or is malformed (naming file and line)
   */
  public static DecisionLog open(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long size = ch.size();
      long end = lastLineEnd(ch);
      if (end < size) {
        LOG.warn(
            "{}: dropping an unfinished last line ({} bytes) left by an interrupted write",
            file,
            size - end);
        ch.truncate(end);
        ch.force(true);
      }
      if (ch.size() == 0) {
        ch.write(ByteBuffer.wrap((HEADER + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(true);
      }
      Map<Integer, Deque<Decision>> stacks = replay(file);
      ch.position(ch.size());
      return new DecisionLog(file, ch, stacks);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Reads the decisions in force in {@code file}, by proposal number; an unfinished last line is
   * ignored.
   *
   * @throws IOException if it cannot be read or is malformed (naming file and line)
   */
  public static Map<Integer, Decision> read(Path file) throws IOException {
    return inForce(replay(file));
  }

  /**
   * Appends {@code d} and forces it to disk.
   *
   * @throws IllegalStateException for an undo on a row with no decision in force
   */
  public synchronized void append(Decision d) throws IOException {
    Deque<Decision> stack = stacks.computeIfAbsent(d.no(), k -> new ArrayDeque<>());
    if (d.kind() == Decision.Kind.UNDO && stack.isEmpty()) {
      throw new IllegalStateException("nothing to undo on no " + d.no());
    }
    ByteBuffer line = ByteBuffer.wrap((format(d) + "\n").getBytes(StandardCharsets.UTF_8));
    while (line.hasRemaining()) {
      channel.write(line);
    }
    channel.force(false);
    apply(stack, d);
  }

  /** Returns the decision in force on {@code no}, or null if there is none. */
  public synchronized Decision current(int no) {
    Deque<Decision> s = stacks.get(no);
    return s == null ? null : s.peek();
  }

  /** Returns the decisions in force, by proposal number, as a snapshot. */
  public synchronized Map<Integer, Decision> current() {
    return inForce(stacks);
  }

  /** Returns the file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  private static Map<Integer, Decision> inForce(Map<Integer, Deque<Decision>> stacks) {
    Map<Integer, Decision> m = new TreeMap<>();
    stacks.forEach(
        (no, s) -> {
          if (!s.isEmpty()) {
            m.put(no, s.peek());
          }
        });
    return m;
  }

  private static void apply(Deque<Decision> stack, Decision d) {
    if (d.kind() == Decision.Kind.UNDO) {
      stack.poll();
    } else {
      stack.push(d);
    }
  }

  private static Map<Integer, Deque<Decision>> replay(Path file) throws IOException {
    Map<Integer, Deque<Decision>> stacks = new HashMap<>();
    for (CsvFiles.Row row :
        CsvFiles.read(completeLines(file), HEADER.split(","), "decisions file")) {
      String[] f = row.fields();
      Decision d;
      try {
        d =
            new Decision(
                Integer.parseInt(f[0].strip()), Decision.Kind.parse(f[1].strip()), f[2].strip());
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ":" + row.line() + ": " + e.getMessage(), e);
      }
      apply(stacks.computeIfAbsent(d.no(), k -> new ArrayDeque<>()), d);
    }
    return stacks;
  }

  /** Returns {@code file}, or a temporary copy without an unfinished last line. */
  private static Path completeLines(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int end = all.length;
    while (end > 0 && all[end - 1] != '\n') {
      end--;
    }
    if (end == all.length) {
      return file;
    }
    // rare (only after a crash mid-write): parse the complete lines from memory via a temporary
    // file
    Path tmp = Files.createTempFile("decisions-", ".csv");
    tmp.toFile().deleteOnExit();
    Files.write(tmp, Arrays.copyOf(all, end));
    return tmp;
  }

  private static long lastLineEnd(FileChannel ch) throws IOException {
    long pos = ch.size();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (pos > 0) {
      one.clear();
      ch.read(one, pos - 1);
      if (one.get(0) == '\n') {
        return pos;
      }
      pos--;
    }
    return 0;
  }

  static String format(Decision d) {
    return d.no() + "," + d.kind().token() + "," + quote(d.label());
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
