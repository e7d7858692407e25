package io.github.can4000.examples.cli;

import io.github.can4000.Decoder;
import io.github.can4000.Fetcher;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;

/** Creates the fetcher and decoder a download uses, from builders set from the options; tests substitute their own. */
interface Components {
  /** Returns a new fetcher, normally {@code configured.build()}; the dataset closes it. */
  Fetcher fetcher(HttpFetchers.Builder configured);

  /** Returns the decoder, normally {@code configured.build()}. */
  Decoder decoder(ImageDecoders.Builder configured);
}
