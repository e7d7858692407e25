package example;

import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Box;
import io.github.can4000.RunReport;
import io.github.can4000.Sample;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.sink.CropEncoding;
import io.github.can4000.io.sink.Sinks;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * README's quick start, compiled against the deployed artifacts. {@link #readmeQuickStart()} is the
 * README's code (not run: it downloads the whole dataset from the web); {@code main} runs the same
 * calls on the bundled manifest and on a local picture, with no network.
 */
public final class QuickStart {
  private QuickStart() {}

  /** README "From Java". */
  static void readmeQuickStart() {
    try (Dataset dataset = Dataset.builder()
            .manifest(Manifest.can4000())           // the default; or Manifest.parse(path)
            .fetcher(HttpFetchers.create())
            .decoder(ImageDecoders.standard())
            .build();
         Stream<Sample> samples = dataset.stream()) {
      samples.forEach(s -> train(s.toFloatChw(), s.label()));
    }
  }

  static void train(float[] chw, String label) {}

  public static void main(String[] args) throws Exception {
    int rows = Manifest.can4000().entries().size();
    if (rows != 4305) {
      throw new AssertionError("bundled manifest has " + rows + " rows");
    }
    Path dir = Files.createTempDirectory("can4000-consumer");
    BufferedImage img = new BufferedImage(120, 80, BufferedImage.TYPE_3BYTE_BGR);
    img.getGraphics().fillOval(20, 10, 60, 60);
    ImageIO.write(img, "png", dir.resolve("a.png").toFile());
    Manifest m = Manifest.of("consumer", List.of(ManifestEntry.of(1, "nevus", new Box(0.5, 0.5, 0.5, 0.5), "a.png")));
    try (Dataset ds = Dataset.builder().manifest(m).fetcher(FileFetchers.create(dir))
        .decoder(ImageDecoders.standard()).cropper(Cropper.reference().square().resize(32, 32)).build();
        Stream<Sample> samples = ds.stream()) {
      List<Sample> got = samples.toList();
      if (got.size() != 1 || got.get(0).toFloatChw().length != 3 * 32 * 32) {
        throw new AssertionError("expected one 32x32 sample: " + got);
      }
    }
    Path out = dir.resolve("out");
    RunReport report;
    try (Dataset ds = Dataset.builder().manifest(m).fetcher(FileFetchers.create(dir))
        .decoder(ImageDecoders.standard()).build();
        var sink = Sinks.folder(out, CropEncoding.jpeg(90))) {
      report = ds.writeTo(sink);
    }
    if (report.written() != 1 || !Files.exists(out.resolve("nevus/00001_nevus.jpg"))) {
      throw new AssertionError(report.summary());
    }
    System.out.println("consumer OK: bundled manifest " + rows + " rows; " + report.summary());
  }
}
