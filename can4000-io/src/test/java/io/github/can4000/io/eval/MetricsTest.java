package io.github.can4000.io.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {
  static List<ScoredImage> scored(String[] labels, double[] scores) {
    List<ScoredImage> out = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      out.add(new ScoredImage("img" + i, labels[i], scores[i]));
    }
    return out;
  }

  /**
   * scikit-learn's documented example: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75.
   */
  @Test
  void auc_matchesScikitLearnsDocumentedExample() {
    Evaluation e =
        Metrics.evaluate(
            "sk",
            scored(new String[] {"n", "n", "p", "p"}, new double[] {0.1, 0.4, 0.35, 0.8}),
            "p",
            0.5);
    assertThat(e.auc()).isEqualTo(0.75);
    assertThat(Metrics.auc(new double[] {0.35, 0.8}, new double[] {0.1, 0.4})).isEqualTo(0.75);
  }

  /**
   * scikit-learn's documented roc_curve example (y = [1, 1, 2, 2], pos_label = 2): fpr [0, 0, 0.5,
   * 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [inf, 0.8, 0.4, 0.35, 0.1].
   */
  @Test
  void roc_matchesScikitLearnsDocumentedCurve() {
    Evaluation e =
        Metrics.evaluate(
            "sk",
            scored(new String[] {"1", "1", "2", "2"}, new double[] {0.1, 0.4, 0.35, 0.8}),
            "2",
            0.5);
    assertThat(e.roc())
        .containsExactly(
            new RocPoint(Double.POSITIVE_INFINITY, 0, 0),
            new RocPoint(0.8, 0, 0.5),
            new RocPoint(0.4, 0.5, 0.5),
            new RocPoint(0.35, 0.5, 1),
            new RocPoint(0.1, 1, 1));
    // Youden: J = 0.5 at 0.8 and at 0.35; the higher threshold wins
    assertThat(e.youdenThreshold()).isEqualTo(0.8);
    assertThat(e.youdenConfusion()).isEqualTo(new Confusion(1, 0, 2, 1));
    assertThat(e.confusion()).isEqualTo(new Confusion(1, 0, 2, 1));
  }

  /**
   * Hanley and McNeil (Radiology 1982), the rating data of 109 CT images (5-point scale; normals
   * 33, 6, 6, 11, 2; abnormals 3, 2, 2, 11, 33): published area 0.893. The DeLong variance
   * 0.0009439892702629848 (95 % CI 0.83295-0.95339) was computed independently from the definition
   * (numpy, the m x n comparison matrix) and is also recomputed by definition here.
   */
  @Test
  void hanleyMcNeilRatings_publishedAucAndDelongInterval() {
    double[] neg = ratings(33, 6, 6, 11, 2);
    double[] pos = ratings(3, 2, 2, 11, 33);
    assertThat(Metrics.auc(pos, neg)).isCloseTo(0.8932, within(5e-5));
    assertThat(Metrics.delongVariance(pos, neg)).isCloseTo(0.0009439892702629848, within(1e-15));
    assertThat(Metrics.delongVariance(pos, neg))
        .isCloseTo(delongByDefinition(pos, neg), within(1e-15));
    List<ScoredImage> s = new ArrayList<>();
    for (double v : pos) {
      s.add(new ScoredImage("p", "abnormal", v));
    }
    for (double v : neg) {
      s.add(new ScoredImage("n", "normal", v));
    }
    Evaluation e = Metrics.evaluate("hm", s, "abnormal", 4);
    assertThat(e.aucLow()).isCloseTo(0.8329523276581718, within(1e-12));
    assertThat(e.aucHigh()).isCloseTo(0.9533897953979471, within(1e-12));
    // rating >= 4 called abnormal: 44 of 51 abnormals, 13 of 58 normals
    assertThat(e.confusion()).isEqualTo(new Confusion(44, 13, 45, 7));
    assertThat(e.sensitivity()).isCloseTo(44.0 / 51, within(1e-15));
    assertThat(e.specificity()).isCloseTo(45.0 / 58, within(1e-15));
    assertThat(e.confusion().ppv()).isCloseTo(44.0 / 57, within(1e-15));
    assertThat(e.confusion().npv()).isCloseTo(45.0 / 52, within(1e-15));
    // Youden over thresholds 5, 4, 3, 2, 1: J = 33/51-2/58, 44/51-13/58, 46/51-19/58, ... -> 4
    assertThat(e.youdenThreshold()).isEqualTo(4);
  }

  /** The fast midrank algorithm agrees with the definition on random data with many ties. */
  @Test
  void delong_agreesWithTheDefinition_onRandomTiedScores() {
    Random r = new Random(7);
    for (int round = 0; round < 50; round++) {
      int m = 2 + r.nextInt(30);
      int n = 2 + r.nextInt(30);
      double[] x = new double[m];
      double[] y = new double[n];
      for (int i = 0; i < m; i++) {
        x[i] = r.nextInt(8) + 1;
      }
      for (int j = 0; j < n; j++) {
        y[j] = r.nextInt(8);
      }
      assertThat(Metrics.auc(x, y)).isCloseTo(aucByDefinition(x, y), within(1e-12));
      assertThat(Metrics.delongVariance(x, y)).isCloseTo(delongByDefinition(x, y), within(1e-12));
    }
  }

  @Test
  void perfectAndTiedScores() {
    Evaluation perfect =
        Metrics.evaluate(
            "p",
            scored(new String[] {"a", "a", "b", "b"}, new double[] {0.9, 0.8, 0.2, 0.1}),
            "a",
            0.5);
    assertThat(perfect.auc()).isEqualTo(1.0);
    assertThat(perfect.aucHigh()).isEqualTo(1.0);
    assertThat(perfect.youdenThreshold()).isEqualTo(0.8);
    Evaluation tied =
        Metrics.evaluate(
            "t",
            scored(new String[] {"a", "a", "b", "b"}, new double[] {0.5, 0.5, 0.5, 0.5}),
            "a",
            0.5);
    assertThat(tied.auc()).isEqualTo(0.5);
    assertThat(tied.youdenThreshold()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(tied.youdenConfusion()).isEqualTo(new Confusion(0, 0, 2, 2));
  }

  @Test
  void oneClassOnly_hasNoAuc_butRates() {
    Evaluation e =
        Metrics.evaluate("x", scored(new String[] {"a", "a"}, new double[] {0.9, 0.1}), "a", 0.5);
    assertThat(e.auc()).isNaN();
    assertThat(e.aucLow()).isNaN();
    assertThat(e.sensitivity()).isEqualTo(0.5);
    assertThat(e.specificity()).isNaN();
  }

  @Test
  void pooled_concatenatesSets() {
    List<ScoredImage> a = scored(new String[] {"p", "n"}, new double[] {0.9, 0.1});
    List<ScoredImage> b = scored(new String[] {"p", "n"}, new double[] {0.2, 0.3});
    Evaluation pooled = Metrics.pooled(List.of(a, b), "p", 0.5);
    assertThat(pooled.name()).isEqualTo("pooled");
    assertThat(pooled.n()).isEqualTo(4);
    // pairs (p, n): 0.9>0.1, 0.9>0.3, 0.2>0.1, 0.2<0.3 -> 3/4
    assertThat(pooled.auc()).isEqualTo(0.75);
  }

  @Test
  void badInput_clearErrors() {
    assertThatThrownBy(
            () ->
                Metrics.evaluate(
                    "v", scored(new String[] {"a"}, new double[] {1}), "melanoma", 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no image of test set v has the positive label melanoma; labels: [a]");
    assertThatThrownBy(() -> Metrics.evaluate("v", List.of(), "a", 0.5))
        .hasMessage("test set v has no scored images");
    assertThatThrownBy(() -> new ScoredImage("x.jpg", "a", Double.NaN))
        .hasMessage("score of x.jpg must be a finite number: NaN");
    assertThatThrownBy(() -> Metrics.delongVariance(new double[] {1}, new double[] {0, 1}))
        .hasMessageContaining("at least two positives and two negatives: 1 and 2");
  }

  static double[] ratings(int... counts) {
    List<Double> v = new ArrayList<>();
    for (int r = 0; r < counts.length; r++) {
      for (int k = 0; k < counts[r]; k++) {
        v.add((double) r + 1);
      }
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double psi(double x, double y) {
    return x > y ? 1 : x == y ? 0.5 : 0;
  }

  static double aucByDefinition(double[] x, double[] y) {
    double s = 0;
    for (double a : x) {
      for (double b : y) {
        s += psi(a, b);
      }
    }
    return s / (x.length * (double) y.length);
  }

  /** DeLong et al. (1988), eq. for S10 and S01 written out over the m x n comparisons. */
  static double delongByDefinition(double[] x, double[] y) {
    int m = x.length;
    int n = y.length;
    double auc = aucByDefinition(x, y);
    double s10 = 0;
    for (double a : x) {
      double v = 0;
      for (double b : y) {
        v += psi(a, b);
      }
      s10 += Math.pow(v / n - auc, 2);
    }
    double s01 = 0;
    for (double b : y) {
      double v = 0;
      for (double a : x) {
        v += psi(a, b);
      }
      s01 += Math.pow(v / m - auc, 2);
    }
    return s10 / (m - 1) / m + s01 / (n - 1) / n;
  }
}
