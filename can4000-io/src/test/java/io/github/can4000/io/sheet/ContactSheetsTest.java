package io.github.can4000.io.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.RunReport;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import io.github.can4000.io.fixtures.Photos;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class ContactSheetsTest {
  private static final Set<String> ONYCHOMYCOSIS =
      Set.of(
          "photo_002.jpg",
          "photo_007.jpg",
          "photo_024.jpg",
          "photo_031.jpg",
          "photo_032.jpg",
          "photo_033.jpg");

  /** Writes crops of the test photos as a download would: {@code out/<label>/<id>_<label>.png}. */
  static void downloadTestPhotos(Path out) {
    List<ManifestEntry> entries = new ArrayList<>();
    MapFetcher fetcher = new MapFetcher();
    int id = 0;
    for (String p : Photos.ALL) {
      String label = ONYCHOMYCOSIS.contains(p) ? "onychomycosis" : "naildystrophy";
      String url = "https://photos.example/" + p;
      fetcher.put(url, Photos.bytes(p));
      entries.add(ManifestEntry.of(id++, label, new Box(0.5, 0.5, 1.0, 1.0), url));
      entries.add(ManifestEntry.of(id++, label, new Box(0.5, 0.45, 0.5, 0.6), url));
    }
    Sink sink =
        new Sink() {
          @Override
          public void write(Sample s) throws IOException {
            Path f = out.resolve(s.label()).resolve(s.entry().fileStem() + ".png");
            Files.createDirectories(f.getParent());
            Files.write(f, s.toPng());
          }
        };
    try (Dataset d =
        Dataset.builder()
            .manifest(Manifest.of("photos", entries))
            .fetcher(fetcher)
            .decoder(new JdkDecoder())
            .build()) {
      RunReport r = d.writeTo(sink);
      assertThat(r.written()).isEqualTo(entries.size());
    }
  }

  @Test
  void renderFolder_oneSheetPerLabel_withGridAndCaptions(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    downloadTestPhotos(out);
    Files.writeString(out.resolve("naildystrophy/broken.png"), "not a png");
    Files.writeString(out.resolve("_report.csv"), "ignored");
    SheetRenderer r = ContactSheets.builder().thumbnailSize(64).count(12).columns(5).build();

    List<Path> sheets = r.renderFolder(out, dir.resolve("sheets"));

    assertThat(sheets)
        .containsExactly(
            dir.resolve("sheets/naildystrophy.jpg"), dir.resolve("sheets/onychomycosis.jpg"));
    BufferedImage nail = ImageIO.read(sheets.get(0).toFile());
    // 12 of 28 (and of 12) shown, 5 columns -> 3 rows; cell = 64 + 2 pads (2 px at scale 1)
    assertThat(nail.getWidth()).isEqualTo(5 * (64 + 4) + 2);
    assertThat(nail.getHeight()).isEqualTo((5 * 2 + 8) + 3 * (64 + 2 + 5 + 4) + 2);
    BufferedImage ony = ImageIO.read(sheets.get(1).toFile());
    assertThat(ony.getWidth()).isEqualTo(5 * (64 + 4) + 2);
    assertThat(ony.getHeight()).isEqualTo((5 * 2 + 8) + 3 * (64 + 2 + 5 + 4) + 2);
    assertThat(brightPixels(nail, 0, 0, nail.getWidth(), 18)).as("title").isGreaterThan(50);
    assertThat(brightPixels(nail, 0, 18 + 64 + 2, nail.getWidth(), 7))
        .as("captions of row 1")
        .isGreaterThan(50);
    // sheets written inside the folder are not taken for a label on the next run
    assertThat(r.renderFolder(out, out.resolve("_sheets"))).hasSize(2);
    assertThat(r.renderFolder(out, out.resolve("_sheets"))).hasSize(2);
  }

  @Test
  void render_scalesDownKeepingAspect_neverUp() {
    BufferedImage wide = new BufferedImage(400, 100, BufferedImage.TYPE_INT_RGB);
    assertThat(SheetRenderer.shrink(wide, 128).getWidth()).isEqualTo(128);
    assertThat(SheetRenderer.shrink(wide, 128).getHeight()).isEqualTo(32);
    BufferedImage small = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
    assertThat(SheetRenderer.shrink(small, 128).getWidth()).isEqualTo(20);
    SheetRenderer r = ContactSheets.builder().build();
    BufferedImage sheet =
        r.render(
            "x",
            List.of(new Thumbnail("00001", wide), new Thumbnail("a very long caption", small)));
    assertThat(sheet.getWidth()).isEqualTo(2 * (128 + 8) + 4);
    assertThatThrownBy(() -> r.render("empty", List.of())).hasMessageContaining("no thumbnails");
  }

  @Test
  void caption_isTheIdOrTheStem() {
    assertThat(SheetRenderer.caption("00042_malignantmelanoma.png")).isEqualTo("00042");
    assertThat(SheetRenderer.caption("lesion_1.jpg")).isEqualTo("lesion_1");
    assertThat(SheetRenderer.caption("17.png")).isEqualTo("17");
  }

  @Test
  void builder_checksArgumentsAtOnce() {
    assertThatThrownBy(() -> ContactSheets.builder().thumbnailSize(8))
        .hasMessageContaining("16 and 1024: 8");
    assertThatThrownBy(() -> ContactSheets.builder().count(0)).hasMessageContaining(": 0");
    assertThatThrownBy(() -> ContactSheets.builder().columns(3).columns(4))
        .hasMessageContaining("already set to 3");
    assertThatThrownBy(() -> ContactSheets.builder().quality(1.5f))
        .hasMessageContaining("(0, 1]: 1.5");
  }

  /**
   * Regenerates {@code docs/img/contact-sheet-sample.jpg}: {@code mvn -pl can4000-io -am verify
   * -Dtest=ContactSheetsTest -Dsurefire.failIfNoSpecifiedTests=false
   * -DargLine=-Dcan4000.sample=../docs/img}.
   */
  @Test
  @EnabledIfSystemProperty(named = "can4000.sample", matches = ".+")
  void writeSampleSheet(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    downloadTestPhotos(out);
    SheetRenderer r =
        ContactSheets.builder().thumbnailSize(96).count(20).columns(5).quality(0.8f).build();
    List<Path> sheets = r.renderFolder(out, dir.resolve("sheets"));
    Path target = Path.of(System.getProperty("can4000.sample")).resolve("contact-sheet-sample.jpg");
    Files.createDirectories(target.getParent());
    Files.copy(sheets.get(0), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(target)).isLessThan(150_000);
  }

  private static int brightPixels(BufferedImage img, int x0, int y0, int w, int h) {
    int n = 0;
    for (int y = y0; y < Math.min(img.getHeight(), y0 + h); y++) {
      for (int x = x0; x < Math.min(img.getWidth(), x0 + w); x++) {
        int rgb = img.getRGB(x, y);
        if (((rgb >> 16) & 0xFF) > 180 && ((rgb >> 8) & 0xFF) > 180 && (rgb & 0xFF) > 180) {
          n++;
        }
      }
    }
    return n;
  }
}
