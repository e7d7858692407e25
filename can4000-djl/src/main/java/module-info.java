/**
 * can4000 crops as a DJL {@code RandomAccessDataset}, and the {@code train} and {@code evaluate}
 * commands.
 */
module io.github.can4000.djl {
  requires transitive io.github.can4000.core;
  requires transitive ai.djl.api;
  requires io.github.can4000.io;
  requires org.slf4j;
  requires info.picocli;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.databind;

  exports io.github.can4000.ml.djl;
  exports io.github.can4000.ml.djl.examples;
  exports io.github.can4000.ml.djl.cli;

  // picocli sets the commands' option fields; Jackson reads and writes model.json
  opens io.github.can4000.ml.djl.cli to
      info.picocli,
      com.fasterxml.jackson.databind;

  exports io.github.can4000.ml.djl.detect;

  provides io.github.can4000.spi.DetectorProvider with
      io.github.can4000.ml.djl.detect.DjlDetectorProvider;
}
