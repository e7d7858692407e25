package io.github.can4000.examples.cli;

import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;

/** The real components: {@link HttpFetchers} and {@link ImageDecoders} built as the options say. */
final class StandardComponents implements Components {
  static final StandardComponents INSTANCE = new StandardComponents();

  private StandardComponents() {}

  @Override
  public Fetcher fetcher(HttpFetchers.Builder configured) {
    return configured.build();
  }

  @Override
  public Decoder decoder(ImageDecoders.Builder configured) {
    return configured.build();
  }
}
