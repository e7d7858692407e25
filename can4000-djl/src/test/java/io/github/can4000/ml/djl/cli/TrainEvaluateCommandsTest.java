package io.github.can4000.ml.djl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Trains once on 24 real nail photos (32 px, 2 epochs), then evaluates in several ways. */
class TrainEvaluateCommandsTest {
  @TempDir static Path shared;
  @TempDir Path dir;
  static Path model;

  record Result(int code, String out, String err) {}

  static Result run(Object command, String... args) {
    CommandLine cl = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static Path nails(String split) throws URISyntaxException {
    return Path.of(
            Objects.requireNonNull(TrainEvaluateCommandsTest.class.getResource("/nails/README.md"))
                .toURI())
        .getParent()
        .resolve(split);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  @BeforeAll
  static void train() throws Exception {
    model = shared.resolve("model");
    Result r =
        run(
            new TrainCommand(),
            "--data",
            nails("train").toString(),
            "--epochs",
            "2",
            "--size",
            "32",
            "--seed",
            "1",
            "--out",
            model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("24 images loaded, classes [naildystrophy, onychomycosis]")
        .contains("epoch 2/2");
  }

  @Test
  void train_savesParametersAndSidecar() throws Exception {
    assertThat(model.resolve("can4000-cnn-0002.params")).isRegularFile();
    ModelCard card = ModelCard.read(model);
    assertThat(card.labels()).containsExactly("naildystrophy", "onychomycosis");
    assertThat(card.width()).isEqualTo(32);
    assertThat(card.mean()).containsExactly(0.485f, 0.456f, 0.406f);
    assertThat(card.trainingImages()).isEqualTo(24);
    assertThat(card.trainingHashes()).hasSize(24).containsKey("onychomycosis/D_D_OM (1).JPG");
    assertThat(card.trainingHashes().values())
        .allSatisfy(h -> assertThat(h).matches("[0-9a-f]{16}"));
  }

  @Test
  void evaluate_writesTheReport_andMetricsJsonAgreesWithScoresCsv() throws Exception {
    Path out = dir.resolve("report");
    Result r =
        run(
            new EvaluateCommand(),
            "--model",
            model.toString(),
            "--test",
            nails("val").toString(),
            "--positive",
            "onychomycosis",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("metrics.json", "report.md", "roc.png", "roc.svg", "scores.csv");
    }
    List<String> lines = Files.readAllLines(out.resolve("scores.csv"));
    assertThat(lines.get(0)).isEqualTo("path,label,score");
    assertThat(lines).hasSize(13);
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(m.get("contaminated").asInt()).isZero();
    // independent recomputation from scores.csv: pairwise AUC, counts at 0.5
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    int tp = 0;
    int fp = 0;
    for (String line : lines.subList(1, lines.size())) {
      int c = line.lastIndexOf(',');
      int b = line.lastIndexOf(',', c - 1);
      String label = line.substring(b + 1, c);
      double score = Double.parseDouble(line.substring(c + 1));
      assertThat(score).isBetween(0.0, 1.0);
      if (label.equals("onychomycosis")) {
        pos.add(score);
        tp += score >= 0.5 ? 1 : 0;
      } else {
        neg.add(score);
        fp += score >= 0.5 ? 1 : 0;
      }
    }
    double wins = 0;
    for (double p : pos) {
      for (double n : neg) {
        wins += p > n ? 1 : p == n ? 0.5 : 0;
      }
    }
    assertThat(m.get("n").asInt()).isEqualTo(12);
    assertThat(m.get("n_positive").asInt()).isEqualTo(6);
    assertThat(m.get("auc").asDouble()).isCloseTo(wins / 36, within(1e-12));
    assertThat(m.get("confusion").get("tp").asInt()).isEqualTo(tp);
    assertThat(m.get("confusion").get("fp").asInt()).isEqualTo(fp);
    assertThat(m.get("sensitivity").asDouble()).isCloseTo(tp / 6.0, within(1e-12));
    assertThat(m.get("auc_ci95")).hasSize(2);
    BufferedImage png = ImageIO.read(out.resolve("roc.png").toFile());
    assertThat(png).isNotNull();
    assertThat(Files.readString(out.resolve("roc.svg"))).startsWith("<svg").contains("val: AUC ");
    assertThat(Files.readString(out.resolve("report.md")))
        .contains("| val | 12 | 6 | 6 | ")
        .contains("No test image is a near-duplicate of a training image.");
  }

  @Test
  void evaluate_detectsTrainingImagesCopiedIntoTheTestSet() throws Exception {
    Path test = dir.resolve("test");
    copyTree(nails("val"), test);
    Files.copy(
        nails("train").resolve("onychomycosis/D_D_OM (1).JPG"),
        test.resolve("onychomycosis/copy (1).JPG"));
    Files.createDirectories(test.resolve("naildystrophy/sub"));
    Files.copy(
        nails("train").resolve("naildystrophy/D_D_OD (6).JPG"),
        test.resolve("naildystrophy/sub/x.jpg"));
    // a smaller re-encoded copy is still a near-duplicate
    BufferedImage src =
        ImageIO.read(nails("train").resolve("onychomycosis/D_D_OM (14).JPG").toFile());
    BufferedImage half =
        new BufferedImage(src.getWidth() / 2, src.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
    half.createGraphics().drawImage(src, 0, 0, half.getWidth(), half.getHeight(), null);
    ImageIO.write(half, "png", test.resolve("onychomycosis/smaller.png").toFile());
    Files.writeString(test.resolve("onychomycosis/broken.jpg"), "not a picture");
    Path out = dir.resolve("report");
    Result r =
        run(
            new EvaluateCommand(),
            "--model",
            model.toString(),
            "--test",
            test.toString(),
            "--test",
            nails("val").toString(),
            "--positive",
            "onychomycosis",
            "--threshold",
            "0.3",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(m.get("name").asText()).isEqualTo("pooled");
    assertThat(m.get("threshold").asDouble()).isEqualTo(0.3);
    assertThat(m.get("contaminated").asInt()).isEqualTo(3);
    assertThat(m.get("sets").get(0).get("name").asText()).isEqualTo("test");
    assertThat(m.get("sets").get(0).get("contaminated").asInt()).isEqualTo(3);
    assertThat(m.get("sets").get(0).get("n").asInt()).isEqualTo(15);
    assertThat(m.get("sets").get(1).get("name").asText()).isEqualTo("val");
    assertThat(m.get("sets").get(1).get("contaminated").asInt()).isZero();
    assertThat(m.get("n").asInt()).isEqualTo(27);
    String report = Files.readString(out.resolve("report.md"));
    assertThat(report)
        .contains("**3 test image(s) are near-duplicates of training images;")
        .contains(
            "| test | "
                + test.resolve("onychomycosis/copy (1).JPG")
                + " | onychomycosis/D_D_OM (1).JPG | 0 |")
        .contains(
            "| test | "
                + test.resolve("naildystrophy/sub/x.jpg")
                + " | naildystrophy/D_D_OD (6).JPG | 0 |")
        .contains(test.resolve("onychomycosis/smaller.png") + " | onychomycosis/D_D_OM (14).JPG |")
        .contains("test: not used: " + test.resolve("onychomycosis/broken.jpg") + ": NOT_AN_IMAGE");
    assertThat(r.out())
        .contains("test: 15 images scored, 1 not used, 3 near-duplicates of training images");
    // exact copies only: the smaller re-encoded copy (a few bits away) is no longer counted
    Result exact =
        run(
            new EvaluateCommand(),
            "--model",
            model.toString(),
            "--test",
            test.toString(),
            "--positive",
            "onychomycosis",
            "--near-duplicate-bits",
            "0",
            "--out",
            dir.resolve("exact").toString());
    assertThat(exact.code()).as(exact.err()).isZero();
    JsonNode e = new ObjectMapper().readTree(dir.resolve("exact/metrics.json").toFile());
    assertThat(e.get("contaminated").asInt()).isEqualTo(2);
  }

  @Test
  void evaluate_refusesAFolderWrittenByDownload_unlessAllowed() throws Exception {
    Path test = dir.resolve("downloaded");
    Files.createDirectories(test.resolve("onychomycosis"));
    Files.createDirectories(test.resolve("naildystrophy"));
    Files.copy(
        nails("val").resolve("onychomycosis/B2_OM (1).JPG"),
        test.resolve("onychomycosis/12_onychomycosis.png"));
    Files.copy(
        nails("val").resolve("naildystrophy/B2_OD (1).JPG"),
        test.resolve("naildystrophy/13_naildystrophy.png"));
    Files.writeString(test.resolve("_report.csv"), "no,label\n");
    Path out = dir.resolve("report");
    Result refused =
        run(
            new EvaluateCommand(),
            "--model",
            model.toString(),
            "--test",
            test.toString(),
            "--positive",
            "onychomycosis",
            "--out",
            out.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains("refusing to use " + test + " as a test set")
        .contains("labels come from a CAN manifest")
        .contains("--allow-can-labels");
    assertThat(out).doesNotExist();
    Result allowed =
        run(
            new EvaluateCommand(),
            "--model",
            model.toString(),
            "--test",
            test.toString(),
            "--positive",
            "onychomycosis",
            "--allow-can-labels",
            "--out",
            out.toString());
    assertThat(allowed.code()).as(allowed.err()).isZero();
  }

  @Test
  void evaluate_csvTestSet_padUfesStyle() throws Exception {
    Path images = dir.resolve("pad/images");
    StringBuilder csv = new StringBuilder("patient_id,img_id,diagnostic\n");
    int k = 0;
    for (String label : new String[] {"onychomycosis", "naildystrophy"}) {
      try (Stream<Path> s = Files.list(nails("val").resolve(label))) {
        for (Path p : s.sorted().toList()) {
          String name = "PAT_" + k + ".jpg";
          Path target = images.resolve("imgs_part_" + (k % 2 + 1)).resolve(name);
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
          csv.append("P")
              .append(k)
              .append(',')
              .append(name)
              .append(',')
              .append(label.equals("onychomycosis") ? "OM" : "nail dystrophy")
              .append('\n');
          k++;
        }
      }
    }
    csv.append("P99,PAT_99.jpg,OM\n");
    Path metadata = dir.resolve("pad/metadata.csv");
    Files.writeString(metadata, csv);
    Path out = dir.resolve("report");
    Result r =
        run(
            new EvaluateCommand(),
            "--model",
            model.toString(),
            "--test-csv",
            metadata.toString(),
            "--csv-images",
            images.toString(),
            "--alias",
            "OM=onychomycosis",
            "--alias",
            "nail dystrophy=naildystrophy",
            "--positive",
            "onychomycosis",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(m.get("name").asText()).isEqualTo("metadata");
    assertThat(m.get("n").asInt()).isEqualTo(12);
    assertThat(m.get("n_positive").asInt()).isEqualTo(6);
    assertThat(m.get("contaminated").asInt()).isZero();
    assertThat(Files.readString(out.resolve("report.md")))
        .contains(
            "metadata: not used: "
                + metadata
                + ":14: image not found below "
                + images
                + ": PAT_99.jpg");
    assertThat(Files.readAllLines(out.resolve("scores.csv")))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(images.resolve("imgs_part_1/PAT_0.jpg") + ",onychomycosis,"));
  }

  @Test
  void evaluate_usageErrors() throws Exception {
    Result typo =
        run(
            new EvaluateCommand(),
            "--model",
            model.toString(),
            "--test",
            nails("val").toString(),
            "--positive",
            "melanoma",
            "--out",
            dir.toString());
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err())
        .contains(
            "--positive melanoma is not a label of the model; its labels: [naildystrophy, "
                + "onychomycosis]");
    Result noModel =
        run(
            new EvaluateCommand(),
            "--model",
            dir.toString(),
            "--test",
            nails("val").toString(),
            "--positive",
            "onychomycosis",
            "--out",
            dir.resolve("r").toString());
    assertThat(noModel.code()).isEqualTo(2);
    assertThat(noModel.err()).contains("not a model folder written by can4000 train");
    Files.createDirectories(dir.resolve("one/onychomycosis"));
    Files.createDirectories(dir.resolve("one/naildystrophy"));
    Files.writeString(dir.resolve("one/onychomycosis/a.jpg"), "not a picture");
    Files.copy(
        nails("val").resolve("naildystrophy/B2_OD (1).JPG"),
        dir.resolve("one/naildystrophy/b.jpg"));
    Result tooFew =
        run(
            new TrainCommand(),
            "--data",
            dir.resolve("one").toString(),
            "--out",
            dir.resolve("m").toString());
    assertThat(tooFew.code()).isEqualTo(2);
    assertThat(tooFew.out()).contains("not used: onychomycosis/a.jpg: NOT_AN_IMAGE");
    assertThat(tooFew.err()).contains("fewer than two training images could be loaded");
    Result noData =
        run(new TrainCommand(), "--data", dir.resolve("none").toString(), "--out", dir.toString());
    assertThat(noData.code()).isEqualTo(2);
    assertThat(noData.err()).contains("--data is not a directory");
  }
}
