package io.github.can4000.io.annotate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review page in a real headless Firefox (Debian's firefox-esr, which {@code .ci/run}
 * installs), driven over WebDriver BiDi ({@link FirefoxBidiPage}) through the same {@link
 * ReviewPageScenario} as Chromium: keyboard accept, reject, relabel and undo, checked in the
 * decisions file. Skipped only when Firefox is not installed; under {@code CI=true} a missing
 * browser fails the test instead.
 */
class ReviewPageFirefoxTest {
  @TempDir Path dir;

  /** The first {@code firefox-esr} or {@code firefox} on the {@code PATH} (or in /usr/bin). */
  static Optional<Path> firefox() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    return Stream.of("firefox-esr", "firefox")
        .flatMap(
            name ->
                Stream.of(path.split(File.pathSeparator))
                    .filter(d -> !d.isEmpty())
                    .map(d -> Path.of(d, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  @Test
  void keyboard_acceptRejectRelabelUndo_landInTheDecisionsFile() throws Exception {
    Optional<Path> firefox = firefox();
    if (firefox.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true but firefox is missing: .ci/run installs it (apt-get install -y firefox-esr)");
    }
    assumeTrue(firefox.isPresent(), "firefox is not installed (apt-get install -y firefox-esr)");
    try (ReviewPageScenario scenario = new ReviewPageScenario(dir);
        PageDriver page =
            new FirefoxBidiPage(firefox.get(), dir.resolve("firefox-profile"), 1400, 860)) {
      scenario.run(page, "-firefox");
    }
  }
}
