package io.github.can4000.io.annotate;

import io.github.can4000.Box;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.fixtures.Photos;
import io.github.can4000.io.image.ImageDecoders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real photos in a folder, proposals on them, and an HTTP client for the review server. */
final class ReviewFixture {
  static final List<String> PHOTOS = List.of("photo_001.jpg", "photo_002.jpg", "photo_003.jpg");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private ReviewFixture() {}

  /** Writes the photos to {@code dir/images/sub/} and returns six proposals, two per photo. */
  static List<ProposalRow> photosAndProposals(Path images) throws IOException {
    Files.createDirectories(images.resolve("sub"));
    List<ProposalRow> rows = new ArrayList<>();
    for (String p : PHOTOS) {
      Files.write(images.resolve("sub").resolve(p), Photos.bytes(p));
      rows.add(new ProposalRow(rows.size() + 1, "melanoma", new Box(0.5, 0.5, 0.4, 0.3), 0.9, "sub/" + p));
      rows.add(new ProposalRow(rows.size() + 1, "nevus", new Box(0.25, 0.3, 0.2, 0.2), 0.6, "sub/" + p));
    }
    return rows;
  }

  static SourceImages sourceImages(Path images) {
    return new SourceImages(FileFetchers.create(images), ImageDecoders.standard());
  }

  static HttpResponse<String> get(URI base, String pathAndQuery) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> getBytes(URI base, String pathAndQuery) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<String> post(URI base, String pathAndQuery, String json) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Returns the token of a page address {@code http://host:port/?t=TOKEN}. */
  static String token(URI uri) {
    return uri.getQuery().substring("t=".length());
  }
}
