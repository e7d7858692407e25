package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TensorTest {
  // 2 x 1 RGB: (0, 51, 255), (255, 102, 0)
  private final ImageData rgb =
      ImageData.of(2, 1, 3, new byte[] {0, 51, (byte) 255, (byte) 255, 102, 0});

  @Test
  void labelIndex_isSortedAndStable() {
    LabelIndex a = LabelIndex.of(List.of("nevus", "malignantmelanoma", "nevus"));
    LabelIndex b = LabelIndex.of(Set.of("malignantmelanoma", "nevus"));
    assertThat(a.labels()).containsExactly("malignantmelanoma", "nevus");
    assertThat(a)
        .isEqualTo(b)
        .hasSameHashCodeAs(b)
        .hasToString("LabelIndex[malignantmelanoma, nevus]");
    assertThat(a.indexOf("malignantmelanoma")).isZero();
    assertThat(a.indexOf("nevus")).isEqualTo(1);
    assertThat(a.label(1)).isEqualTo("nevus");
    assertThat(a.size()).isEqualTo(2);
    assertThat(a.contains("other")).isFalse();
    assertThatThrownBy(() -> a.indexOf("other"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown label 'other', expected one of [malignantmelanoma, nevus]");
    assertThatThrownBy(() -> LabelIndex.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void labelIndex_ofCan4000_matchesManifestLabels() {
    Manifest m = Manifest.can4000();
    LabelIndex index = LabelIndex.of(m);
    assertThat(index.labels()).isEqualTo(m.labels()).hasSize(2);
    Sample s = new Sample(m.entries().get(0), 10, 10, new PixelRect(0, 0, 1, 1), Set.of(), rgb);
    assertThat(index.label(index.indexOf(s))).isEqualTo(m.entries().get(0).label());
  }

  @Test
  void toFloatArray_chwAndHwc_withoutNormalisation() {
    assertThat(rgb.toFloatArray(ImageData.Layout.HWC)).containsExactly(0f, 0.2f, 1f, 1f, 0.4f, 0f);
    assertThat(rgb.toFloatArray(ImageData.Layout.CHW)).containsExactly(0f, 1f, 0.2f, 0.4f, 1f, 0f);
  }

  @Test
  void toFloatArray_normalisesPerChannel() {
    Normalization n = Normalization.of(new float[] {0.5f, 0.2f, 0f}, new float[] {0.5f, 0.1f, 2f});
    float[] chw = rgb.toFloatArray(ImageData.Layout.CHW, n);
    assertThat(chw).containsExactly(new float[] {-1f, 1f, 0f, 2f, 0.5f, 0f}, within(1e-5f));
    float[] hwc = rgb.toFloatArray(ImageData.Layout.HWC, n);
    assertThat(hwc).containsExactly(new float[] {-1f, 0f, 0.5f, 1f, 2f, 0f}, within(1e-5f));
    float[] imagenet = rgb.toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET);
    assertThat(imagenet[0]).isCloseTo((0f - 0.485f) / 0.229f, within(1e-5f));
  }

  @Test
  void normalisation_singleValue_appliesToAllChannels_andValidates() {
    Normalization half = Normalization.of(new float[] {0.5f}, new float[] {0.5f});
    ImageData gray = ImageData.of(1, 1, 1, new byte[] {(byte) 255});
    assertThat(gray.toFloatArray(ImageData.Layout.CHW, half)).containsExactly(1f);
    assertThat(Normalization.IMAGENET.fits(3)).isTrue();
    assertThatThrownBy(() -> Normalization.of(new float[] {0f, 0f}, new float[] {1f}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Normalization.of(new float[] {0f}, new float[] {0f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("std must be positive");
    float[] mean = {0.1f};
    Normalization n = Normalization.of(mean, new float[] {1f});
    mean[0] = 9;
    assertThat(n.mean()).containsExactly(0.1f);
  }

  @Test
  void threeValueNormalisation_givesThreeChannels_forGrayAndRgba() {
    ImageData gray = ImageData.of(2, 1, 1, new byte[] {0, (byte) 255});
    float[] g = gray.toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET);
    assertThat(g).hasSize(6);
    assertThat(g)
        .containsExactly(gray.toRgb().toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET));
    assertThat(g[0]).isCloseTo(-0.485f / 0.229f, within(1e-5f));
    assertThat(g[5]).isCloseTo((1 - 0.406f) / 0.225f, within(1e-5f));
    ImageData rgba = ImageData.of(1, 1, 4, new byte[] {(byte) 255, 0, 51, 0});
    assertThat(rgba.toFloatArray(ImageData.Layout.HWC, Normalization.IMAGENET))
        .containsExactly(
            new float[] {(1 - 0.485f) / 0.229f, -0.456f / 0.224f, (0.2f - 0.406f) / 0.225f},
            within(1e-5f));
    Normalization four = Normalization.of(new float[] {0, 0, 0, 0}, new float[] {1, 1, 1, 1});
    assertThat(gray.toFloatArray(ImageData.Layout.HWC, four))
        .containsExactly(0f, 0f, 0f, 1f, 1f, 1f, 1f, 1f);
    assertThat(Normalization.IMAGENET.outputChannels(1)).isEqualTo(3);
    assertThat(Normalization.NONE.outputChannels(4)).isEqualTo(4);
    assertThatThrownBy(() -> Normalization.of(new float[] {0f, 0f}, new float[] {1f, 1f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1, 3 or 4");
  }

  @Test
  void toFloatArray_intoBatchArray_matchesTheAllocatingForm() {
    float[] batch = new float[2 + 6];
    rgb.toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET, batch, 2);
    float[] one = rgb.toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET);
    assertThat(java.util.Arrays.copyOfRange(batch, 2, 8)).containsExactly(one);
    assertThatThrownBy(
            () -> rgb.toFloatArray(ImageData.Layout.CHW, Normalization.IMAGENET, new float[7], 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void toRgb_expandsGray_dropsAlpha() {
    ImageData gray = ImageData.of(2, 1, 1, new byte[] {7, 9});
    assertThat(gray.toRgb().toByteArray()).containsExactly(7, 7, 7, 9, 9, 9);
    ImageData rgba = ImageData.of(1, 1, 4, new byte[] {1, 2, 3, 4});
    assertThat(rgba.toRgb().toByteArray()).containsExactly(1, 2, 3);
    assertThat(rgb.toRgb()).isSameAs(rgb);
  }
}
