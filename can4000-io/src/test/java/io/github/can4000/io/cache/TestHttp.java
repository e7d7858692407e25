package io.github.can4000.io.cache;

import io.github.can4000.Bytes;
import io.github.can4000.FetchException;
import io.github.can4000.Fetched;
import io.github.can4000.Fetcher;
import io.github.can4000.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** A minimal HTTP fetcher on the JDK client for the cache tests. */
final class TestHttp {
  private TestHttp() {}

  static Fetcher fetcher() {
    HttpClient client = HttpClient.newHttpClient();
    return url -> {
      try {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
          throw new FetchException(Reason.HTTP_STATUS, url, r.statusCode(), 1, "HTTP " + r.statusCode());
        }
        Map<String, String> headers = new HashMap<>();
        r.headers().firstValue("etag").ifPresent(v -> headers.put("etag", v));
        r.headers().firstValue("content-type").ifPresent(v -> headers.put("content-type", v));
        return new Fetched(url, Bytes.copyOf(r.body()), r.statusCode(), 1, headers);
      } catch (IOException e) {
        throw new FetchException(Reason.IO_ERROR, url, 0, 1, e.toString(), e);
      }
    };
  }
}
