package io.github.can4000.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The robustness options of {@code download}: defaults, what reaches the components, validation.
 */
class DownloadOptionsTest {
  @TempDir Path tmp;

  /** Builds the real components and remembers what they were. */
  static final class Recording implements Components {
    final List<String> fetchers = new ArrayList<>();
    final List<String> decoders = new ArrayList<>();

    @Override
    public Fetcher fetcher(HttpFetchers.Builder configured) {
      Fetcher f = configured.build();
      fetchers.add(f.toString());
      return f;
    }

    @Override
    public Decoder decoder(ImageDecoders.Builder configured) {
      Decoder d = configured.build();
      decoders.add(d.toString());
      return d;
    }
  }

  /**
   * One row whose host refuses connections: the run completes and, having fetched nothing, exits 4.
   */
  private Path emptyManifest() throws Exception {
    return Files.write(
        tmp.resolve("m.csv"),
        List.of("1 melanocyticnevus 0.5 0.5 0.5 0.5 http://127.0.0.1:9/x.jpg"));
  }

  private Cli.Result run(Components c, String... options) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "download",
                "--manifest",
                emptyManifest().toString(),
                "--out",
                tmp.resolve("out").toString(),
                "--quiet"));
    args.addAll(List.of(options));
    return Cli.run(c, args.toArray(String[]::new));
  }

  @Test
  void withoutOptionsTheLibraryDefaultsApply() throws Exception {
    Recording r = new Recording();
    Cli.Result result = run(r, "--retries", "0", "--connect-timeout", "200ms");
    assertThat(result.code()).as(result.err()).isEqualTo(Main.NO_NETWORK);
    Recording defaults = new Recording();
    Cli.Result plain = run(defaults);
    assertThat(plain.code()).as(plain.err()).isEqualTo(Main.NO_NETWORK);
    try (Fetcher f = HttpFetchers.create()) {
      assertThat(defaults.fetchers).containsExactly(f.toString());
    }
    assertThat(defaults.decoders).containsExactly(ImageDecoders.standard().toString());
  }

  @Test
  void optionsReachTheFetcherAndDecoder() throws Exception {
    Recording r = new Recording();
    Cli.Result result =
        run(
            r,
            "--connect-timeout",
            "250ms",
            "--read-timeout",
            "2s",
            "--attempt-timeout",
            "1m",
            "--retries",
            "0",
            "--max-body-mb",
            "5",
            "--per-host",
            "2",
            "--block-private-addresses",
            "--max-pixels",
            "1000000");
    // refused as a private address before any connection: nothing written, but nothing says the
    // network is down
    assertThat(result.code())
        .as(result.err())
        .isEqualTo(RunRecord.NOTHING_WRITTEN); // its one row cannot be fetched
    assertThat(r.fetchers)
        .singleElement()
        .asString()
        .contains(
            "connectTimeout=PT0.25S",
            "readTimeout=PT2S",
            "attemptTimeout=PT1M",
            "maxBodyBytes=5242880",
            "maxConnectionsPerHost=2",
            "blockPrivateAddresses=true",
            "RetryPolicy.none()");
    assertThat(r.decoders).singleElement().asString().contains("maxPixels=1000000");
    // the loopback URL was refused, not fetched
    assertThat(Files.readString(tmp.resolve("out").resolve("_report.csv")))
        .contains("BLOCKED_ADDRESS");
  }

  @Test
  void helpShowsTheLibraryDefaults() {
    Cli.Result help = Cli.run("download", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("--connect-timeout=DURATION")
        .contains(
            "(default: " + DurationConverter.format(HttpFetchers.DEFAULT_CONNECT_TIMEOUT) + ")")
        .contains("(default: " + DurationConverter.format(HttpFetchers.DEFAULT_READ_TIMEOUT) + ")")
        .contains(
            "(default: " + DurationConverter.format(HttpFetchers.DEFAULT_ATTEMPT_TIMEOUT) + ")")
        .contains("(default: " + HttpFetchers.DEFAULT_MAX_BODY_BYTES / (1024 * 1024) + ")")
        .contains("(default: " + HttpFetchers.DEFAULT_MAX_CONNECTIONS_PER_HOST + ",")
        .contains("(default: " + ImageDecoders.DEFAULT_MAX_PIXELS + ")")
        .contains("--retries=N")
        .contains("--block-private-addresses")
        .contains("--max-pixels=N");
  }

  @Test
  void durationsParse() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(c.convert("10S")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationConverter.format(Duration.ofSeconds(60))).isEqualTo("60s");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--connect-timeout 10 | --connect-timeout",
        "--read-timeout 1.5s | --read-timeout",
        "--attempt-timeout -1s | --attempt-timeout",
        "--attempt-timeout 0s | --attempt-timeout must be positive",
        "--read-timeout 30d | --read-timeout",
        "--attempt-timeout 9999999h | --attempt-timeout must be positive and at most",
        "--read-timeout 90s | --read-timeout 90s exceeds --attempt-timeout 60s",
        "--connect-timeout 5s --attempt-timeout 2s | --connect-timeout 5s exceeds --attempt-timeout 2s",
        "--retries -1 | --retries must be between 0 and 10: -1",
        "--retries 11 | --retries must be between 0 and 10: 11",
        "--retries x | --retries",
        "--max-body-mb 0 | --max-body-mb must be between 1 and 2047: 0",
        "--max-body-mb 4096 | --max-body-mb must be between 1 and 2047: 4096",
        "--per-host 0 | --per-host must be positive: 0",
        "--per-host 65 | --per-host 65 exceeds the total connection limit 64",
        "--max-pixels 0 | --max-pixels must be between 1 and 536870909: 0",
        "--max-pixels 999999999999 | --max-pixels must be between 1 and 536870909",
        "--max-pixels lots | --max-pixels",
        "--block-private-addresses=maybe | --block-private-addresses"
      })
  void badValuesExitTwoWithAClearMessage(String options, String message) throws Exception {
    Recording r = new Recording();
    Cli.Result result = run(r, options.trim().split(" "));
    assertThat(result.code()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).contains(message.trim());
    assertThat(r.fetchers).isEmpty();
    assertThat(tmp.resolve("out")).doesNotExist();
  }
}
