package io.github.can4000.ml.djl.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a YOLO-family output tensor: YOLOv5 rows {@code [1, N, 5 + classes]} (centre x, centre y,
 * width, height in input pixels, objectness, class scores; score = objectness times the best class
 * score), or YOLOv8 and later {@code [1, 4 + classes, N]} or {@code [1, N, 4 + classes]} (no
 * objectness). Then drops boxes below the score threshold and runs non-maximum suppression per
 * class.
 */
final class YoloOutput {
  /** Most boxes kept per image, as YOLO tools do. */
  static final int MAX_BOXES = 300;

  /** A box in input pixels. */
  record Candidate(double x0, double y0, double x1, double y1, int cls, double score) {
    double area() {
      return Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
    }
  }

  private YoloOutput() {}

  /**
   * Decodes {@code data} of {@code shape}.
   *
   * @throws IllegalArgumentException naming the shape if it fits neither layout for {@code classes}
   */
  static List<Candidate> decode(
      float[] data, long[] shape, int classes, double minScore, double nmsIou) {
    if (shape.length == 2) {
      shape = new long[] {1, shape[0], shape[1]};
    }
    if (shape.length != 3 || shape[0] != 1) {
      throw new IllegalArgumentException(
          "expected a YOLO output [1, N, 5+classes] or [1, 4+classes, N], found "
              + Arrays.toString(shape));
    }
    int a = (int) shape[1];
    int b = (int) shape[2];
    List<Candidate> all = new ArrayList<>();
    if (b == 5 + classes) {
      for (int n = 0; n < a; n++) {
        int o = n * b;
        int best = argmax(data, o + 5, classes, 1);
        add(
            all,
            data[o],
            data[o + 1],
            data[o + 2],
            data[o + 3],
            best,
            data[o + 4] * data[o + 5 + best],
            minScore);
      }
    } else if (a == 4 + classes) {
      for (int n = 0; n < b; n++) {
        int best = argmax(data, 4 * b + n, classes, b);
        add(
            all,
            data[n],
            data[b + n],
            data[2 * b + n],
            data[3 * b + n],
            best,
            data[(4 + best) * b + n],
            minScore);
      }
    } else if (b == 4 + classes) {
      for (int n = 0; n < a; n++) {
        int o = n * b;
        int best = argmax(data, o + 4, classes, 1);
        add(
            all,
            data[o],
            data[o + 1],
            data[o + 2],
            data[o + 3],
            best,
            data[o + 4 + best],
            minScore);
      }
    } else {
      throw new IllegalArgumentException(
          "the model's output "
              + Arrays.toString(shape)
              + " fits neither YOLO layout "
              + "for "
              + classes
              + " classes ([1, N, "
              + (5 + classes)
              + "] or [1, "
              + (4 + classes)
              + ", N]): "
              + "do --classes name the model's classes?");
    }
    return nms(all, nmsIou);
  }

  private static int argmax(float[] d, int start, int n, int stride) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (d[start + i * stride] > d[start + best * stride]) {
        best = i;
      }
    }
    return best;
  }

  private static void add(
      List<Candidate> out,
      double cx,
      double cy,
      double w,
      double h,
      int cls,
      float floatScore,
      double minScore) {
    // the model computes in float: keep the float's shortest decimal (0.81, not 0.8099999570846563)
    double score = Double.parseDouble(Float.toString(floatScore));
    if (score >= minScore && w > 0 && h > 0 && Double.isFinite(cx + cy + w + h)) {
      out.add(
          new Candidate(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, cls, Math.min(1, score)));
    }
  }

  /** Greedy per-class non-maximum suppression, best first. */
  static List<Candidate> nms(List<Candidate> boxes, double iou) {
    List<Candidate> sorted = new ArrayList<>(boxes);
    sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
    List<Candidate> kept = new ArrayList<>();
    for (Candidate c : sorted) {
      boolean keep = true;
      for (Candidate k : kept) {
        if (k.cls() == c.cls() && iou(k, c) > iou) {
          keep = false;
          break;
        }
      }
      if (keep) {
        kept.add(c);
        if (kept.size() == MAX_BOXES) {
          break;
        }
      }
    }
    return kept;
  }

  static double iou(Candidate a, Candidate b) {
    double w = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0());
    double h = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
    if (w <= 0 || h <= 0) {
      return 0;
    }
    double inter = w * h;
    return inter / (a.area() + b.area() - inter);
  }
}
