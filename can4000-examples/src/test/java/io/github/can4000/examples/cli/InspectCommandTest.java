package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path tmp;

  @Test
  void bundledManifest() {
    Cli.Result r = Cli.run("inspect");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern("rows: +4,305\n")
        .containsPattern("distinct URLs: +3,847\n")
        .containsPattern("malignantmelanoma +1,231\n")
        .containsPattern("melanocyticnevus +3,074\n")
        .contains("CROSSES_EDGE", "NON_POSITIVE_SIZE", "OUTSIDE_IMAGE", "NON_NUMERIC");
  }

  @Test
  void malformedManifestExitsTwoNamingTheLine() throws Exception {
    Path m = tmp.resolve("bad.csv");
    Files.write(
        m,
        List.of(
            "1 melanocyticnevus 0.5 0.5 0.2 0.2 http://x/1.jpg",
            "2 melanocyticnevus 0.5 0.5 0.2 0.2 http://x/2.jpg",
            "3 melanocyticnevus 0.5 0.5x 0.2 0.2 http://x/3.jpg"));
    Cli.Result r = Cli.run("inspect", "--manifest", m.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(m + ":3: not a number (column 4: \"0.5x\")");
    assertThat(r.out()).isEmpty();

    Cli.Result lenient = Cli.run("inspect", "--manifest", m.toString(), "--lenient");
    assertThat(lenient.code()).as(lenient.err()).isZero();
    assertThat(lenient.out())
        .containsPattern("rows: +3\n")
        .containsPattern("NON_NUMERIC +1 ")
        .containsPattern("problems: +1\n")
        .contains(m + ":3:");
  }

  @Test
  void missingManifestExitsTwo() {
    Cli.Result r = Cli.run("inspect", "--manifest", tmp.resolve("nope.csv").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nope.csv").contains("no such file");
  }

  @Test
  void helpAndVersion() {
    for (String[] args :
        List.of(
            new String[] {"--help"},
            new String[] {"inspect", "--help"},
            new String[] {"download", "--help"},
            new String[] {"help", "download"})) {
      Cli.Result r = Cli.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).contains("Usage:");
    }
    Cli.Result v = Cli.run("--version");
    assertThat(v.code()).isZero();
    assertThat(v.out()).startsWith("can4000 ").doesNotContain("${");
    assertThat(Cli.run("download", "--version").code()).isZero();
  }

  @Test
  void usageErrorsExitTwo() {
    Cli.Result unknown = Cli.run("inspect", "--bogus");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("--bogus").contains("--help");
    Cli.Result none = Cli.run();
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("missing command");
    assertThat(Cli.run("frobnicate").code()).isEqualTo(2);
  }
}
