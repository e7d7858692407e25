package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.fixtures.TestImages;
import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.ImageFormat;
import io.github.can4000.spi.RowException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CropperStepsTest {
  private final DecodedImage source =
      DecodedImage.of(TestImages.gradient(200, 100), ImageFormat.PNG);

  private static ManifestEntry entry(double x, double y, double w, double h) {
    return ManifestEntry.of(1, "nevus", new Box(x, y, w, h), "http://h/a.png");
  }

  @Test
  void square_growsShorterSideAroundCentre() throws RowException {
    // reference: [90,30)-(110,70), 20 x 40
    assertThat(Cropper.reference().crop(entry(0.5, 0.5, 0.1, 0.4), source).rect())
        .isEqualTo(new PixelRect(90, 30, 110, 70));
    Crop c = Cropper.reference().square().crop(entry(0.5, 0.5, 0.1, 0.4), source);
    assertThat(c.rect()).isEqualTo(new PixelRect(80, 30, 120, 70));
    assertThat(c.image().width()).isEqualTo(40);
    assertThat(c.image().height()).isEqualTo(40);
    // the crop's first pixel is source pixel (80, 30)
    assertThat(c.image().get(0, 0, 0)).isEqualTo(80);
    assertThat(c.image().get(0, 0, 1)).isEqualTo(30);
  }

  @Test
  void square_wideBox_growsHeight_oddPixelGoesDown() throws RowException {
    // reference: [60,45)-(140,56), 80 x 11 -> 69 extra rows: 34 above, 35 below
    Crop c = Cropper.reference().square().crop(entry(0.5, 0.505, 0.4, 0.11), source);
    assertThat(Cropper.reference().crop(entry(0.5, 0.505, 0.4, 0.11), source).rect())
        .isEqualTo(new PixelRect(60, 45, 140, 56));
    assertThat(c.rect()).isEqualTo(new PixelRect(60, 11, 140, 91));
  }

  @Test
  void square_nearEdge_isClamped() throws RowException {
    // reference: [0,40)-(10,60), 10 x 20 -> square [-5,40)-(15,60) -> clamped [0,40)-(15,60)
    Crop c = Cropper.reference().square().crop(entry(0.025, 0.5, 0.05, 0.2), source);
    assertThat(c.rect()).isEqualTo(new PixelRect(0, 40, 15, 60));
    assertThat(c.flags()).isEmpty();
  }

  @Test
  void margin_growsEachSideByFraction() throws RowException {
    Crop c = Cropper.reference().margin(0.1).crop(entry(0.5, 0.5, 0.2, 0.4), source);
    assertThat(c.rect()).isEqualTo(new PixelRect(76, 26, 124, 74));
    assertThat(Cropper.reference().margin(0).crop(entry(0.5, 0.5, 0.2, 0.4), source).rect())
        .isEqualTo(new PixelRect(80, 30, 120, 70));
  }

  @Test
  void margin_clampsAtEdges_andKeepsBoxFlags() throws RowException {
    // reference: [140,40)-(200,60) flagged x2>W; margin 0.5 -> [110,30)-(230,70) -> clamped
    Crop c = Cropper.reference().margin(0.5).crop(entry(0.9, 0.5, 0.4, 0.2), source);
    assertThat(c.rect()).isEqualTo(new PixelRect(110, 30, 200, 70));
    assertThat(c.flags()).isEqualTo(Set.of(EdgeFlag.X2_PAST_EDGE));
  }

  @Test
  void squareThenMargin_vsMarginThenSquare() throws RowException {
    ManifestEntry e = entry(0.5, 0.5, 0.1, 0.4); // [90,30)-(110,70)
    assertThat(Cropper.reference().square().margin(0.25).crop(e, source).rect())
        .isEqualTo(new PixelRect(70, 20, 130, 80));
    // margin first: [85,20)-(115,80), 30 x 60, then square: [70,20)-(130,80)
    assertThat(Cropper.reference().margin(0.25).square().crop(e, source).rect())
        .isEqualTo(new PixelRect(70, 20, 130, 80));
  }

  @Test
  void resize_fixesPixelSize_rectStillNamesSourcePixels() throws RowException {
    Cropper c = Cropper.reference().square().margin(0.1).resize(24, 24);
    Crop crop = c.crop(entry(0.5, 0.5, 0.1, 0.4), source);
    assertThat(crop.rect()).isEqualTo(new PixelRect(76, 26, 124, 74));
    assertThat(crop.image().width()).isEqualTo(24);
    assertThat(crop.image().height()).isEqualTo(24);
    // 48 -> 24: pixel 0 averages source columns 76 and 77 -> red 76.5 -> 77
    assertThat(crop.image().get(0, 0, 0)).isEqualTo(77);
    assertThat(crop.image().get(23, 0, 0)).isEqualTo(123);
  }

  @Test
  void resize_runsLast_whateverTheOrder() throws RowException {
    ManifestEntry e = entry(0.5, 0.5, 0.1, 0.4);
    Crop a = Cropper.reference().resize(32, 16).square().margin(0.1).crop(e, source);
    Crop b = Cropper.reference().square().margin(0.1).resize(32, 16).crop(e, source);
    assertThat(a.rect()).isEqualTo(b.rect());
    assertThat(a.image()).isEqualTo(b.image());
    assertThat(Cropper.reference().resize(8, 8).resize(32, 16).crop(e, source).image().width())
        .isEqualTo(32);
  }

  @Test
  void steps_onCustomCropper_recutFromSource() throws RowException {
    Cropper fixed =
        (entry, src) -> {
          PixelRect r = new PixelRect(10, 10, 20, 30);
          return new Crop(r, Set.of(), src.crop(r));
        };
    Crop c = fixed.square().crop(entry(0.5, 0.5, 0.1, 0.1), source);
    assertThat(c.rect()).isEqualTo(new PixelRect(5, 10, 25, 30));
    assertThat(c.image()).isEqualTo(source.crop(new PixelRect(5, 10, 25, 30)));
  }

  @Test
  void steps_keepReferenceFailures() {
    assertThatThrownBy(
            () ->
                Cropper.reference(EdgePolicy.SKIP)
                    .square()
                    .crop(entry(0.05, 0.5, 0.3, 0.2), source))
        .isInstanceOf(RowException.class)
        .satisfies(ex -> assertThat(((RowException) ex).reason()).isEqualTo(Reason.OUT_OF_BOUNDS));
  }

  @Test
  void steps_validateArguments_andDescribeThemselves() {
    assertThatThrownBy(() -> Cropper.reference().margin(-0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("margin must be between 0 and 10.0: -0.1");
    assertThatThrownBy(() -> Cropper.reference().margin(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cropper.reference().resize(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x10");
    assertThat(Cropper.reference().square().margin(0.1).resize(224, 224))
        .hasToString("Cropper.reference(CLAMP).square().margin(0.1).resize(224, 224)");
  }

  @Test
  void grownCroppers_hintExactlyTheRegionTheyCut() throws RowException {
    Cropper[] croppers = {
      Cropper.reference().square(),
      Cropper.reference().margin(0.1),
      Cropper.reference().square().margin(0.1).resize(32, 32),
      Cropper.reference().margin(0.3).square()
    };
    double[][] boxes = {
      {0.5, 0.5, 0.1, 0.4}, {0.025, 0.5, 0.05, 0.2}, {0.9, 0.1, 0.3, 0.3}, {0.5, 0.505, 0.4, 0.11}
    };
    for (Cropper c : croppers) {
      for (double[] b : boxes) {
        ManifestEntry e = entry(b[0], b[1], b[2], b[3]);
        assertThat(c.region(e).region(200, 100))
            .as(c + " " + e.box())
            .isEqualTo(c.crop(e, source).rect());
      }
    }
    Cropper own = (entry, image) -> Cropper.reference().crop(entry, image);
    assertThat(own.square().region(entry(0.5, 0.5, 0.1, 0.4)).region(200, 100)).isNull();
  }
}
