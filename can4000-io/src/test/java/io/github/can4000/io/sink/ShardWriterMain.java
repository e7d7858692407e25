package io.github.can4000.io.sink;

import io.github.can4000.Sink;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link TarShardSinkTest}: writes samples into 4-sample shards, slowly and
 * forever, until it is killed. Args: dir.
 */
public final class ShardWriterMain {
  private ShardWriterMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Sink sink =
        Sinks.tarShards(Path.of(args[0])).maxSamplesPerShard(4).labels(ShardSamples.LABELS).build();
    for (int i = 0; ; i++) {
      sink.write(ShardSamples.sample(i));
      Thread.sleep(15);
    }
  }
}
