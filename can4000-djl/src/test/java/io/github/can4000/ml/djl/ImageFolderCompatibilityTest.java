package io.github.can4000.ml.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.basicdataset.cv.classification.ImageFolder;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Record;
import ai.djl.translate.TranslateException;
import io.github.can4000.Cropper;
import io.github.can4000.io.fixtures.DownloadFolders;
import io.github.can4000.io.sink.CropEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder as {@code download --square --resize 64 --image-format jpg} writes it loads in DJL's own
 * {@code ImageFolder}, as is: two classes (the label folders), every crop once, the tools' files
 * ({@code _report.csv}, {@code _run.json}, ...) ignored, also after {@code thumbnails} ran.
 */
class ImageFolderCompatibilityTest {
  @TempDir Path tmp;

  @Test
  void djlImageFolderReadsADownloadFolder_alsoAfterThumbnails()
      throws IOException, TranslateException {
    Path dataset =
        DownloadFolders.write(
            tmp, 6, Cropper.reference().square().margin(0.1).resize(64, 64), CropEncoding.jpeg(90));
    Path sheets = DownloadFolders.thumbnails(dataset);
    assertThat(sheets).isDirectory();
    assertThat(sheets.getParent()).isEqualTo(dataset.toAbsolutePath().getParent());

    ImageFolder folder =
        ImageFolder.builder()
            .setRepositoryPath(dataset)
            .addTransform(new ToTensor())
            .setSampling(2, false)
            .build();
    folder.prepare();

    assertThat(folder.getSynset()).containsExactlyElementsOf(DownloadFolders.LABELS);
    assertThat(folder.size()).isEqualTo(6);
    Map<String, Integer> perClass = new HashMap<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      for (long i = 0; i < folder.size(); i++) {
        Record r = folder.get(manager, i);
        NDArray image = r.getData().head();
        assertThat(image.getShape()).isEqualTo(new Shape(64, 64, 3)); // HWC as decoded, 0-255
        assertThat(image.max().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).getFloat())
            .isGreaterThan(0f);
        int label =
            (int) r.getLabels().head().toType(ai.djl.ndarray.types.DataType.INT64, false).getLong();
        perClass.merge(folder.getSynset().get(label), 1, Integer::sum);
      }
      int batches = 0;
      for (ai.djl.training.dataset.Batch b : folder.getData(manager)) {
        try (b) {
          assertThat(b.getData().head().getShape())
              .isEqualTo(new Shape(2, 3, 64, 64)); // NCHW after ToTensor
          assertThat(b.getData().head().max().getFloat()).isGreaterThan(0f).isLessThanOrEqualTo(1f);
          batches++;
        }
      }
      assertThat(batches).isEqualTo(3);
    }
    assertThat(perClass).containsEntry("malignantmelanoma", 3).containsEntry("melanocyticnevus", 3);
    try (var s = Files.list(dataset)) {
      assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(DownloadFolders.LABELS);
    }
  }
}
