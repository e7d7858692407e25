package io.github.can4000.io.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.can4000.io.dedupe.Match;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class EvaluationReportTest {
  @TempDir Path dir;

  static List<ScoredImage> set(String prefix, int n, long seed, double separation) {
    Random r = new Random(seed);
    List<ScoredImage> s = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean pos = i % 3 != 0;
      double z = r.nextGaussian() + (pos ? separation : 0);
      double score = Math.round(1000 / (1 + Math.exp(-z))) / 1000.0; // rounded: ties happen
      s.add(
          new ScoredImage(
              prefix + "/" + (pos ? "onychomycosis" : "naildystrophy") + "/B2 (" + i + ").JPG",
              pos ? "onychomycosis" : "naildystrophy",
              score));
    }
    return s;
  }

  @Test
  void writesFiveFiles_andMetricsJsonAgreesWithARecomputationFromScoresCsv() throws Exception {
    List<ScoredImage> a = set("val", 60, 1, 1.5);
    List<ScoredImage> b = set("snu", 45, 2, 0.8);
    EvaluationReport report =
        EvaluationReport.builder("onychomycosis")
            .threshold(0.6)
            .title("nails, 64 px")
            .addSet("val", a, List.of())
            .addSet(
                "snu",
                b,
                List.of(
                    new Match(b.get(4).path(), "train/onychomycosis/x (1).JPG", 2),
                    new Match(b.get(4).path(), "train/onychomycosis/x (2).JPG", 6),
                    new Match(b.get(7).path(), "train/naildystrophy/y.JPG", 0)))
            .note("1 file could not be decoded: val/onychomycosis/broken.jpg")
            .build();
    report.writeTo(dir);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("metrics.json", "report.md", "roc.png", "roc.svg", "scores.csv");
    }

    List<ScoredImage> read = ScoresCsv.read(dir.resolve("scores.csv"));
    assertThat(Files.readAllLines(dir.resolve("scores.csv")).get(0)).isEqualTo("path,label,score");
    assertThat(read).hasSize(105);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    // top level: all rows pooled; sets: one object each
    checkAgainstRecomputation(json, read, 0.6);
    assertThat(json.get("name").asText()).isEqualTo("pooled");
    assertThat(json.get("contaminated").asInt()).isEqualTo(2);
    assertThat(json.get("sets")).hasSize(2);
    checkAgainstRecomputation(json.get("sets").get(0), read.subList(0, 60), 0.6);
    checkAgainstRecomputation(json.get("sets").get(1), read.subList(60, 105), 0.6);
    assertThat(json.get("sets").get(0).get("contaminated").asInt()).isZero();
    assertThat(json.get("sets").get(1).get("contaminated").asInt()).isEqualTo(2);

    Document svg =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("roc.svg").toFile());
    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getElementsByTagName("polyline").getLength())
        .isEqualTo(3); // two sets and pooled
    String svgText = Files.readString(dir.resolve("roc.svg"));
    assertThat(svgText)
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "val: AUC %.3f (95%% CI %.3f-%.3f), n=60",
                report.sets().get(0).evaluation().auc(),
                report.sets().get(0).evaluation().aucLow(),
                report.sets().get(0).evaluation().aucHigh()));
    BufferedImage png = ImageIO.read(dir.resolve("roc.png").toFile());
    RocChart chart =
        new RocChart("t", List.of(report.overall(), report.overall(), report.overall()));
    assertThat(png.getWidth()).isEqualTo(2 * chart.width());
    assertThat(png.getHeight()).isEqualTo(2 * chart.height());
    assertThat(countColour(png, 0x1f77b4))
        .as("pixels of the first curve's colour")
        .isGreaterThan(500);
    assertThat(countColour(png, 0xd62728))
        .as("pixels of the second curve's colour")
        .isGreaterThan(500);

    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md)
        .startsWith("# nails, 64 px\n")
        .contains("![ROC curves](roc.svg)")
        .contains("| snu | snu/onychomycosis/B2 (4).JPG | train/onychomycosis/x (1).JPG | 2 |")
        .contains("**2 test image(s) are near-duplicates of training images;")
        .contains("- 1 file could not be decoded: val/onychomycosis/broken.jpg")
        .contains("| pooled | 105 | 70 | 35 | ");
  }

  @Test
  void singleSet_isTheTopLevel_andContaminationNotCheckedIsNull() throws Exception {
    List<ScoredImage> a = set("val", 30, 3, 2);
    EvaluationReport.builder("onychomycosis").addSet("val", a, null).build().writeTo(dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    assertThat(json.get("name").asText()).isEqualTo("val");
    assertThat(json.get("threshold").asDouble()).isEqualTo(0.5);
    assertThat(json.get("contaminated").isNull()).isTrue();
    assertThat(json.get("sets")).hasSize(1);
    checkAgainstRecomputation(json, ScoresCsv.read(dir.resolve("scores.csv")), 0.5);
    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("Not checked: no perceptual hashes");
  }

  @Test
  void severalSets_oneWithNegativesOnly_isAllowed_butNotAllNegative() throws Exception {
    List<ScoredImage> mixed = set("a", 30, 5, 2);
    List<ScoredImage> negatives =
        List.of(
            new ScoredImage("b/1.jpg", "naildystrophy", 0.2),
            new ScoredImage("b/2.jpg", "naildystrophy", 0.7));
    EvaluationReport r =
        EvaluationReport.builder("onychomycosis")
            .addSet("a", mixed, null)
            .addSet("b", negatives, null)
            .build();
    Evaluation b = r.sets().get(1).evaluation();
    assertThat(b.auc()).isNaN();
    assertThat(b.specificity()).isEqualTo(0.5);
    assertThat(r.overall().n()).isEqualTo(32);
    r.writeTo(dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    assertThat(json.get("sets").get(1).get("auc").isNull()).isTrue();
    assertThat(json.get("sets").get(1).get("sensitivity").isNull()).isTrue();
    assertThatThrownBy(
            () ->
                EvaluationReport.builder("melanoma")
                    .addSet("a", mixed, null)
                    .addSet("b", negatives, null)
                    .build())
        .hasMessage("no image of any test set has the positive label melanoma");
  }

  @Test
  void builderAndReaderErrors() throws IOException {
    assertThatThrownBy(() -> EvaluationReport.builder("a").build())
        .hasMessage("no test set was added");
    assertThatThrownBy(() -> EvaluationReport.builder("a").addSet("pooled", List.of(), null))
        .hasMessageContaining("not 'pooled'");
    Path bad = dir.resolve("scores.csv");
    Files.writeString(bad, "path,label,score\na.jpg,x,0.5\nb.jpg,y,high\n");
    assertThatThrownBy(() -> ScoresCsv.read(bad))
        .isInstanceOf(IOException.class)
        .hasMessage(bad + ":3: score is not a number: \"high\"");
    Files.writeString(bad, "file,label,score\n");
    assertThatThrownBy(() -> ScoresCsv.read(bad))
        .hasMessageContaining(":1: expected header \"path,label,score\"");
  }

  /**
   * Recomputes every metric from the scored images by brute force and compares with the JSON
   * object.
   */
  static void checkAgainstRecomputation(JsonNode o, List<ScoredImage> rows, double threshold) {
    String positive = o.get("positive").asText();
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    for (ScoredImage r : rows) {
      boolean p = r.label().equals(positive);
      boolean called = r.score() >= threshold;
      (p ? pos : neg).add(r.score());
      if (p && called) {
        tp++;
      } else if (p) {
        fn++;
      } else if (called) {
        fp++;
      } else {
        tn++;
      }
    }
    double[] x = pos.stream().mapToDouble(Double::doubleValue).toArray();
    double[] y = neg.stream().mapToDouble(Double::doubleValue).toArray();
    double auc = MetricsTest.aucByDefinition(x, y);
    double sd = Math.sqrt(MetricsTest.delongByDefinition(x, y));
    assertThat(o.get("n").asInt()).isEqualTo(rows.size());
    assertThat(o.get("n_positive").asInt()).isEqualTo(x.length);
    assertThat(o.get("n_negative").asInt()).isEqualTo(y.length);
    assertThat(o.get("auc").asDouble()).isCloseTo(auc, within(1e-12));
    assertThat(o.get("auc_ci95").get(0).asDouble())
        .isCloseTo(Math.max(0, auc - 1.959964 * sd), within(1e-6));
    assertThat(o.get("auc_ci95").get(1).asDouble())
        .isCloseTo(Math.min(1, auc + 1.959964 * sd), within(1e-6));
    assertThat(o.get("threshold").asDouble()).isEqualTo(threshold);
    assertThat(o.get("confusion").get("tp").asInt()).isEqualTo(tp);
    assertThat(o.get("confusion").get("fp").asInt()).isEqualTo(fp);
    assertThat(o.get("confusion").get("tn").asInt()).isEqualTo(tn);
    assertThat(o.get("confusion").get("fn").asInt()).isEqualTo(fn);
    assertThat(o.get("sensitivity").asDouble()).isCloseTo((double) tp / (tp + fn), within(1e-12));
    assertThat(o.get("specificity").asDouble()).isCloseTo((double) tn / (tn + fp), within(1e-12));
    // Youden: the best J over every candidate threshold, by brute force
    double bestJ = 0;
    double bestT = Double.POSITIVE_INFINITY;
    for (ScoredImage c : rows) {
      double t = c.score();
      int a = 0;
      int b = 0;
      for (ScoredImage r : rows) {
        if (r.score() >= t) {
          if (r.label().equals(positive)) {
            a++;
          } else {
            b++;
          }
        }
      }
      double j = (double) a / x.length - (double) b / y.length;
      if (j > bestJ + 1e-12 || (Math.abs(j - bestJ) <= 1e-12 && j > 0 && t > bestT)) {
        bestJ = j;
        bestT = t;
      }
    }
    assertThat(o.get("youden_threshold").asDouble()).isEqualTo(bestT);
    assertThat(o.get("youden_sensitivity").asDouble() + o.get("youden_specificity").asDouble() - 1)
        .isCloseTo(bestJ, within(1e-12));
  }

  static int countColour(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
