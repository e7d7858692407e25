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
import java.util.Map;

/** A minimal JDK HTTP fetcher for loopback tests, until HttpFetchers lands on main. */
final class TestHttp {
  private TestHttp() {}

  static Fetcher fetcher() {
    HttpClient client = HttpClient.newHttpClient();
    return url -> {
      try {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
          throw new FetchException(Reason.HTTP_STATUS, url, r.statusCode(), 1, "status " + r.statusCode());
        }
        return new Fetched(url, Bytes.copyOf(r.body()), 200, 1, Map.of());
      } catch (IOException e) {
        throw new FetchException(Reason.IO_ERROR, url, 0, 1, e.toString());
      }
    };
  }
}
