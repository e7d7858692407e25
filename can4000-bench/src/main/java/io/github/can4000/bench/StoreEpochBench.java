package io.github.can4000.bench;

import io.github.can4000.Box;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.ImageData;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Normalization;
import io.github.can4000.TrainingCrops;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.image.ImageDecoders;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * Epoch 2 from a crop store: how fast {@link TrainingCrops#toFloatArray} serves 224 x 224
 * ImageNet-normalised CHW tensors from memory-mapped files, as the DJL and DL4J adapters read them.
 *
 * <pre>{@code
 * java -cp can4000-bench/target/classes:$(cat can4000-bench/target/cp.txt) \
 *   io.github.can4000.bench.StoreEpochBench DIR [CROPS=4000] [THREADS=1,2]
 * }</pre>
 *
 * Writes 40 noisy 640 x 480 JPEG sources into DIR, stores CROPS crops of them at 224 x 224 in
 * DIR/store (epoch 1), then reads every crop in a shuffled order into batches of 32 floats arrays
 * (epoch 2, then epoch 3), with each thread count. Prints samples/s per epoch. Delete DIR
 * afterwards.
 */
public final class StoreEpochBench {
  private StoreEpochBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int crops = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
    String[] threads = (args.length > 2 ? args[2] : "1,2").split(",");
    Path images = Files.createDirectories(dir.resolve("images"));
    Random r = new Random(1);
    for (int i = 0; i < 40; i++) {
      BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
      for (int y = 0; y < 480; y++) {
        for (int x = 0; x < 640; x++) {
          img.setRGB(x, y, r.nextInt(1 << 24));
        }
      }
      ImageIO.write(img, "jpg", images.resolve(i + ".jpg").toFile());
    }
    List<ManifestEntry> rows = new ArrayList<>();
    for (int i = 0; i < crops; i++) {
      double w = 0.3 + 0.6 * r.nextDouble();
      rows.add(
          ManifestEntry.of(
              i, i % 2 == 0 ? "a" : "b", new Box(0.5, 0.5, w, w), (i * 40 / crops) + ".jpg"));
    }
    Manifest m = Manifest.of("bench", rows);
    long t0 = System.nanoTime();
    TrainingCrops store;
    try (Dataset ds =
        Dataset.builder()
            .manifest(m)
            .fetcher(FileFetchers.create(images))
            .decoder(ImageDecoders.standard())
            .cropper(Cropper.reference().square().resize(224, 224))
            .build()) {
      store = TrainingCrops.store(ds, m, LabelIndex.of(m), 224, 224, dir.resolve("store"));
    }
    System.out.printf(
        "epoch 1 (fetch, decode, crop, resize, store): %d crops, %.1f samples/s, %d MB on disk%n",
        store.size(),
        store.size() / ((System.nanoTime() - t0) / 1e9),
        (long) store.size() * 224 * 224 * 3 >> 20);
    for (String t : threads) {
      int n = Integer.parseInt(t);
      for (int epoch = 2; epoch <= 3; epoch++) {
        double rate = epoch(store, n, epoch);
        System.out.printf(
            "epoch %d, %d thread(s): %.0f samples/s of 3x224x224 normalised floats%n",
            epoch, n, rate);
      }
    }
  }

  /** Reads every crop once in a shuffled order into batches of 32, split over {@code threads}. */
  static double epoch(TrainingCrops crops, int threads, long seed) throws Exception {
    int[] order = new int[crops.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random r = new Random(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int per = 3 * 224 * 224;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    List<Future<Double>> parts = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      int part = k;
      parts.add(
          pool.submit(
              () -> {
                float[] batch = new float[32 * per];
                double sum = 0;
                for (int b = part * 32; b < order.length; b += 32 * threads) {
                  int n = Math.min(32, order.length - b);
                  for (int i = 0; i < n; i++) {
                    crops.toFloatArray(
                        order[b + i], ImageData.Layout.CHW, Normalization.IMAGENET, batch, i * per);
                  }
                  sum += batch[per / 2];
                }
                return sum;
              }));
    }
    for (Future<Double> f : parts) {
      f.get();
    }
    pool.shutdown();
    return crops.size() / ((System.nanoTime() - t0) / 1e9);
  }
}
