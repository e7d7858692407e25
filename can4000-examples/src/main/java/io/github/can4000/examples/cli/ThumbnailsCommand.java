package io.github.can4000.examples.cli;

import io.github.can4000.io.sheet.ContactSheets;
import io.github.can4000.io.sheet.SheetRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code thumbnails}: renders one JPEG contact sheet per label of a downloaded folder. */
@Command(
    name = "thumbnails",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Render one JPEG contact sheet per label of a downloaded folder: a grid of the first crops "
          + "(by id), each captioned with its id, to check labels and boxes by eye.",
      "The sheets go beside the dataset (<dataset>-sheets/<label>.jpg) unless --out says otherwise, so that "
          + "folder loaders never take them for a class."
    })
final class ThumbnailsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "DIR",
      description = "The downloaded folder, <DIR>/<label>/*.png or *.jpg.")
  Path dataset;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write <label>.jpg (default: <dataset>-sheets beside the dataset).")
  Path sheets;

  /** The old name of {@code --out} here: hidden, kept for scripts. */
  @Option(names = "--sheets", paramLabel = "DIR", hidden = true)
  void deprecatedSheets(Path dir) {
    sheets = dir;
  }

  @Option(
      names = "--size",
      paramLabel = "PX",
      defaultValue = "128",
      description = "Thumbnail size, the longer side, 16-1024 (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "64",
      description = "Thumbnails per sheet, 1-10000 (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--columns",
      paramLabel = "N",
      defaultValue = "8",
      description = "Columns, 1-100 (default: ${DEFAULT-VALUE}).")
  int columns;

  /** Renders the sheets; returns 0. */
  @Override
  public Integer call() throws IOException {
    HygieneSupport.requireFolder(dataset, "--dataset");
    SheetRenderer renderer;
    try {
      renderer = ContactSheets.builder().thumbnailSize(size).count(count).columns(columns).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          e.getMessage()
              .replace("thumbnailSize", "--size")
              .replace("count", "--count")
              .replace("columns", "--columns"),
          e);
    }
    Path dir = sheets != null ? sheets : ContactSheets.defaultOutput(dataset);
    RunRecord record =
        RunRecord.start("thumbnails", spec.commandLine().getParseResult().originalArgs())
            .put("dataset", dataset.toAbsolutePath().toString());
    List<Path> written = renderer.renderFolder(dataset, dir);
    if (!written.isEmpty()) {
      record.put("sheets", written.size()).finish(0).writeTo(dir);
    }
    PrintWriter o = spec.commandLine().getOut();
    if (written.isEmpty()) {
      o.println("no images found in " + dataset + "/<label>/");
    }
    for (Path p : written) {
      o.println("wrote " + p);
    }
    o.flush();
    return 0;
  }
}
