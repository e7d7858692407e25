package io.github.can4000.ml.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.Cropper;
import io.github.can4000.io.fixtures.DownloadFolders;
import io.github.can4000.io.sink.CropEncoding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.recordreader.ImageRecordReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A folder as {@code download} writes it loads in DataVec's {@code ImageRecordReader} with a {@code
 * ParentPathLabelGenerator}, as DL4J users read image folders: two labels, every crop once, the
 * tools' files ignored (by the image file extensions), also after {@code thumbnails} ran.
 */
class ImageRecordReaderCompatibilityTest {
  @TempDir Path tmp;

  @Test
  void dataVecReadsADownloadFolder_pngAndJpeg_alsoAfterThumbnails() throws IOException {
    check(DownloadFolders.write(tmp.resolve("png"), 6, Cropper.reference(), CropEncoding.png()));
    Path jpeg =
        DownloadFolders.write(
            tmp.resolve("jpg"),
            6,
            Cropper.reference().square().margin(0.1).resize(48, 48),
            CropEncoding.jpeg(90));
    DownloadFolders.thumbnails(jpeg);
    check(jpeg);
  }

  private static void check(Path dataset) throws IOException {
    FileSplit split = new FileSplit(dataset.toFile(), NativeImageLoader.ALLOWED_FORMATS);
    ImageRecordReader reader = new ImageRecordReader(32, 32, 3, new ParentPathLabelGenerator());
    reader.initialize(split);
    assertThat(reader.getLabels()).containsExactlyInAnyOrderElementsOf(DownloadFolders.LABELS);

    Map<String, Integer> perLabel = new HashMap<>();
    int rows = 0;
    while (reader.hasNext()) {
      List<Writable> record = reader.next();
      INDArray image = ((NDArrayWritable) record.get(0)).get();
      assertThat(image.shape()).containsExactly(1, 3, 32, 32); // NCHW, as DL4J's CNNs take it
      assertThat(image.maxNumber().doubleValue()).isGreaterThan(0);
      int label = record.get(1).toInt();
      perLabel.merge(reader.getLabels().get(label), 1, Integer::sum);
      rows++;
    }
    assertThat(rows).isEqualTo(6);
    assertThat(perLabel).containsEntry("malignantmelanoma", 3).containsEntry("melanocyticnevus", 3);
  }
}
