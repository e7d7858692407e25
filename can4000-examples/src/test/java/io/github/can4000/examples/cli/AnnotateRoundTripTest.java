package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.Box;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.io.annotate.DecisionLog;
import io.github.can4000.io.annotate.ProposalsCsv;
import io.github.can4000.io.annotate.ReviewServer;
import io.github.can4000.io.annotate.SourceImages;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.fixtures.Photos;
import io.github.can4000.io.image.ImageDecoders;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * YOLO label files for a folder of real photographs become proposals.csv; decisions made through
 * the review server become a manifest; download --images of that manifest writes exactly the crops
 * the reviewer saw, box for box.
 */
class AnnotateRoundTripTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void yoloLabels_review_export_download_writesTheReviewedCrops() throws Exception {
    Path images = dir.resolve("photos");
    Path labels = dir.resolve("labels");
    Files.createDirectories(images.resolve("clinic a"));
    Files.createDirectories(labels.resolve("clinic a"));
    Files.write(images.resolve("clinic a/photo_001.jpg"), Photos.bytes("photo_001.jpg"));
    Files.write(images.resolve("photo_002.jpg"), Photos.bytes("photo_002.jpg"));
    Files.write(images.resolve("photo_003.jpg"), Photos.bytes("photo_003.jpg"));
    Files.writeString(
        labels.resolve("clinic a/photo_001.txt"), "0 0.5 0.5 0.4 0.3\n1 0.2 0.25 0.15 0.2 0.4\n");
    Files.writeString(
        labels.resolve("photo_002.txt"), "1 0.61 0.42 0.33 0.27 0.9\n\n0 0.9 0.9 0.3 0.3 0.8\n");
    Files.writeString(
        labels.resolve("photo_003.txt"), "0 0.5 0.5 0.5 0.5 0.1\n"); // below --min-score
    Path proposals = dir.resolve("proposals.csv");

    Cli.Result annotate =
        Cli.run(
            "annotate",
            "--images",
            images.toString(),
            "--yolo-labels",
            labels.toString(),
            "--classes",
            "melanoma,nevus",
            "--min-score",
            "0.2",
            "--out",
            proposals.toString());
    assertThat(annotate.code()).as(annotate.err()).isZero();
    assertThat(annotate.out()).contains("wrote 4 proposals on 2 photographs");
    assertThat(Files.readAllLines(proposals))
        .containsExactly(
            "no,label,x,y,w,h,score,source",
            "1,melanoma,0.5,0.5,0.4,0.3,1.0,clinic a/photo_001.jpg",
            "2,nevus,0.2,0.25,0.15,0.2,0.4,clinic a/photo_001.jpg",
            "3,nevus,0.61,0.42,0.33,0.27,0.9,photo_002.jpg",
            "4,melanoma,0.9,0.9,0.3,0.3,0.8,photo_002.jpg");

    // the reviewer: accept 1, reject 2, relabel 3, accept 4 (a box crossing the edge) then undo it
    Path decisions = dir.resolve("proposals.csv.decisions.csv");
    Map<Integer, BufferedImage> seen = new TreeMap<>();
    try (DecisionLog log = DecisionLog.open(decisions);
        SourceImages sources =
            new SourceImages(FileFetchers.create(images), ImageDecoders.standard());
        ReviewServer server =
            ReviewServer.builder()
                .proposals(ProposalsCsv.read(proposals))
                .images(sources)
                .imagesRoot(images)
                .decisions(log)
                .build()
                .start()) {
      URI base = server.uri();
      String t = "?" + base.getQuery();
      decide(base, t, "{\"no\":1,\"decision\":\"accept\"}");
      decide(base, t, "{\"no\":2,\"decision\":\"reject\"}");
      decide(base, t, "{\"no\":3,\"decision\":\"accept\",\"label\":\"lentigo\"}");
      decide(base, t, "{\"no\":4,\"decision\":\"accept\"}");
      decide(base, t, "{\"no\":4,\"decision\":\"undo\"}");
      for (int no : List.of(1, 3)) {
        HttpResponse<byte[]> crop =
            HTTP.send(
                HttpRequest.newBuilder(base.resolve("/api/crop" + t + "&no=" + no)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(crop.statusCode()).isEqualTo(200);
        seen.put(no, ImageIO.read(new ByteArrayInputStream(crop.body())));
      }
    }

    Path manifest = dir.resolve("reviewed.txt");
    Cli.Result export =
        Cli.run(
            "review",
            "--proposals",
            proposals.toString(),
            "--images",
            images.toString(),
            "--export",
            manifest.toString());
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out()).contains("2 accepted rows (1 rejected, 1 undecided left out)");
    List<String> lines = Files.readAllLines(manifest);
    assertThat(lines.stream().filter(l -> l.startsWith("##")))
        .anyMatch(l -> l.contains("YOLO label files"))
        .anyMatch(l -> l.startsWith("## min_score: 0.2"))
        .anyMatch(l -> l.startsWith("## date: 20"));
    assertThat(lines.stream().filter(l -> !l.startsWith("##")))
        .containsExactly(
            "1 melanoma 0.5 0.5 0.4 0.3 clinic a/photo_001.jpg",
            "3 lentigo 0.61 0.42 0.33 0.27 photo_002.jpg");
    Manifest parsed = Manifest.parse(manifest);
    assertThat(parsed.entries())
        .extracting(ManifestEntry::id, ManifestEntry::label, ManifestEntry::box, ManifestEntry::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1, "melanoma", new Box(0.5, 0.5, 0.4, 0.3), "clinic a/photo_001.jpg"),
            org.assertj.core.groups.Tuple.tuple(
                3, "lentigo", new Box(0.61, 0.42, 0.33, 0.27), "photo_002.jpg"));
    assertThat(dir.resolve("reviewed_sheets/melanoma.jpg")).isRegularFile();
    assertThat(dir.resolve("reviewed_sheets/lentigo.jpg")).isRegularFile();

