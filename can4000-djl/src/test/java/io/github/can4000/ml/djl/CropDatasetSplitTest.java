package io.github.can4000.ml.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import io.github.can4000.Box;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
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

class CropDatasetSplitTest {
  static final Box[] BOXES = {
    new Box(0.3, 0.3, 0.4, 0.4), new Box(0.7, 0.7, 0.4, 0.4), new Box(0.5, 0.5, 0.6, 0.6)
  };

  /** 16 URLs with three crops each; "copy-a" and "copy-b" serve the same picture. */
  static Manifest manifest(MapFetcher f) {
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
    return Manifest.of("test", entries);
  }

  @Test
  void randomSplit_keepsEveryPhotographAndItsNearDuplicatesOnOneSide() throws Exception {
    MapFetcher f = new MapFetcher();
    Manifest m = manifest(f);
    try (Dataset source =
            Dataset.builder()
                .manifest(m)
                .fetcher(f)
                .decoder(new JdkDecoder())
                .cropper(Cropper.reference().square().resize(16, 16))
                .build();
        NDManager nd = NDManager.newBaseManager()) {
      CropDataset ds =
          CropDataset.builder().setSource(source).setImageSize(16, 16).setSampling(4, true).build();
      for (int seed = 0; seed < 10; seed++) {
        Engine.getInstance().setRandomSeed(seed);
        RandomAccessDataset[] parts = ds.randomSplit(8, 2);
        assertThat(parts).hasSize(2);
        assertThat(parts[0].size() + parts[1].size()).isEqualTo(48);
        assertThat(parts[1].size()).isBetween(6L, 15L);
        Set<String> a = urls(ds.crops(), parts[0], nd);
        Set<String> b = urls(ds.crops(), parts[1], nd);
        assertThat(a).doesNotContainAnyElementsOf(b);
        assertThat(a.contains("http://h/copy-a.png")).isEqualTo(a.contains("http://h/copy-b.png"));
      }
    }
  }

  @Test
  void groupedSides_byIndexWouldLeak_groupedDoesNot() {
    MapFetcher f = new MapFetcher();
    Manifest m = manifest(f);
    try (Dataset source =
        Dataset.builder()
            .manifest(m)
            .fetcher(f)
            .decoder(new JdkDecoder())
            .cropper(Cropper.reference().square().resize(16, 16))
            .build()) {
      TrainingCrops crops =
          TrainingCrops.load(source, m, io.github.can4000.LabelIndex.of(m), 16, 16);
      int[] sides = io.github.can4000.io.split.CropSplits.sides(crops, 3, 0.5, 0.5);
      for (int i = 0; i < crops.size(); i++) {
        for (int j = 0; j < crops.size(); j++) {
          if (crops.entry(i).url().equals(crops.entry(j).url())) {
            assertThat(sides[i]).isEqualTo(sides[j]);
          }
        }
      }
      assertThatThrownBy(
              () ->
                  CropDataset.builder()
                      .setCrops(crops)
                      .setSampling(1, false)
                      .build()
                      .randomSplit(5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("give two or more positive ratios: [5]");
    }
  }

  /** The URLs of the crops in a sub-dataset, found by matching each record back to a crop. */
  static Set<String> urls(TrainingCrops crops, RandomAccessDataset part, NDManager nd)
      throws Exception {
    Set<String> urls = new HashSet<>();
    for (long i = 0; i < part.size(); i++) {
      float[] data = part.get(nd, i).getData().head().toFloatArray();
      for (int k = 0; k < crops.size(); k++) {
        float[] c =
            crops
                .image(k)
                .toFloatArray(
                    io.github.can4000.ImageData.Layout.CHW, io.github.can4000.Normalization.NONE);
        if (java.util.Arrays.equals(c, data)) {
          urls.add(crops.entry(k).url());
        }
      }
    }
    return urls;
  }
}
