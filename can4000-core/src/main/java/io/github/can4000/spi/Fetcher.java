package io.github.can4000.spi;

/**
 * Gets the bytes behind a manifest URL. Implementations must be thread-safe: the pipeline calls
 * {@link #fetch} from several threads at once. can4000-io provides an HTTP fetcher ({@code
 * HttpFetchers}) and a file fetcher ({@code FileFetchers}).
 */
@FunctionalInterface
public interface Fetcher extends AutoCloseable {

  /**
   * Fetches {@code url}, given verbatim as in the manifest (the fetcher encodes it).
   *
   * @throws FetchException with the reason the fetch failed
   * @throws InterruptedException if the calling thread was interrupted (the run is being closed)
   */
  Fetched fetch(String url) throws FetchException, InterruptedException;

  /** Releases connections and threads. The default does nothing. */
  @Override
  default void close() {}
}
