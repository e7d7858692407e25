package io.github.can4000.io.image;

import java.io.IOException;
import java.util.Objects;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@link javax.imageio.stream.ImageInputStream} over a byte array, with a known {@link
 * #length()}. Unlike {@link javax.imageio.stream.MemoryCacheImageInputStream} it copies nothing
 * into a cache (JPEG and WebP bodies are read from it), and the libwebp reader reads a stream of
 * known length with one {@code readFully} into an array of that size (4 KiB reads into a growing
 * buffer and a final copy otherwise).
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {
  private final byte[] data;

  ByteArrayImageInputStream(byte[] data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  @Override
  public int read() throws IOException {
    checkClosed();
    bitOffset = 0;
    return streamPos < data.length ? data[(int) streamPos++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkClosed();
    Objects.checkFromIndexSize(off, len, b.length);
    bitOffset = 0;
    if (len == 0) {
      return 0;
    }
    if (streamPos >= data.length) {
      return -1;
    }
    int n = (int) Math.min(len, data.length - streamPos);
    System.arraycopy(data, (int) streamPos, b, off, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return data.length;
  }

  @Override
  public boolean isCached() {
    return true;
  }

  @Override
  public boolean isCachedMemory() {
    return true;
  }
}
