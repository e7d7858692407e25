package io.github.can4000.examples.cli;

import io.github.can4000.io.annotate.Decision;
import io.github.can4000.io.annotate.DecisionLog;
import io.github.can4000.io.annotate.ManifestExport;
import io.github.can4000.io.annotate.ProposalRow;
import io.github.can4000.io.annotate.ProposalsCsv;
import io.github.can4000.io.annotate.ReviewServer;
import io.github.can4000.io.annotate.SourceImages;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.sheet.ContactSheets;
import io.github.can4000.spi.Fetcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code review}: serves the review page for {@code proposals.csv} on the loopback address, saving
 * each decision to {@code <proposals>.decisions.csv} as it is made; or, with {@code --export},
 * writes the reviewed manifest and a contact sheet per label.
 */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Review proposals in the browser: prints a local address (127.0.0.1, with an access token) where "
          + "a = accept, r = reject, l = relabel, u = undo, arrows = next/previous, h = hide the box, "
          + "z = zoom to it, g = grid. Each decision is saved to <proposals>.decisions.csv at once; "
          + "stop with Ctrl-C and run again to resume.",
      "With --export FILE: no server; write the accepted rows as a CAN manifest "
          + "'no label x y w h source' and a contact sheet per label."
    })
final class ReviewCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--proposals",
      required = true,
      paramLabel = "FILE",
      description = "proposals.csv from 'annotate'.")
  Path proposals;

  @Option(
      names = "--images",
      paramLabel = "DIR",
      description =
          "The folder the sources are relative to (not needed when every source is a URL).")
  Path images;

  @Option(
      names = "--decisions",
      paramLabel = "FILE",
      description = "The decisions file (default: <proposals>.decisions.csv).")
  Path decisions;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "Port on 127.0.0.1 (default: any free one).")
  int port;

  @Option(
      names = "--labels",
      paramLabel = "A,B,...",
      split = ",",
      description = "Labels to offer for relabelling, besides those proposed.")
  List<String> labels = new ArrayList<>();

  @Option(
      names = "--export",
      paramLabel = "FILE",
      description = "Write the reviewed manifest to FILE; no server.")
  Path export;

  @Option(
      names = "--sheets",
      paramLabel = "DIR",
      description =
          "With --export: where to write <label>.jpg contact sheets (default: <FILE>_sheets).")
  Path sheets;

  @Option(names = "--no-sheets", description = "With --export: write no contact sheets.")
  boolean noSheets;

  /** Returns {@code proposals.csv.properties}, what made the proposals. */
  static Path aboutFile(Path proposals) {
    return proposals.resolveSibling(proposals.getFileName() + ".properties");
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be between 0 and 65535: " + port);
    }
    if (images != null && !Files.isDirectory(images)) {
      throw new UsageException("--images " + images + " is not a folder");
    }
    List<ProposalRow> rows;
    try {
      rows = ProposalsCsv.read(proposals);
    } catch (NoSuchFileException e) {
      throw new UsageException("--proposals " + proposals + ": no such file", e);
    } catch (IOException e) {
      throw new UsageException(e.getMessage(), e);
    }
    boolean allUrls = rows.stream().allMatch(r -> r.source().matches("(?i)^https?://.*"));
    if (images == null && !allUrls) {
      throw new UsageException(
          "the proposals name local files: give the folder they are in with --images DIR");
    }
    Path decisionsFile =
        decisions != null
            ? decisions
            : proposals.resolveSibling(proposals.getFileName() + ".decisions.csv");
    if (export != null) {
      return export(rows, decisionsFile);
    }
    return serve(rows, decisionsFile);
  }

  private SourceImages sourceImages() {
    Fetcher f = images != null ? FileFetchers.create(images) : HttpFetchers.builder().build();
    return new SourceImages(f, ImageDecoders.standard());
  }

  private int serve(List<ProposalRow> rows, Path decisionsFile) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (CtrlC ctrlC = CtrlC.interruptThisThread();
        DecisionLog log = openLog(decisionsFile);
        SourceImages sources = sourceImages()) {
      ReviewServer.Builder b =
          ReviewServer.builder()
              .proposals(rows)
              .images(sources)
              .decisions(log)
              .port(port)
              .title("CAN review: " + proposals.getFileName());
      if (images != null) {
        b.imagesRoot(images);
      }
      try {
        b.labels(labels);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--labels: " + e.getMessage(), e);
      }
      ReviewServer server;
      try {
        server = b.build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage(), e);
      } catch (IOException e) {
        throw new UsageException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
      }
      try (server) {
        server.start();
        Map<Integer, Decision> done = log.current();
        out.println(
            "reviewing " + rows.size() + " proposals (" + done.size() + " decided earlier); open");
        out.println("  " + server.uri());
        out.println(
            "decisions are saved to " + decisionsFile + " as you make them; Ctrl-C to stop");
        out.flush();
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          // Ctrl-C: stop serving; every decision is already on disk
        }
      }
      out.println(
          "stopped; "
              + log.current().size()
              + " of "
              + rows.size()
              + " decided, in "
              + decisionsFile);
      out.flush();
    }
    return 0;
  }

  private static DecisionLog openLog(Path file) {
    try {
      return DecisionLog.open(file);
    } catch (IOException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  private int export(List<ProposalRow> rows, Path decisionsFile) throws Exception {
    Map<Integer, Decision> decided;
    try {
      decided = DecisionLog.read(decisionsFile);
    } catch (NoSuchFileException e) {
      throw new UsageException("--decisions " + decisionsFile + ": no such file (review first)", e);
    } catch (IOException e) {
      throw new UsageException(e.getMessage(), e);
    }
    List<String> header = new ArrayList<>();
    header.add("proposals: " + proposals.getFileName());
    Path about = aboutFile(proposals);
    if (Files.isRegularFile(about)) {
      for (String line : Files.readAllLines(about, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          header.add(line.substring(0, eq) + ": " + line.substring(eq + 1));
        }
      }
    }
    header.add("decisions: " + decisionsFile.getFileName());
    ManifestExport.Summary s;
    try {
      s = ManifestExport.write(export, rows, decided, header, Instant.now());
    } catch (IllegalArgumentException e) {
      throw new UsageException(decisionsFile + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "wrote "
            + export
            + ": "
            + s.accepted()
            + " accepted rows ("
            + s.rejected()
            + " rejected, "
            + s.undecided()
            + " undecided left out)");
    if (!noSheets && s.accepted() > 0) {
      Path dir = sheets != null ? sheets : export.resolveSibling(stem(export) + "_sheets");
      try (SourceImages sources = sourceImages()) {
        for (Path p :
            ManifestExport.contactSheets(
                dir, rows, decided, sources, ContactSheets.builder().build())) {
          out.println("wrote " + p);
        }
      }
    }
    out.flush();
    return 0;
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
