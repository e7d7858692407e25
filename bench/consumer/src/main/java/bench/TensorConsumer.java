package bench;

import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.ImageData;
import io.github.can4000.Manifest;
import io.github.can4000.Normalization;
import io.github.can4000.RowResult;
import io.github.can4000.Sample;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * What a user writes: stream the manifest through can4000 with the library's defaults and turn every
 * sample into a tensor.
 *
 * <pre>
 * TensorConsumer tensors MANIFEST   square + margin(0.1) + resize(224, 224), CHW float, ImageNet
 * TensorConsumer stream MANIFEST    Cropper.reference(), every Sample pulled, nothing converted
 * </pre>
 *
 * The last line is {@code ok=N failed=M seconds=S}, as reference_tensors.py prints.
 */
public final class TensorConsumer {
  public static void main(String[] args) throws Exception {
    boolean tensors = args[0].equals("tensors");
    Manifest manifest = Manifest.parse(Path.of(args[1]));
    Cropper cropper = tensors ? Cropper.reference().square().margin(0.1).resize(224, 224) : Cropper.reference();
    long t0 = System.nanoTime();
    int ok = 0;
    int failed = 0;
    double checksum = 0;
    try (Dataset ds = Dataset.builder().manifest(manifest).fetcher(HttpFetchers.create())
        .decoder(ImageDecoders.standard()).cropper(cropper).build();
        Stream<RowResult> rows = ds.results()) {
      for (Iterator<RowResult> it = rows.iterator(); it.hasNext(); ) {
        RowResult r = it.next();
        if (r.sample().isEmpty()) {
          failed++;
          continue;
        }
        Sample sample = r.sample().get();
        if (tensors) {
          float[] chw = sample.image().toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET);
          if (chw.length != 3 * 224 * 224) {
            throw new IllegalStateException("tensor of " + chw.length + " values for row " + sample.entry().id());
          }
          checksum += chw[chw.length / 2];
        } else {
          checksum += sample.image().width();
        }
        ok++;
      }
    }
    System.out.printf("checksum=%.3f%n", checksum);
    System.out.printf("ok=%d failed=%d seconds=%.2f%n", ok, failed, (System.nanoTime() - t0) / 1e9);
  }
}
