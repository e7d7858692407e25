package io.github.can4000.bench;

import io.github.can4000.Box;
import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-image stages on the bench corpus: each invocation processes the same set of images once
 * (decode all, crop all, encode all), so scores are milliseconds per set; the setup prints the
 * megapixels per set to turn them into MP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class StageBenchmarks {
  /** A typical CAN4000 box (centre 0.5,0.5, 0.6 x 0.8 of the image). */
  static final Box BOX = new Box(0.5, 0.5, 0.6, 0.8);

  /**
   * {@code imageio}, or {@code opencv} with can4000-opencv and org.openpnp:opencv on the class
   * path.
   */
  @Param({"imageio"})
  public String decoder;

  /** Which corpus files: {@code jpg} or {@code png}. */
  @Param({"jpg"})
  public String files;

  @Param({"40"})
  public int count;

  /** {@code core} (ImageData.toPng) or a PngVariant spec: filter-level[-huff|-filtered]. */
  @Param({"core", "up-1", "sub-1-huff"})
  public String png;

  List<Bytes> sources;
  Decoder dec;
  DecodedImage[] decoded;
  ImageData[] crops;
  byte[][] cropPixels;
  PngVariant variant;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    sources = Corpus.load("." + files, count);
    dec = io.github.can4000.bench.Benchmark.decoder(decoder);
    decoded = new DecodedImage[sources.size()];
    crops = new ImageData[sources.size()];
    cropPixels = new byte[sources.size()][];
    long mp = 0;
    long cropBytes = 0;
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = dec.decode(sources.get(i));
      mp += (long) decoded[i].width() * decoded[i].height();
      crops[i] = decoded[i].crop(rect(decoded[i]));
      cropPixels[i] = crops[i].toByteArray();
      cropBytes += (long) crops[i].width() * crops[i].height();
    }
    variant = png.equals("core") ? null : PngVariant.parse(png);
    System.out.printf(
        "%n[set] %d images, %.2f MP decoded, %.2f MP cropped per invocation%n",
        decoded.length, mp / 1e6, cropBytes / 1e6);
  }

  static PixelRect rect(DecodedImage image) {
    return BOX.toPixels(image.width(), image.height()).clampTo(image.width(), image.height());
  }

  /** Decodes the whole set. */
  @Benchmark
  public void decode(Blackhole bh) throws Exception {
    for (Bytes b : sources) {
      bh.consume(dec.decode(b));
    }
  }

  /**
   * Decodes only the typical box of every image of the set (a region read where the decoder can).
   */
  @Benchmark
  public void decodeRegion(Blackhole bh) throws Exception {
    for (Bytes b : sources) {
      bh.consume(dec.decode(b, StageBenchmarks::rect));
    }
  }

  static PixelRect rect(int w, int h) {
    return BOX.toPixels(w, h).clampTo(w, h);
  }

  /** Copies the box out of every decoded source (the cropper's pixel work). */
  @Benchmark
  public void crop(Blackhole bh) {
    for (DecodedImage d : decoded) {
      bh.consume(d.crop(rect(d)));
    }
  }

  /**
   * Encodes every crop as PNG; {@code png} picks the core encoder or a filter/level/strategy
   * variant.
   */
  @Benchmark
  public long encode() {
    long bytes = 0;
    for (int i = 0; i < crops.length; i++) {
      ImageData c = crops[i];
      bytes +=
          variant == null
              ? c.toPng().length
              : variant.encode(c.width(), c.height(), c.channels(), cropPixels[i]).length;
    }
    return bytes;
  }
}
