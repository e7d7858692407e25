package io.github.can4000.examples.cli;

import io.github.can4000.Decoder;
import io.github.can4000.Fetcher;

/** Creates the fetcher and decoder a download uses; tests substitute their own. */
interface Components {
  /** Returns a new fetcher; the dataset closes it. */
  Fetcher fetcher();

  /** Returns the decoder. */
  Decoder decoder();
}
