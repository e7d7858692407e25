package io.github.can4000.examples.cli;

import io.github.can4000.Bytes;
import io.github.can4000.DecodeException;
import io.github.can4000.DecodedImage;
import io.github.can4000.Decoder;
import io.github.can4000.FetchException;
import io.github.can4000.Fetched;
import io.github.can4000.Fetcher;
import io.github.can4000.ImageFormat;
import io.github.can4000.Reason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Minimal stand-ins for {@code HttpFetchers.create()} and {@code ImageDecoders.standard()} (JDK
 * HttpClient and ImageIO), so the download command can be tested before those are merged.
 */
final class TestComponents implements Components {
  @Override
  public Fetcher fetcher() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return url -> {
      try {
        HttpResponse<byte[]> r = client.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
          throw new FetchException(Reason.HTTP_STATUS, url, r.statusCode(), 1, "HTTP " + r.statusCode());
        }
        return new Fetched(url, Bytes.copyOf(r.body()), r.statusCode(), 1, Map.of());
      } catch (IOException e) {
        throw new FetchException(Reason.IO_ERROR, url, 0, 1, e.toString(), e);
      }
    };
  }

  @Override
  public Decoder decoder() {
    return data -> {
      ImageFormat format = ImageFormat.sniff(data);
      if (format == ImageFormat.TEXT || format == ImageFormat.UNKNOWN) {
        throw new DecodeException(Reason.NOT_AN_IMAGE, "body is " + format);
      }
      try {
        BufferedImage img = ImageIO.read(data.newInputStream());
        if (img == null) {
          throw new DecodeException(Reason.DECODE_FAILED, "no reader for " + format);
        }
        return DecodedImage.of(img, format);
      } catch (IOException e) {
        throw new DecodeException(Reason.DECODE_FAILED, e.toString(), e);
      }
    };
  }
}
