package io.github.can4000.examples.cli;

import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.RunReport;
import io.github.can4000.Sink;
import io.github.can4000.io.archive.TarArchives;
import io.github.can4000.io.file.FileFetchers;
import io.github.can4000.io.folder.ImageFolders;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.sink.Sinks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code import}: turns an image folder ({@code <label>/<image>}, optionally one split of it) or a
 * tar / tar.gz archive ({@code <prefix>/<label>/<file>}, or WebDataset shards) into WebDataset tar
 * shards under {@code --out}, plus {@code <out>/_report.csv}.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Turn an image folder (<label>/<image>, or <split>/<label>/<image> with --split) or a tar/tar.gz "
          + "archive (<prefix>/<label>/<file>) into WebDataset tar shards <out>/<prefix>-000000.tar, ... "
          + "and <out>/_report.csv.",
      "Formats are recognised from the bytes; files that are not images or are corrupt are reported, "
          + "not fatal. Exits 0 when the import completed, even if some files failed."
    })
final class ImportCommand implements Callable<Integer> {
  private static final int MAX_THREADS = 1024;

  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "PATH",
      description = "An image folder, or a .tar / .tar.gz archive.")
  Path from;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Shard folder (created if missing).")
  Path out;

  @Option(
      names = "--split",
      paramLabel = "NAME",
      description = "Folder only: import <from>/<NAME>/<label>/<image> (e.g. train, val, test).")
  String split;

  @Option(
      names = "--shard-size",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Samples per shard (default: ${DEFAULT-VALUE}).")
  int shardSize;

  @Option(
      names = "--prefix",
      paramLabel = "NAME",
      defaultValue = "can4000",
      description = "Shard name prefix (default: ${DEFAULT-VALUE}).")
  String prefix;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "4",
      description = "Folder only: files read and decoded at once (default: ${DEFAULT-VALUE}).")
  int threads;

  private final Components components;

  /** Creates the command with the real decoder. */
  ImportCommand() {
    this(StandardComponents.INSTANCE);
  }

  /** Creates the command with the given components (tests). */
  ImportCommand(Components components) {
    this.components = components;
  }

  @Override
  public Integer call() throws IOException {
    if (shardSize < 1) {
      throw new UsageException("--shard-size must be at least 1: " + shardSize);
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new UsageException("--threads must be between 1 and " + MAX_THREADS + ": " + threads);
    }
    if (!Files.exists(from)) {
      throw new UsageException("--from " + from + ": no such file or folder");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out " + out + " is an existing file, not a folder");
    }
    boolean folder = Files.isDirectory(from);
    if (!folder && split != null) {
      throw new UsageException("--split applies to folders only, and " + from + " is a file");
    }
    RunRecord record =
        RunRecord.start("import", spec.commandLine().getParseResult().originalArgs())
            .put("from", from.toAbsolutePath().toString());
    RunReport report = folder ? importFolder() : importArchive();
    ReportCsv.write(out.resolve(ReportCsv.FILE_NAME), report.outcomes());
    int code = RunRecord.exitCode(report);
    record.finish(report, code).writeTo(out);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(report.summary() + "; shards and report in " + out);
    stdout.flush();
    if (code == RunRecord.NOTHING_WRITTEN) {
      spec.commandLine()
          .getErr()
          .println("no row was written: see " + out.resolve(ReportCsv.FILE_NAME));
      spec.commandLine().getErr().flush();
    }
    return code;
  }

  private RunReport importFolder() throws IOException {
    Manifest manifest;
    try {
      manifest = split == null ? ImageFolders.manifest(from) : ImageFolders.manifest(from, split);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--split: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UsageException(
          "cannot list " + from + (split == null ? "" : "/" + split) + ": " + e.getMessage(), e);
    }
    try (Dataset dataset =
            Dataset.builder()
                .manifest(manifest)
                .fetcher(FileFetchers.create(from))
                .decoder(components.decoder())
                .concurrency(threads)
                .build();
        Sink sink = openSink(manifest.labels())) {
      return dataset.writeTo(sink);
    }
  }

  private RunReport importArchive() throws IOException {
    List<String> labels;
    try {
      labels = TarArchives.labels(from);
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException("cannot read archive " + from + ": " + e.getMessage(), e);
    }
    if (labels.isEmpty()) {
      throw new UsageException(
          "archive " + from + " holds no labelled file (<prefix>/<label>/<file>)");
    }
    try (Sink sink = openSink(labels)) {
      return TarArchives.writeTo(from, components.decoder(), sink);
    } catch (UncheckedIOException e) {
      throw new UsageException("cannot read archive " + from + ": " + e.getMessage(), e);
    }
  }

  private Sink openSink(List<String> labels) {
    try {
      return Sinks.tarShards(out)
          .prefix(prefix)
          .maxSamplesPerShard(shardSize)
          .labels(labels)
          .build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--prefix: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new UsageException("cannot use --out " + out + ": " + e.getCause(), e);
    }
  }
}
