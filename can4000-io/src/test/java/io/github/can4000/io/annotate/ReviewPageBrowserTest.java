package io.github.can4000.io.annotate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The review page in a real headless Chromium (Debian's chromium and chromium-driver, which {@code
 * .ci/run} installs), driven by Selenium through {@link ReviewPageScenario}: keyboard accept,
 * reject, relabel and undo, checked in the decisions file. Under {@code CI=true} a missing browser
 * fails the test instead of skipping it.
 */
class ReviewPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path dir;

  @Test
  void keyboard_acceptRejectRelabelUndo_landInTheDecisionsFile() throws Exception {
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
    try (ReviewPageScenario scenario = new ReviewPageScenario(dir);
        PageDriver chromium = new SeleniumPage(dir.resolve("chromium-profile"))) {
      scenario.run(chromium, "");
    }
  }

  /** Chromium through chromedriver and Selenium. */
  private static final class SeleniumPage implements PageDriver {
    private final WebDriver browser;

    SeleniumPage(Path profile) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--window-size=1400,860",
          "--user-data-dir=" + profile);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
              .usingAnyFreePort()
              .build();
      browser = new ChromeDriver(service, options);
      browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @Override
    public void open(URI uri) {
      browser.get(uri.toString());
    }

    @Override
    public void press(String key) {
      new Actions(browser).sendKeys(key).perform();
    }

    @Override
    public String eval(String expression) {
      return String.valueOf(((JavascriptExecutor) browser).executeScript("return " + expression));
    }

    @Override
    public void screenshot(Path png) throws Exception {
      Files.createDirectories(png.getParent());
      Files.write(png, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
      browser.quit();
    }
  }
}
