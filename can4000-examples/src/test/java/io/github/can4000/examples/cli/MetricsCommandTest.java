package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {
  @TempDir Path dir;

  @Test
  void scoresFile_toMetricsJsonRocAndReport() throws Exception {
    Path scores = dir.resolve("scores.csv");
    // scikit-learn's roc_auc_score example: y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8] -> 0.75
    Files.writeString(
        scores,
        "path,label,score\n"
            + "\"a, (1).jpg\",nevus,0.1\nb.jpg,nevus,0.4\nc.jpg,melanoma,0.35\nd.jpg,melanoma,0.8\n");
    Path out = dir.resolve("report");
    Cli.Result r =
        Cli.run(
            "metrics",
            "--scores",
            scores.toString(),
            "--positive",
            "melanoma",
            "--threshold",
            "0.3",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("AUC 0.750");
    JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(json.get("auc").asDouble()).isEqualTo(0.75);
    assertThat(json.get("positive").asText()).isEqualTo("melanoma");
    assertThat(json.get("threshold").asDouble()).isEqualTo(0.3);
    assertThat(json.get("confusion").toString()).isEqualTo("{\"tp\":2,\"fp\":1,\"tn\":1,\"fn\":0}");
    assertThat(json.get("auc_ci95").get(0).asDouble())
        .isCloseTo(0.05704808782516102, within(1e-12));
    assertThat(json.get("auc_ci95").get(1).asDouble()).isEqualTo(1.0);
    assertThat(json.get("contaminated").isNull()).isTrue();
    BufferedImage png = ImageIO.read(out.resolve("roc.png").toFile());
    assertThat(png.getWidth()).isGreaterThan(500);
    assertThat(Files.readString(out.resolve("report.md")))
        .contains("| " + dir.getFileName() + " | 4 | 2 | 2 | 0.750");
    assertThat(Files.readAllLines(out.resolve("scores.csv"))).hasSize(5);
  }

  @Test
  void badScores_usageErrorNamingTheLine() throws Exception {
    Path scores = dir.resolve("s.csv");
    Files.writeString(scores, "path,label,score\na.jpg,x,0.1\nb.jpg,y,NaN\n");
    Cli.Result r =
        Cli.run(
            "metrics", "--scores", scores.toString(), "--positive", "x", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains(scores + ":3: score must be finite: \"NaN\"");
    Cli.Result missing =
        Cli.run(
            "metrics",
            "--scores",
            dir.resolve("none.csv").toString(),
            "--positive",
            "x",
            "--out",
            dir.toString());
    assertThat(missing.code()).isEqualTo(Main.USAGE);
    assertThat(missing.err()).contains("no such scores file");
    Files.writeString(scores, "path,label,score\na.jpg,x,0.1\n");
    Cli.Result typo =
        Cli.run(
            "metrics",
            "--scores",
            scores.toString(),
            "--positive",
            "melanoma",
            "--out",
            dir.toString());
    assertThat(typo.code()).isEqualTo(Main.USAGE);
    assertThat(typo.err()).contains("has the positive label melanoma; labels: [x]");
  }
}
