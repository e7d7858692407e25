/** An optional OpenCV-backed {@code Decoder} for can4000. */
module io.github.can4000.opencv {
  requires transitive io.github.can4000.core;
  requires io.github.can4000.io;
  requires opencv;
  requires org.slf4j;

  exports io.github.can4000.opencv;
}
