/** can4000 crops as a DJL {@code RandomAccessDataset}. */
module io.github.can4000.djl {
  requires transitive io.github.can4000.core;
  requires transitive ai.djl.api;
  requires io.github.can4000.io;
  requires org.slf4j;

  exports io.github.can4000.ml.djl;
  exports io.github.can4000.ml.djl.examples;
  exports io.github.can4000.ml.djl.detect;

  provides io.github.can4000.spi.DetectorProvider with io.github.can4000.ml.djl.detect.DjlDetectorProvider;
}