    Path out = dir.resolve("out");
    Cli.Result download =
        Cli.run(
            "download",
            "--manifest",
            manifest.toString(),
            "--images",
            images.toString(),
            "--out",
            out.toString(),
            "-q");
    assertThat(download.code()).as(download.err()).isZero();
    List<Path> pngs;
    try (Stream<Path> s = Files.walk(out)) {
      pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertThat(pngs)
        .containsExactly(
            out.resolve("lentigo/00003_lentigo.png"), out.resolve("melanoma/00001_melanoma.png"));
    assertSamePixels(
        ImageIO.read(out.resolve("melanoma/00001_melanoma.png").toFile()), seen.get(1));
    assertSamePixels(ImageIO.read(out.resolve("lentigo/00003_lentigo.png").toFile()), seen.get(3));
  }

  @Test
  void pixelBoxes_cropExactlyThosePixels() throws Exception {
    Path images = dir.resolve("photos");
    Files.createDirectories(images);
    Files.write(images.resolve("p.jpg"), Photos.bytes("photo_004.jpg"));
    BufferedImage photo = Photos.image("photo_004.jpg");
    Path boxes = dir.resolve("boxes.csv");
    Files.writeString(
        boxes,
        "image,x0,y0,x1,y1,label,score\np.jpg,13,7,101,77,bcc,0.75\np.jpg,1,2,3,4,bcc,0.1\n");
    Path proposals = dir.resolve("p.csv");
    Cli.Result r =
        Cli.run(
            "annotate",
            "--images",
            images.toString(),
            "--boxes",
            boxes.toString(),
            "--min-score",
            "0.5",
            "--out",
            proposals.toString());
    assertThat(r.code()).as(r.err()).isZero();
    var rows = ProposalsCsv.read(proposals);
    assertThat(rows).hasSize(1);
    var rect = rows.get(0).box().toPixels(photo.getWidth(), photo.getHeight());
    assertThat(List.of(rect.x1(), rect.y1(), rect.x2(), rect.y2())).containsExactly(13, 7, 101, 77);
  }

  @Test
  void model_withoutADetectorOnTheClassPath_namesTheBuild() throws Exception {
    Path images = Files.createDirectories(dir.resolve("photos"));
    Path model = Files.writeString(dir.resolve("m.pt"), "x");
    Cli.Result r =
        Cli.run(
            "annotate",
            "--images",
            images.toString(),
            "--model",
            model.toString(),
            "--classes",
            "a",
            "--out",
            dir.resolve("p.csv").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("mvn -B -pl can4000-djl -am package");
    assertThat(dir.resolve("p.csv")).doesNotExist();
  }

  @Test
  void reviewServer_fromTheCommandLine_printsATokenAddress_andStopsOnInterrupt() throws Exception {
    Path images = Files.createDirectories(dir.resolve("photos"));
    Files.write(images.resolve("a.jpg"), Photos.bytes("photo_001.jpg"));
    Path proposals = dir.resolve("p.csv");
    Files.writeString(
        proposals, "no,label,x,y,w,h,score,source\n7,nevus,0.5,0.5,0.2,0.2,0.5,a.jpg\n");
    StringWriter out = new StringWriter();
    int[] code = {-1};
    Thread t =
        new Thread(
            () -> {
              CommandLine cl = Main.commandLine();
              cl.setOut(new PrintWriter(out, true));
              cl.setErr(new PrintWriter(new StringWriter(), true));
              code[0] =
                  cl.execute(
                      "review", "--proposals", proposals.toString(), "--images", images.toString());
            });
    t.start();
    String url = null;
    for (int i = 0; i < 200 && url == null; i++) {
      url =
          out.toString()
              .lines()
              .map(String::strip)
              .filter(l -> l.startsWith("http://127.0.0.1:"))
              .findFirst()
              .orElse(null);
      Thread.sleep(50);
    }
    assertThat(url).as(out.toString()).matches("http://127\\.0\\.0\\.1:\\d+/\\?t=[0-9a-f]{48}");
    URI base = URI.create(url);
    HttpResponse<String> state =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve("/api/state?" + base.getQuery())).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(state.body()).contains("\"no\":7");
    decide(base, "?" + base.getQuery(), "{\"no\":7,\"decision\":\"reject\"}");
    t.interrupt();
    t.join(10_000);
    assertThat(code[0]).isZero();
    assertThat(out.toString()).contains("1 of 1 decided");
    assertThat(Files.readAllLines(dir.resolve("p.csv.decisions.csv")))
        .containsExactly("no,decision,label", "7,reject,nevus");
  }

  private static void decide(URI base, String t, String json) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve("/api/decide" + t))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
    assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
    assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
    List<Integer> diffs = new ArrayList<>();
    for (int y = 0; y < actual.getHeight(); y++) {
      for (int x = 0; x < actual.getWidth(); x++) {
        if ((actual.getRGB(x, y) & 0xffffff) != (expected.getRGB(x, y) & 0xffffff)) {
          diffs.add(y * actual.getWidth() + x);
        }
      }
    }
    assertThat(diffs).as("pixels that differ").isEmpty();
  }
}
