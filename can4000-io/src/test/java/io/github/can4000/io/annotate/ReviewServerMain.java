package io.github.can4000.io.annotate;

import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.image.ImageDecoders;
import java.nio.file.Path;

/**
 * Runs a review server in its own JVM, so that a test can kill it: args proposals.csv images
 * decisions.csv.
 */
public final class ReviewServerMain {
  private ReviewServerMain() {}

  public static void main(String[] args) throws Exception {
    Path images = Path.of(args[1]);
    DecisionLog log = DecisionLog.open(Path.of(args[2]));
    SourceImages src = new SourceImages(FileFetchers.create(images), ImageDecoders.standard());
    ReviewServer server =
        ReviewServer.builder()
            .proposals(ProposalsCsv.read(Path.of(args[0])))
            .images(src)
            .imagesRoot(images)
            .decisions(log)
            .build()
            .start();
    System.out.println("URL " + server.uri());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
