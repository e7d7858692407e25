package io.github.can4000.examples.cli;

import io.github.can4000.Manifest;
import io.github.can4000.ManifestException;
import io.github.can4000.ParseMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose and parse a manifest, shared by the commands. */
final class ManifestOptions {
  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description =
          "Manifest to read, lines \"[no] label x y w h url\". Default: the bundled CAN4000.")
  Path manifest;

  @Option(
      names = "--lenient",
      description = "Skip malformed lines and report them, instead of stopping at the first one.")
  boolean lenient;

  /**
   * Loads the manifest.
   *
   * @throws UsageException if it cannot be read or is malformed (naming file:line)
   */
  Manifest load() {
    if (manifest == null) {
      try {
        return Manifest.can4000();
      } catch (UncheckedIOException e) {
        throw new UsageException("cannot read the bundled manifest: " + e.getMessage(), e);
      }
    }
    try {
      return Manifest.parse(manifest, lenient ? ParseMode.LENIENT : ParseMode.STRICT);
    } catch (ManifestException e) {
      throw new UsageException(
          e.getMessage()
              + (lenient ? "" : System.lineSeparator() + "(use --lenient to skip malformed lines)"),
          e);
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read manifest " + manifest + ": no such file", e);
    } catch (IOException e) {
      throw new UsageException("cannot read manifest " + manifest + ": " + e, e);
    }
  }
}
