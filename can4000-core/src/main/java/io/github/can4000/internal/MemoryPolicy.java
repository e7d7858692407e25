package io.github.can4000.internal;

import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.RegionHint;
import java.util.HexFormat;

/**
 * How a run shares the heap, in one place: the bytes for fetched bodies, the bytes for decoded
 * images, and how many decode threads fit when a decoder cannot size images from their headers.
 * {@code DatasetBuilder} applies it by default; the HTTP fetcher takes its body budget from it.
 */
public final class MemoryPolicy {
  private static final long MIB = 1024L * 1024;

  /** Heap kept for everything but bodies and decoded images: crops, encoders, the JVM's own. */
  static final long RESERVE = 64 * MIB;

  /** The largest default body buffer budget. */
  public static final long MAX_BODY_BUFFER_BUDGET = 64 * MIB;

  /** A 1 x 1 PNG header: whether a decoder can size images from their headers. */
  private static final Bytes SIZE_PROBE =
      Bytes.copyOf(
          HexFormat.of()
              .parseHex("89504e470d0a1a0a0000000d494844520000000100000001080200000090775308"));

  private MemoryPolicy() {}

  /**
   * An eighth of {@code maxHeap}, at least 1 MiB and at most 64 MiB: fetched bodies held at once.
   */
  public static long bodyBufferBudget(long maxHeap) {
    return Math.max(MIB, Math.min(MAX_BODY_BUFFER_BUDGET, maxHeap / 8));
  }

  /**
   * The bytes that decoded images may hold at once: the heap less the body budget and a reserve, at
   * least 16 MiB. Ordinary images then decode in parallel at any heap size, and a 25 MP one waits
   * until it is alone.
   */
  public static long decodeMemory(long maxHeap) {
    return Math.max(16 * MIB, maxHeap - bodyBufferBudget(maxHeap) - RESERVE);
  }

  /** Whether {@code decoder} sizes images from their headers ({@link Decoder#decodedBytes}). */
  public static boolean sizesFromHeaders(Decoder decoder) {
    return decoder.decodedBytes(SIZE_PROBE, RegionHint.WHOLE) >= 0;
  }

  /**
   * The decode threads that fit: {@code wanted}, or fewer when the decoder cannot size images from
   * their headers and each thread may hold its largest image ({@link Decoder#maxDecodedBytes}).
   */
  public static int decodeThreads(int wanted, Decoder decoder, long decodeMemory) {
    long largest = decoder.maxDecodedBytes();
    if (largest <= 0 || sizesFromHeaders(decoder)) {
      return wanted;
    }
    return (int) Math.max(1, Math.min(wanted, decodeMemory / largest));
  }
}
