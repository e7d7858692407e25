package io.github.can4000.bench;

import io.github.can4000.Cropper;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Sample;
import io.github.can4000.Sink;
import io.github.can4000.internal.AtomicFile;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodeException;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.FetchException;
import io.github.can4000.spi.Fetched;
import io.github.can4000.spi.Fetcher;
import io.github.can4000.spi.RegionHint;
import io.github.can4000.spi.RowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Decorators that time each stage of the pipeline: fetch, decode, crop, encode and write. */
final class Timed {
  final StageTimer fetch = new StageTimer("fetch");
  final StageTimer decode = new StageTimer("decode");
  final StageTimer crop = new StageTimer("crop");
  final StageTimer encode = new StageTimer("encode");
  final StageTimer write = new StageTimer("write");
  final AtomicLong decodedPixels = new AtomicLong();
  final AtomicLong sourcePixels = new AtomicLong();

  StageTimer[] all() {
    return new StageTimer[] {fetch, decode, crop, encode, write};
  }

  Fetcher fetcher(Fetcher inner) {
    return new Fetcher() {
      @Override
      public Fetched fetch(String url) throws FetchException, InterruptedException {
        long t = fetch.start();
        try {
          return inner.fetch(url);
        } finally {
          fetch.stop(t);
        }
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  Decoder decoder(Decoder inner) {
    return new Decoder() {
      @Override
      public DecodedImage decode(Bytes data) throws DecodeException {
        long t = decode.start();
        try {
          return count(inner.decode(data));
        } finally {
          decode.stop(t);
        }
      }

      @Override
      public DecodedImage decode(Bytes data, RegionHint hint) throws DecodeException {
        long t = decode.start();
        try {
          return count(inner.decode(data, hint));
        } finally {
          decode.stop(t);
        }
      }

      @Override
      public long decodedBytes(Bytes data, RegionHint hint) {
        return inner.decodedBytes(data, hint);
      }

      @Override
      public long maxDecodedBytes() {
        return inner.maxDecodedBytes();
      }
    };
  }

  private DecodedImage count(DecodedImage image) {
    sourcePixels.addAndGet((long) image.width() * image.height());
    return image;
  }

  Cropper cropper(Cropper inner) {
    return new Cropper() {
      @Override
      public Crop crop(ManifestEntry entry, DecodedImage source) throws RowException {
        long t = crop.start();
        try {
          return inner.crop(entry, source);
        } finally {
          crop.stop(t);
        }
      }

      @Override
      public RegionHint region(ManifestEntry entry) {
        return inner.region(entry);
      }
    };
  }

  /**
   * A sink that writes {@code root/<label>/<no:05>_<label>.png} through a temporary file and an
   * atomic move, as the CLI's folder sink does, timing the PNG encoding and the file writing apart.
   */
  Sink folder(Path root) {
    Map<String, Path> dirs = new ConcurrentHashMap<>();
    return new Sink() {
      @Override
      public void write(Sample sample) throws IOException {
        long t = encode.start();
        byte[] png = sample.toPng();
        encode.stop(t);
        t = write.start();
        Path dir = dirs.get(sample.label());
        if (dir == null) {
          dir = Files.createDirectories(root.resolve(sample.label()));
          dirs.put(sample.label(), dir);
        }
        Path file = dir.resolve(sample.entry().fileStem() + ".png");
        AtomicFile.write(file, png, AtomicFile.Sync.NONE);
        write.stop(t);
      }
    };
  }
}
