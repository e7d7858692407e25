package io.github.can4000.io.annotate;

import static io.github.can4000.io.annotate.ReviewFixture.get;
import static io.github.can4000.io.annotate.ReviewFixture.getBytes;
import static io.github.can4000.io.annotate.ReviewFixture.post;
import static io.github.can4000.io.annotate.ReviewFixture.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.Box;
import io.github.can4000.io.fixtures.Photos;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewServerTest {
  @TempDir Path dir;
  Path images;
  List<ProposalRow> rows;
  DecisionLog log;
  SourceImages sources;
  ReviewServer server;
  URI base;

  @BeforeEach
  void start() throws IOException {
    images = dir.resolve("images");
    rows = new ArrayList<>(ReviewFixture.photosAndProposals(images));
    // a proposal naming a file outside the images folder, and one reached through a link out of it
    Files.write(dir.resolve("secret.jpg"), Photos.bytes("photo_004.jpg"));
    rows.add(new ProposalRow(7, "x", new Box(0.5, 0.5, 0.2, 0.2), 0.5, "../secret.jpg"));
    Files.createSymbolicLink(images.resolve("link.jpg"), dir.resolve("secret.jpg"));
    rows.add(new ProposalRow(8, "x", new Box(0.5, 0.5, 0.2, 0.2), 0.5, "link.jpg"));
    log = DecisionLog.open(dir.resolve("proposals.csv.decisions.csv"));
    sources = ReviewFixture.sourceImages(images);
    server =
        ReviewServer.builder()
            .proposals(rows)
            .images(sources)
            .imagesRoot(images)
            .decisions(log)
            .build()
            .start();
    base = server.uri();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    log.close();
    sources.close();
  }

  @Test
  void everyRequest_withoutTheToken_is403() throws Exception {
    String t = token(base);
    for (String path :
        List.of("/", "/api/state", "/api/crop?no=1", "/api/image?src=sub/photo_001.jpg", "/nope")) {
      assertThat(get(base, path).statusCode()).as(path).isEqualTo(403);
      String wrong = path + (path.contains("?") ? "&" : "?") + "t=" + t.substring(1) + "0";
      assertThat(get(base, wrong).statusCode()).as(wrong).isEqualTo(403);
    }
    assertThat(post(base, "/api/decide", "{\"no\":1,\"decision\":\"accept\"}").statusCode())
        .isEqualTo(403);
    assertThat(log.current()).isEmpty();

    ReviewFixture.Resp page = get(base, "/?t=" + t);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    assertThat(page.body())
        .contains("<title>CAN review</title>")
        .doesNotContain("<script src", "<link ");
    assertThat(get(base, "/api/state?t=" + t).body()).contains("\"no\":1", "sub/photo_001.jpg");
  }

  @Test
  void builder_checksArgumentsAtOnce_andEachOptionOnce() {
    assertThatThrownBy(() -> ReviewServer.builder().port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 0 and 65535: 70000");
    assertThatThrownBy(() -> ReviewServer.builder().port(0).port(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("port was already set to 0");
    assertThatThrownBy(() -> ReviewServer.builder().labels(List.of("two words")))
        .hasMessage("labels must be tokens without white space: \"two words\"");
    assertThatThrownBy(() -> ReviewServer.builder().proposals(rows).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("images were not set");
  }

  @Test
  void decisionsOfOtherProposals_areRefused() throws Exception {
    try (DecisionLog other = DecisionLog.open(dir.resolve("other.csv"))) {
      other.append(Decision.reject(99, "x"));
      assertThatThrownBy(
              () -> ReviewServer.builder().proposals(rows).images(sources).decisions(other).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("decision on no 99");
    }
  }

  @Test
  void tokenIsRandom_perServer() throws Exception {
    try (ReviewServer other =
        ReviewServer.builder().proposals(rows).images(sources).decisions(log).build()) {
      assertThat(token(other.uri())).hasSize(48).isNotEqualTo(token(base));
    }
  }

  @Test
  void foreignHostHeader_is403() throws Exception {
    // a page on a rebound DNS name reaches 127.0.0.1 with its own Host: refused even with the token
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /api/state?t="
                  + token(base)
                  + " HTTP/1.1\r\nHost: evil.example:"
                  + server.address().getPort()
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(status).isEqualTo("HTTP/1.1 403 Forbidden");
    }
  }

  @Test
  void listensOnLoopbackOnly() throws Exception {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    int port = server.address().getPort();
    List<InetAddress> others = new ArrayList<>();
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(ni.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          others.add(a);
        }
      }
    }
    for (InetAddress a : others) {
      try (Socket s = new Socket()) {
        assertThatThrownBy(() -> s.connect(new InetSocketAddress(a, port), 2000))
            .as("connect to " + a)
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  void imageRequests_outsideTheFolderOrNotProposed_areRefused() throws Exception {
    String t = "&t=" + token(base);
    assertThat(getBytes(base, "/api/image?src=sub/photo_001.jpg" + t).statusCode()).isEqualTo(200);
    // not named by any proposal
    assertThat(get(base, "/api/image?src=sub/photo_004.jpg" + t).statusCode()).isEqualTo(404);
    assertThat(get(base, "/api/image?src=..%2Fsecret.jpg%2F" + t).statusCode()).isEqualTo(404);
    assertThat(get(base, "/api/image?src=%2Fetc%2Fpasswd" + t).statusCode()).isEqualTo(404);
    // named by a proposal, but outside the folder: refused before any read
    ReviewFixture.Resp outside = get(base, "/api/image?src=..%2Fsecret.jpg" + t);
    assertThat(outside.statusCode()).isEqualTo(403);
    assertThat(outside.body()).contains("outside the images folder");
    // a link inside the folder that leads out of it: the file fetcher refuses it
    ReviewFixture.Resp link = get(base, "/api/image?src=link.jpg" + t);
    assertThat(link.statusCode()).isEqualTo(422);
    assertThat(link.body()).contains("outside the root");
    assertThat(get(base, "/api/crop?no=7" + t).statusCode()).isEqualTo(422);
  }

  @Test
  void crop_isTheManifestCrop_andPhotoTheDecodedImage() throws Exception {
    String t = "&t=" + token(base);
    ReviewFixture.Resp crop = getBytes(base, "/api/crop?no=1" + t);
    assertThat(crop.statusCode()).isEqualTo(200);
    assertThat(crop.header("Content-Type")).hasValue("image/png");
    var expected = sources.crop(rows.get(0)).image();
    var png = ImageIO.read(new ByteArrayInputStream(crop.bytes()));
    assertThat(png.getWidth()).isEqualTo(expected.width());
    assertThat(png.getHeight()).isEqualTo(expected.height());
    assertThat(png.getRGB(3, 3) & 0xffffff)
        .isEqualTo(expected.toBufferedImage().getRGB(3, 3) & 0xffffff);
    var photo =
        ImageIO.read(
            new ByteArrayInputStream(
                getBytes(base, "/api/image?src=sub/photo_001.jpg" + t).bytes()));
    var decoded = sources.image("sub/photo_001.jpg");
    assertThat(photo.getWidth()).isEqualTo(decoded.width());
    assertThat(photo.getHeight()).isEqualTo(decoded.height());
    assertThat(get(base, "/api/crop?no=99" + t).statusCode()).isEqualTo(404);
    assertThat(get(base, "/api/crop?no=abc" + t).statusCode()).isEqualTo(400);
  }

  @Test
  void decisions_areValidated_andPersistedAsMade() throws Exception {
    String t = "?t=" + token(base);
    ReviewFixture.Resp a =
        post(base, "/api/decide" + t, "{\"no\":2,\"decision\":\"accept\",\"label\":\"lentigo\"}");
    assertThat(a.statusCode()).isEqualTo(200);
    assertThat(a.body()).contains("\"decision\":\"accept\"", "\"final\":\"lentigo\"");
    assertThat(Files.readAllLines(log.file()))
        .containsExactly("no,decision,label", "2,accept,lentigo");
    assertThat(post(base, "/api/decide" + t, "{\"no\":3,\"decision\":\"keep\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            post(
                    base,
                    "/api/decide" + t,
                    "{\"no\":3,\"decision\":\"accept\",\"label\":\"two words\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(post(base, "/api/decide" + t, "{\"no\":42,\"decision\":\"accept\"}").statusCode())
        .isEqualTo(404);
    assertThat(post(base, "/api/decide" + t, "{\"no\":3,\"decision\":\"undo\"}").statusCode())
        .isEqualTo(409);
    assertThat(post(base, "/api/decide" + t, "not json").statusCode()).isEqualTo(400);
    assertThat(get(base, "/api/decide" + t).statusCode()).isEqualTo(405);
    assertThat(Files.readAllLines(log.file())).hasSize(2);
  }

  @Test
  void concurrentDecisions_allLand_inOrderPerRow() throws Exception {
    String t = "?t=" + token(base);
    int threads = 8;
    int perThread = 30;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int no = i % 6 + 1;
        int thread = i;
        results.add(
            pool.submit(
                () -> {
                  int ok = 0;
                  for (int k = 0; k < perThread; k++) {
                    String body =
                        k % 2 == 0
                            ? "{\"no\":"
                                + no
                                + ",\"decision\":\"accept\",\"label\":\"l"
                                + thread
                                + "\"}"
                            : "{\"no\":" + no + ",\"decision\":\"reject\"}";
                    if (post(base, "/api/decide" + t, body).statusCode() == 200) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(perThread);
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> lines = Files.readAllLines(log.file());
    assertThat(lines).hasSize(1 + threads * perThread);
    assertThat(lines.subList(1, lines.size()))
        .allMatch(l -> l.matches("[1-6],(accept,l[0-7]|reject,\\w+)"));
    // the file replays to exactly what the server holds
    assertThat(DecisionLog.read(log.file())).isEqualTo(log.current());
    // every thread ended on a reject, so every row's last line is a reject
    Map<Integer, Decision> now = log.current();
    assertThat(now)
        .hasSize(6)
        .allSatisfy((no, d) -> assertThat(d.kind()).isEqualTo(Decision.Kind.REJECT));
  }
}
