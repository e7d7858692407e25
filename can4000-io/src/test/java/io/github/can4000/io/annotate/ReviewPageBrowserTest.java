package io.github.can4000.io.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review page in a real headless Chromium (Debian's chromium and chromium-driver, which {@code
 * .ci/run} installs): keyboard accept, reject, relabel and undo, checked in the decisions file.
 * Under {@code CI=true} a missing browser fails the test instead of skipping it.
 */
class ReviewPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  DecisionLog log;
  SourceImages sources;
  ReviewServer server;
  WebDriver browser;

  @BeforeEach
  void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true but "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing: .ci/run installs them (apt-get install -y chromium chromium-driver)");
    }
    assumeTrue(
        present,
        "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
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
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,860",
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
      log.close();
      sources.close();
    }
  }

  @Test
  void keyboard_acceptRejectRelabelUndo_landInTheDecisionsFile() throws Exception {
    browser.get(server.uri().toString());
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.until(d -> "1".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    WebElement single = browser.findElement(By.id("single"));
    assertThat(single.getDomAttribute("data-no")).isEqualTo("1");
    wait.until(
        d ->
            ((Number)
                        ((org.openqa.selenium.JavascriptExecutor) d)
                            .executeScript("return document.getElementById('crop').naturalWidth"))
                    .intValue()
                > 0);

    press("a");
    waitForLines(wait, "1,accept,melanoma");
    wait.until(d -> "2".equals(single.getDomAttribute("data-no")));
    press("r");
    waitForLines(wait, "1,accept,melanoma", "2,reject,nevus");
    wait.until(d -> "3".equals(single.getDomAttribute("data-no")));

    press("l");
    WebElement input = browser.findElement(By.id("relabelInput"));
    wait.until(d -> input.isDisplayed());
    input.sendKeys("lentigo", Keys.ENTER);
    waitForLines(wait, "1,accept,melanoma", "2,reject,nevus", "3,accept,lentigo");

    press("u");
    waitForLines(wait, "1,accept,melanoma", "2,reject,nevus", "3,accept,lentigo", "3,undo,");
    wait.until(d -> "3".equals(single.getDomAttribute("data-no")));
    wait.until(d -> d.findElement(By.id("status")).getText().equals("pending"));
    press("2"); // the second label chip: accept #3 as nevus
    waitForLines(
        wait,
        "1,accept,melanoma",
        "2,reject,nevus",
        "3,accept,lentigo",
        "3,undo,",
        "3,accept,nevus");

    WebElement counts = browser.findElement(By.id("counts"));
    wait.until(d -> "2".equals(counts.getDomAttribute("data-accepted")));
    assertThat(counts.getDomAttribute("data-rejected")).isEqualTo("1");
    assertThat(counts.getDomAttribute("data-pending")).isEqualTo("3");

    // hide the box, zoom to it, screenshot the single view
    wait.until(d -> "4".equals(single.getDomAttribute("data-no")));
    press("h");
    wait.until(d -> d.findElement(By.id("photoCap")).getText().contains("box hidden"));
    press("h");
    press("z");
    wait.until(d -> d.findElement(By.id("photoCap")).getText().contains("zoomed to the box"));
    press("z");
    screenshot("review-single.png");

    // grid mode: the cursor starts on #4; reject it, accept #5
    press("g");
    wait.until(d -> d.findElement(By.tagName("body")).getDomAttribute("class").contains("grid"));
    wait.until(d -> d.findElements(By.cssSelector(".tile.cursor[data-no='4']")).size() == 1);
    press("r");
    press("a");
    waitForLines(
        wait,
        "1,accept,melanoma",
        "2,reject,nevus",
        "3,accept,lentigo",
        "3,undo,",
        "3,accept,nevus",
        "4,reject,nevus",
        "5,accept,melanoma");
    wait.until(
        d ->
            d.findElements(By.cssSelector(".tile.reject[data-no='4']")).size() == 1
                && d.findElements(By.cssSelector(".tile.accept[data-no='5']")).size() == 1);
    screenshot("review-grid.png");

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

  private void press(String key) {
    new Actions(browser).sendKeys(key).perform();
  }

  private void waitForLines(WebDriverWait wait, String... lines) {
    List<String> expected = new java.util.ArrayList<>(List.of("no,decision,label"));
    expected.addAll(List.of(lines));
    wait.withMessage(
            () -> {
              try {
                return "decisions file "
                    + Files.readAllLines(log.file())
                    + ", expected "
                    + expected;
              } catch (java.io.IOException e) {
                return e.toString();
              }
            })
        .until(
            d -> {
              try {
                return Files.readAllLines(log.file()).equals(expected);
              } catch (java.io.IOException e) {
                return false;
              }
            });
  }

  private void screenshot(String name) throws Exception {
    byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Path out = Path.of("target", name);
    Files.createDirectories(out.getParent());
    Files.write(out, png);
  }
}
