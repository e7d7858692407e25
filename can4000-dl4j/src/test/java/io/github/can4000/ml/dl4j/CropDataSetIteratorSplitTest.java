package io.github.can4000.ml.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.LabelIndex;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.TrainingCrops;
import io.github.can4000.fixtures.ClassImages;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.MapFetcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class CropDataSetIteratorSplitTest {
  static final Box[] BOXES = {
    new Box(0.3, 0.3, 0.4, 0.4), new Box(0.7, 0.7, 0.4, 0.4), new Box(0.5, 0.5, 0.6, 0.6)
  };

  /** 16 URLs with three crops each; "copy-a" and "copy-b" serve the same picture. */
  static TrainingCrops crops() {
    MapFetcher f = new MapFetcher();
    List<ManifestEntry> entries = new ArrayList<>();
    for (int u = 0; u < 16; u++) {
      String url =
          u < 2 ? "http://h/copy-" + (char) ('a' + u) + ".png" : "http://h/img/" + u + ".png";
      int cls = u < 2 ? 0 : u % 2;
      f.put(url, ClassImages.png(cls, u < 2 ? 99 : u));
      for (Box b : BOXES) {
        entries.add(
            ManifestEntry.of(entries.size(), cls == 0 ? "malignantmelanoma" : "nevus", b, url));
      }
    }
    Manifest m = Manifest.of("test", entries);
    try (Dataset source =
        Dataset.builder()
            .manifest(m)
            .fetcher(f)
            .decoder(new JdkDecoder())
            .cropper(Cropper.reference().square().resize(8, 8))
            .build()) {
      return TrainingCrops.load(source, m, LabelIndex.of(m), 8, 8);
    }
  }

  @Test
  void split_keepsEveryPhotographAndItsNearDuplicatesOnOneSide_subsetIteratesASide() {
    TrainingCrops c = crops();
    for (long seed = 0; seed < 10; seed++) {
      int[][] sides = CropDataSetIterator.split(c, seed, 0.8, 0.2);
      assertThat(sides[0].length + sides[1].length).isEqualTo(48);
      Set<String> a = new HashSet<>();
      Set<String> b = new HashSet<>();
      for (int i : sides[0]) {
        a.add(c.entry(i).url());
      }
      for (int i : sides[1]) {
        b.add(c.entry(i).url());
      }
      assertThat(a).doesNotContainAnyElementsOf(b);
      assertThat(a.contains("http://h/copy-a.png")).isEqualTo(a.contains("http://h/copy-b.png"));
      CropDataSetIterator held =
          CropDataSetIterator.builder(c).subset(sides[1]).batchSize(100).build();
      DataSet ds = held.next();
      assertThat(ds.numExamples()).isEqualTo(sides[1].length);
      assertThat(held.hasNext()).isFalse();
    }
    assertThatThrownBy(() -> CropDataSetIterator.builder(c).subset(new int[] {48}))
        .hasMessage("crop index out of range 0..47: 48");
    assertThatThrownBy(() -> CropDataSetIterator.split(c, 1, 1.0))
        .hasMessage("at least two fractions are needed, got 1");
  }
}
