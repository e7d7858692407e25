/**
 * Fetchers, decoders, sinks, caches and dataset hygiene for can4000: one package per feature, each
 * with one small factory class. {@code io.github.can4000.io.internal} is not API; {@code
 * io.github.can4000.io.image.internal} (header parser, reader plug-in) is exported only to the
 * OpenCV module.
 */
module io.github.can4000.io {
  requires transitive io.github.can4000.core;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;
  requires com.github.benmanes.caffeine;
  requires org.apache.commons.compress;
  requires org.apache.commons.imaging;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.slf4j;
  requires jdk.httpserver;

  exports io.github.can4000.io.annotate;
  exports io.github.can4000.io.archive;
  exports io.github.can4000.io.cache;
  exports io.github.can4000.io.dedupe;
  exports io.github.can4000.io.eval;
  exports io.github.can4000.io.file;
  exports io.github.can4000.io.folder;
  exports io.github.can4000.io.http;
  exports io.github.can4000.io.image;
  exports io.github.can4000.io.image.internal to
      io.github.can4000.opencv;
  exports io.github.can4000.io.lock;
  exports io.github.can4000.io.report;
  exports io.github.can4000.io.sheet;
  exports io.github.can4000.io.sink;
  exports io.github.can4000.io.split;
  exports io.github.can4000.io.stats;
  exports io.github.can4000.io.testset;
}
