package io.github.can4000.io.annotate;

import io.github.can4000.Box;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.fixtures.Photos;
import io.github.can4000.io.image.ImageDecoders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real photos in a folder, proposals on them, and an HTTP client for the review server. */
final class ReviewFixture {
  static final List<String> PHOTOS = List.of("photo_001.jpg", "photo_002.jpg", "photo_003.jpg");

  /** A response: status, body, headers. */
  record Resp(int statusCode, byte[] bytes, Map<String, List<String>> headers) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> name.equalsIgnoreCase(e.getKey()))
          .map(e -> e.getValue().get(0))
          .findFirst();
    }
  }

  private ReviewFixture() {}

  /** Writes the photos to {@code dir/images/sub/} and returns six proposals, two per photo. */
  static List<ProposalRow> photosAndProposals(Path images) throws IOException {
    Files.createDirectories(images.resolve("sub"));
    List<ProposalRow> rows = new ArrayList<>();
    for (String p : PHOTOS) {
      Files.write(images.resolve("sub").resolve(p), Photos.bytes(p));
      rows.add(
          new ProposalRow(
              rows.size() + 1, "melanoma", new Box(0.5, 0.5, 0.4, 0.3), 0.9, "sub/" + p));
      rows.add(
          new ProposalRow(rows.size() + 1, "nevus", new Box(0.25, 0.3, 0.2, 0.2), 0.6, "sub/" + p));
    }
    return rows;
  }

  static SourceImages sourceImages(Path images) {
    return new SourceImages(FileFetchers.create(images), ImageDecoders.standard());
  }

  static Resp get(URI base, String pathAndQuery) throws IOException {
    return send(base.resolve(pathAndQuery), "GET", null);
  }

  static Resp getBytes(URI base, String pathAndQuery) throws IOException {
    return get(base, pathAndQuery);
  }

  static Resp post(URI base, String pathAndQuery, String json) throws IOException {
    return send(base.resolve(pathAndQuery), "POST", json);
  }

  /** Sends one request with the JDK's HttpURLConnection (java.base: no extra module to read). */
  static Resp send(URI uri, String method, String json) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(30_000);
    if (json != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = c.getOutputStream()) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    byte[] body;
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      body = in == null ? new byte[0] : in.readAllBytes();
    }
    Map<String, List<String>> headers = c.getHeaderFields();
    c.disconnect();
    return new Resp(status, body, headers);
  }

  /** Returns the token of a page address {@code http://host:port/?t=TOKEN}. */
  static String token(URI uri) {
    return uri.getQuery().substring("t=".length());
  }
}
