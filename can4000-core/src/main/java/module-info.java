/**
 * The can4000 API and pipeline engine.
 *
 * <ul>
 *   <li>{@code io.github.can4000}: what users call: {@code Dataset}, {@code DatasetBuilder}, {@code
 *       Sample}, the manifest model, croppers, sinks, outcomes and reports.
 *   <li>{@code io.github.can4000.spi}: the contract for people who write fetchers and decoders.
 *   <li>{@code io.github.can4000.internal}: the engine and helpers shared with sibling modules; not
 *       API, exported only to them.
 * </ul>
 */
module io.github.can4000.core {
  requires transitive java.desktop;
  requires org.slf4j;

  exports io.github.can4000;
  exports io.github.can4000.spi;

  uses io.github.can4000.spi.DetectorProvider;

  // io.github.can4000.cli: the command line jar (an application on the class path, whose
  // Automatic-Module-Name this is), which writes its _run.json with AtomicFile
  exports io.github.can4000.internal to
      io.github.can4000.io,
      io.github.can4000.opencv,
      io.github.can4000.djl,
      io.github.can4000.cli;
}
