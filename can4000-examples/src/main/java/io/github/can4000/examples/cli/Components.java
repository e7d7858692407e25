package io.github.can4000.examples.cli;

import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.util.Map;

/**
 * Creates the fetchers and decoders the commands use, from builders set from the options; tests
 * substitute their own. An implementation overrides one method of each pair: the configured form
 * ({@code download}) or the plain form (commands without settings); each defaults to the other.
 */
interface Components {
  /** Returns a new fetcher, normally {@code configured.build()}; the dataset closes it. */
  default Fetcher fetcher(HttpFetchers.Builder configured) {
    return fetcher();
  }

  /** Returns the decoder, normally {@code configured.build()}. */
  default Decoder decoder(ImageDecoders.Builder configured) {
    return decoder();
  }

  /**
   * Returns the environment whose proxy variables ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code
   * NO_PROXY}) {@code download} honours: the process's, or a test's own map.
   */
  default Map<String, String> environment() {
    return System.getenv();
  }

  /** Returns a new fetcher with the library defaults. */
  default Fetcher fetcher() {
    return fetcher(HttpFetchers.builder());
  }

  /** Returns a decoder with the library defaults. */
  default Decoder decoder() {
    return decoder(ImageDecoders.builder());
  }
}
