package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RowException;
import org.junit.jupiter.api.Test;

class ReferenceCropperTest {
  private final DecodedImage source =
      DecodedImage.of(TestImages.gradient(200, 100), ImageFormat.PNG);

  private static ManifestEntry entry(double x, double y, double w, double h) {
    return ManifestEntry.of(1, "nevus", new Box(x, y, w, h), "http://h/a.png");
  }

  @Test
  void insideBox_cropsExactPixels() throws RowException {
    Crop c = Cropper.reference().crop(entry(0.5, 0.5, 0.2, 0.4), source);
    assertThat(c.rect()).isEqualTo(new PixelRect(80, 30, 120, 70));
    assertThat(c.flags()).isEmpty();
    assertThat(c.image().width()).isEqualTo(40);
    assertThat(c.image().height()).isEqualTo(40);
    assertThat(c.image().channels()).isEqualTo(3);
    // pixel (0,0) of the crop is source pixel (80,30) = (80, 30, 110)
    assertThat(new int[] {c.image().get(0, 0, 0), c.image().get(0, 0, 1), c.image().get(0, 0, 2)})
        .containsExactly(80, 30, 110);
  }

  @Test
  void endPastEdge_isClampedAsNumpyDoes() throws RowException {
    Crop c = Cropper.reference(EdgePolicy.SKIP).crop(entry(0.9, 0.5, 0.4, 0.2), source);
    assertThat(c.rect()).isEqualTo(new PixelRect(140, 40, 200, 60));
    assertThat(c.flags()).containsExactly(EdgeFlag.X2_PAST_EDGE);
  }

  @Test
  void negativeStart_clampByDefault_andFlagged() throws RowException {
    Crop c = Cropper.reference().crop(entry(0.05, 0.5, 0.3, 0.2), source);
    assertThat(c.rect()).isEqualTo(new PixelRect(0, 40, 40, 60));
    assertThat(c.flags()).containsExactlyInAnyOrder(EdgeFlag.X1_NEGATIVE, EdgeFlag.CLAMPED);
  }

  @Test
  void negativeStart_skipPolicy_isOutOfBounds() {
    assertThatThrownBy(
            () -> Cropper.reference(EdgePolicy.SKIP).crop(entry(0.05, 0.5, 0.3, 0.2), source))
        .isInstanceOf(RowException.class)
        .extracting(e -> ((RowException) e).reason())
        .isEqualTo(Reason.OUT_OF_BOUNDS);
  }

  @Test
  void boxWithNoPixels_isEmptyCrop() {
    assertThatThrownBy(() -> Cropper.reference().crop(entry(0.501, 0.5, 0.0001, 0.5), source))
        .extracting(e -> ((RowException) e).reason())
        .isEqualTo(Reason.EMPTY_CROP);
  }

  @Test
  void boxOutsideImage_isEmptyCrop() {
    assertThatThrownBy(() -> Cropper.reference().crop(entry(1.5, 0.5, 0.2, 0.2), source))
        .extracting(e -> ((RowException) e).reason())
        .isEqualTo(Reason.EMPTY_CROP);
  }

  @Test
  void nonPositiveSize_isBadBox() {
    assertThatThrownBy(() -> Cropper.reference().crop(entry(0.5, 0.5, -0.2, 0.2), source))
        .extracting(e -> ((RowException) e).reason())
        .isEqualTo(Reason.BAD_BOX);
  }

  @Test
  void edgeFlags_useTheReferenceLogNames() {
    assertThat(ReferenceCropper.edgeFlags(new PixelRect(-1, -2, 300, 5), 200, 100))
        .extracting(EdgeFlag::referenceName)
        .containsExactly("x1<0", "y1<0", "x2>W");
  }
}
