package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoxTest {

  /** Expected values computed with Python: int((x - w / 2) * W) etc. */
  @ParameterizedTest
  @CsvSource({
    "0.356, 0.284, 0.378, 0.568, 640, 480, 106, 0, 348, 272",
    "0.547, 0.563, 0.094, 0.126, 1000, 750, 500, 374, 594, 469",
    "0.1, 0.5, 0.4, 0.2, 500, 400, -50, 160, 150, 240",
    "0.01, 0.5, 0.04, 0.2, 300, 200, -3, 80, 9, 120",
    "0.5, 0.5, 0.8, 0.8, 1, 1, 0, 0, 0, 0",
    "0.3, 0.7, 0.6, 0.7, 333, 777, 0, 271, 199, 815",
  })
  void toPixels_matchesTheOriginalsIntegerArithmetic(
      double x, double y, double w, double h, int W, int H, int x1, int y1, int x2, int y2) {
    assertThat(new Box(x, y, w, h).toPixels(W, H)).isEqualTo(new PixelRect(x1, y1, x2, y2));
  }

  @Test
  void toPixels_truncatesTowardZeroLikePythonInt() {
    // (0.3 - 0.35) * 10 = -0.5 -> int() gives 0, not -1
    assertThat(new Box(0.3, 0.5, 0.7, 0.2).toPixels(10, 10).x1()).isZero();
  }

  @Test
  void toPixels_nonFinite_throws() {
    assertThatThrownBy(() -> new Box(Double.NaN, 0, 1, 1).toPixels(10, 10))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pixelRect_clampAndSize() {
    PixelRect r = new PixelRect(-5, 3, 120, 50);
    assertThat(r.clampTo(100, 40)).isEqualTo(new PixelRect(0, 3, 100, 40));
    assertThat(r.width()).isEqualTo(125);
    assertThat(new PixelRect(5, 5, 5, 9).isEmpty()).isTrue();
    assertThat(new PixelRect(9, 5, 5, 9).width()).isZero();
    assertThat(r.isWithin(200, 200)).isFalse();
  }
}
