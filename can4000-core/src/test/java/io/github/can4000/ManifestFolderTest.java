package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.fixtures.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestFolderTest {
  @TempDir Path root;

  @Test
  void ofFolder_oneRowPerImage_labelFromDirectory_sorted() throws IOException {
    byte[] png = TestImages.gradientPng(4, 4);
    Files.createDirectories(root.resolve("nevus/deeper"));
    Files.createDirectories(root.resolve("malignantmelanoma"));
    Files.write(root.resolve("nevus/00042_nevus.png"), png);
    Files.write(root.resolve("nevus/00007_nevus.PNG"), png);
    Files.write(root.resolve("nevus/notes.txt"), new byte[] {1});
    Files.write(root.resolve("nevus/deeper/00001_nevus.png"), png);
    Files.write(root.resolve("malignantmelanoma/lesion.jpg"), png);
    Files.write(root.resolve("stray.png"), png);
    Manifest m = Manifest.ofFolder(root);
    assertThat(m.entries())
        .extracting(ManifestEntry::url)
        .containsExactly(
            "malignantmelanoma/lesion.jpg", "nevus/00007_nevus.PNG", "nevus/00042_nevus.png");
    assertThat(m.entries()).extracting(ManifestEntry::id).containsExactly(0, 7, 42);
    assertThat(m.labels()).containsExactly("malignantmelanoma", "nevus");
    ManifestEntry e = m.entries().get(2);
    assertThat(e.box()).isEqualTo(new Box(0.5, 0.5, 1, 1));
    assertThat(e.flags()).isEmpty();
    assertThat(e.box().toPixels(123, 45)).isEqualTo(new PixelRect(0, 0, 123, 45));
    assertThat(m.source()).isEqualTo(root.toString());
  }
}
