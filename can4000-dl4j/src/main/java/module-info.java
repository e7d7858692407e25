/** can4000 crops as a Deeplearning4j {@code DataSetIterator}. */
module io.github.can4000.dl4j {
  requires transitive io.github.can4000.core;
  requires transitive nd4j.api;
  requires deeplearning4j.nn;
  requires io.github.can4000.io;
  requires org.slf4j;

  exports io.github.can4000.ml.dl4j;
  exports io.github.can4000.ml.dl4j.examples;
}
