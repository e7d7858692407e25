package io.github.can4000.io.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The review page's keyboard scenario, run in a real browser by {@link ReviewPageBrowserTest}
 * (Chromium) and {@link ReviewPageFirefoxTest} (Firefox): a review server on real photographs, then
 * accept, reject, relabel, undo, label-chip accept, hide and zoom the box, and grid triage, each
 * checked in the decisions file line by line.
 */
final class ReviewPageScenario implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final DecisionLog log;
  private final SourceImages sources;
  private final ReviewServer server;

  /** Starts a review server on six proposals over real photographs copied into {@code dir}. */
  ReviewPageScenario(Path dir) throws Exception {
    Path images = dir.resolve("images");
    List<ProposalRow> rows = ReviewFixture.photosAndProposals(images);
    log = DecisionLog.open(dir.resolve("proposals.csv.decisions.csv"));
    sources = ReviewFixture.sourceImages(images);
    server =
        ReviewServer.builder()
            .proposals(rows)
            .images(sources)
            .imagesRoot(images)
            .decisions(log)
            .labels(List.of("melanoma", "nevus", "lentigo"))
            .build()
            .start();
  }

  /**
   * Runs the scenario in {@code page}; screenshots go to {@code target/review-<view><suffix>.png}
   * (views single, relabel, zoom and grid), to be looked at.
   */
  void run(PageDriver page, String suffix) throws Exception {
    page.open(server.uri());
    waitUntil(page, "document.body.getAttribute('data-ready')", "1");
    assertThat(page.eval(attr("single", "data-no"))).isEqualTo("1");
    waitUntil(page, "document.getElementById('crop').naturalWidth > 0", "true");

    page.press("a");
    waitForLines("1,accept,melanoma");
    waitUntil(page, attr("single", "data-no"), "2");
    page.press("r");
    waitForLines("1,accept,melanoma", "2,reject,nevus");
    waitUntil(page, attr("single", "data-no"), "3");

    page.press("l");
    waitUntil(page, "document.activeElement.id", "relabelInput");
    for (char c : "lentigo".toCharArray()) {
      page.press(String.valueOf(c));
    }
    waitUntil(page, "document.getElementById('relabelInput').value", "lentigo");
    page.screenshot(Path.of("target", "review-relabel" + suffix + ".png"));
    page.press(PageDriver.ENTER);
    waitForLines("1,accept,melanoma", "2,reject,nevus", "3,accept,lentigo");

    page.press("u");
    waitForLines("1,accept,melanoma", "2,reject,nevus", "3,accept,lentigo", "3,undo,");
    waitUntil(page, attr("single", "data-no"), "3");
    waitUntil(page, "document.getElementById('status').innerText.trim()", "pending");
    page.press("2"); // the second label chip: accept #3 as nevus
    waitForLines(
        "1,accept,melanoma", "2,reject,nevus", "3,accept,lentigo", "3,undo,", "3,accept,nevus");

    waitUntil(page, attr("counts", "data-accepted"), "2");
    assertThat(page.eval(attr("counts", "data-rejected"))).isEqualTo("1");
    assertThat(page.eval(attr("counts", "data-pending"))).isEqualTo("3");

    // hide the box, zoom to it, screenshot the single view
    waitUntil(page, attr("single", "data-no"), "4");
    String caption = "document.getElementById('photoCap').innerText.includes('%s')";
    page.press("h");
    waitUntil(page, String.format(caption, "box hidden"), "true");
    page.press("h");
    page.press("z");
    waitUntil(page, String.format(caption, "zoomed to the box"), "true");
    page.screenshot(Path.of("target", "review-zoom" + suffix + ".png"));
    page.press("z");
    waitUntil(page, String.format(caption, "zoomed to the box"), "false");
    page.screenshot(Path.of("target", "review-single" + suffix + ".png"));

    // grid mode: the cursor starts on #4; reject it, accept #5
    page.press("g");
    waitUntil(page, "document.body.classList.contains('grid')", "true");
    waitUntil(page, count(".tile.cursor[data-no='4']"), "1");
    page.press("r");
    page.press("a");
    waitForLines(
        "1,accept,melanoma",
        "2,reject,nevus",
        "3,accept,lentigo",
        "3,undo,",
        "3,accept,nevus",
        "4,reject,nevus",
        "5,accept,melanoma");
    waitUntil(
        page, count(".tile.reject[data-no='4']") + " + " + count(".tile.accept[data-no='5']"), "2");
    page.screenshot(Path.of("target", "review-grid" + suffix + ".png"));

    assertThat(DecisionLog.read(log.file()))
        .isEqualTo(
            Map.of(
                1,
                Decision.accept(1, "melanoma"),
                2,
                Decision.reject(2, "nevus"),
                3,
                Decision.accept(3, "nevus"),
                4,
                Decision.reject(4, "nevus"),
                5,
                Decision.accept(5, "melanoma")));
  }

  private static String attr(String id, String name) {
    return "document.getElementById('" + id + "').getAttribute('" + name + "')";
  }

  private static String count(String selector) {
    return "document.querySelectorAll(\"" + selector + "\").length";
  }

  /** Polls {@code expression} until it evaluates to {@code expected}. */
  private static void waitUntil(PageDriver page, String expression, String expected)
      throws Exception {
    long end = System.nanoTime() + WAIT.toNanos();
    String last;
    do {
      last = page.eval(expression);
      if (expected.equals(last)) {
        return;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < end);
    throw new AssertionError(
        expression + " is " + last + ", expected " + expected + " within " + WAIT);
  }

  /** Waits until the decisions file holds exactly the header and {@code lines}. */
  private void waitForLines(String... lines) throws Exception {
    List<String> expected = new ArrayList<>(List.of("no,decision,label"));
    expected.addAll(List.of(lines));
    long end = System.nanoTime() + WAIT.toNanos();
    List<String> last;
    do {
      last = Files.readAllLines(log.file());
      if (last.equals(expected)) {
        return;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < end);
    throw new AssertionError("decisions file " + last + ", expected " + expected);
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      log.close();
      sources.close();
    }
  }
}
