package io.github.can4000.io.annotate;

import static io.github.can4000.io.annotate.ReviewFixture.get;
import static io.github.can4000.io.annotate.ReviewFixture.post;
import static io.github.can4000.io.annotate.ReviewFixture.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a review server's JVM with SIGKILL after decisions, and resumes on its decisions file. */
class ReviewServerKillTest {
  @TempDir Path dir;

  @Test
  void killedServer_losesNoDecision_andARestartResumes() throws Exception {
    Path images = dir.resolve("images");
    List<ProposalRow> rows = ReviewFixture.photosAndProposals(images);
    Path proposals = dir.resolve("proposals.csv");
    ProposalsCsv.write(proposals, rows);
    Path decisions = dir.resolve("proposals.csv.decisions.csv");

    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                childClassPath(),
                ReviewServerMain.class.getName(),
                proposals.toString(),
                images.toString(),
                decisions.toString())
            .redirectError(dir.resolve("server.err").toFile())
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("URL "));
      assertThat(line)
          .as("the server's address line; stderr: %s", Files.readString(dir.resolve("server.err")))
          .isNotNull();
      URI base = URI.create(line.substring(4));
      String t = "?t=" + token(base);
      assertThat(post(base, "/api/decide" + t, "{\"no\":1,\"decision\":\"accept\"}").statusCode())
          .isEqualTo(200);
      assertThat(post(base, "/api/decide" + t, "{\"no\":2,\"decision\":\"reject\"}").statusCode())
          .isEqualTo(200);
      assertThat(
              post(base, "/api/decide" + t, "{\"no\":3,\"decision\":\"accept\",\"label\":\"bcc\"}")
                  .statusCode())
          .isEqualTo(200);
      assertThat(post(base, "/api/decide" + t, "{\"no\":4,\"decision\":\"accept\"}").statusCode())
          .isEqualTo(200);
      assertThat(post(base, "/api/decide" + t, "{\"no\":4,\"decision\":\"undo\"}").statusCode())
          .isEqualTo(200);
    } finally {
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(p.exitValue()).isEqualTo(137);
    // a crash in the middle of the next write leaves an unfinished line: dropped on open
    Files.writeString(decisions, "5,acc", java.nio.file.StandardOpenOption.APPEND);

    try (DecisionLog log = DecisionLog.open(decisions);
        SourceImages sources = ReviewFixture.sourceImages(images);
        ReviewServer again =
            ReviewServer.builder()
                .proposals(ProposalsCsv.read(proposals))
                .images(sources)
                .imagesRoot(images)
                .decisions(log)
                .build()
                .start()) {
      URI base = again.uri();
      String state = get(base, "/api/state?t=" + token(base)).body();
      assertThat(state)
          .contains(
              "{\"no\":1,\"label\":\"melanoma\"", "\"decision\":\"accept\",\"final\":\"melanoma\"");
      assertThat(log.current()).containsOnlyKeys(1, 2, 3);
      assertThat(log.current(1)).isEqualTo(Decision.accept(1, "melanoma"));
      assertThat(log.current(2)).isEqualTo(Decision.reject(2, "nevus"));
      assertThat(log.current(3)).isEqualTo(Decision.accept(3, "bcc"));
      assertThat(
              post(base, "/api/decide?t=" + token(base), "{\"no\":5,\"decision\":\"reject\"}")
                  .statusCode())
          .isEqualTo(200);
    }
    assertThat(Files.readAllLines(decisions))
        .containsExactly(
            "no,decision,label",
            "1,accept,melanoma",
            "2,reject,nevus",
            "3,accept,bcc",
            "4,accept,nevus",
            "4,undo,",
            "5,reject,melanoma");
  }

  /**
   * The tests may run on the module path (the test classes patched into the module): give the child
   * JVM everything on one class path.
   */
  private static String childClassPath() throws Exception {
    java.util.List<String> parts = new java.util.ArrayList<>();
    parts.add(
        Path.of(ReviewServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString());
    for (String p :
        new String[] {
          System.getProperty("jdk.module.path"), System.getProperty("java.class.path")
        }) {
      if (p != null && !p.isBlank()) {
        parts.add(p);
      }
    }
    return String.join(java.io.File.pathSeparator, parts);
  }
}
