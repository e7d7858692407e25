package io.github.can4000.io.sink;

import io.github.can4000.Box;
import io.github.can4000.EdgeFlag;
import io.github.can4000.ImageData;
import io.github.can4000.ManifestEntry;
import io.github.can4000.PixelRect;
import io.github.can4000.Sample;
import io.github.can4000.fixtures.TestImages;
import java.util.List;
import java.util.Set;

/** Samples made in code for the sink tests and the child JVM they start. */
final class ShardSamples {
  static final List<String> LABELS = List.of("melanoma", "nevus", "seb.keratosis");

  private ShardSamples() {}

  static Sample sample(int i) {
    int w = 8 + i % 13;
    int h = 5 + i % 7;
    ImageData pixels =
        ImageData.of(TestImages.gradient(w + i % 5, h + i % 3))
            .crop(new PixelRect(i % 5, i % 3, i % 5 + w, i % 3 + h));
    String label = LABELS.get(i % LABELS.size());
    ManifestEntry e =
        ManifestEntry.of(
            i, label, new Box(0.5, 0.5, 0.25, 0.5), "http://img.example/" + i + " x.jpg");
    Set<EdgeFlag> flags = i % 4 == 0 ? Set.of(EdgeFlag.CLAMPED, EdgeFlag.X1_NEGATIVE) : Set.of();
    return new Sample(e, 4 * w, 2 * h, new PixelRect(w, h / 2, 2 * w, h / 2 + h), flags, pixels);
  }
}
