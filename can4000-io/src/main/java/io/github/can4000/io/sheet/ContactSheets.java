package io.github.can4000.io.sheet;

import io.github.can4000.internal.Args;

/**
 * Factory for contact sheets: one JPEG grid of thumbnails per label, with each crop's id below it,
 * to eyeball a downloaded dataset for wrong labels, placeholders and bad boxes.
 *
 * <pre>{@code
 * SheetRenderer sheets = ContactSheets.builder().thumbnailSize(96).count(48).columns(8).build();
 * List<Path> written = sheets.renderFolder(Path.of("out"), Path.of("sheets"));  // sheets/<label>.jpg
 * }</pre>
 */
public final class ContactSheets {
  private ContactSheets() {}

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns where the sheets of a downloaded folder go unless told otherwise: {@code
   * <dataset>-sheets} beside it, outside the dataset, so that folder loaders (DJL {@code
   * ImageFolder}, DataVec {@code ImageRecordReader}, torchvision {@code ImageFolder}) never take
   * the sheets for a class.
   */
  public static java.nio.file.Path defaultOutput(java.nio.file.Path dataset) {
    java.nio.file.Path abs = dataset.toAbsolutePath().normalize();
    java.nio.file.Path name = abs.getFileName();
    return abs.resolveSibling((name == null ? "dataset" : name.toString()) + "-sheets");
  }

  /**
   * Configures a {@link SheetRenderer}. Options and defaults:
   *
   * <ul>
   *   <li>{@link #thumbnailSize(int) thumbnailSize}: 128 pixels (the longer side of a thumbnail)
   *   <li>{@link #count(int) count}: 64 thumbnails per sheet, the first ones by file name (= id)
   *   <li>{@link #columns(int) columns}: 8
   *   <li>{@link #quality(float) quality}: JPEG quality 0.85
   * </ul>
   *
   * <p>Each option may be set once; arguments are checked at once. {@link #build()} leaves the
   * builder reusable.
   */
  public static final class Builder {
    private int thumbnailSize = -1;
    private int count = -1;
    private int columns = -1;
    private float quality = -1;

    private Builder() {}

    /** Sets the longer side of a thumbnail, 16 to 1024 pixels. */
    public Builder thumbnailSize(int px) {
      Args.requireUnset(thumbnailSize, "thumbnailSize");
      this.thumbnailSize = Args.checkRange(px, 16, 1024, "thumbnailSize");
      return this;
    }

    /** Sets the most thumbnails per sheet, 1 to 10000. */
    public Builder count(int n) {
      Args.requireUnset(count, "count");
      this.count = Args.checkRange(n, 1, 10000, "count");
      return this;
    }

    /** Sets the number of columns, 1 to 100. */
    public Builder columns(int n) {
      Args.requireUnset(columns, "columns");
      this.columns = Args.checkRange(n, 1, 100, "columns");
      return this;
    }

    /** Sets the JPEG quality, above 0 up to 1. */
    public Builder quality(float q) {
      Args.requireUnset(quality < 0 ? null : (Object) quality, "quality");
      if (!(q > 0 && q <= 1)) {
        throw new IllegalArgumentException("quality must be in (0, 1]: " + q);
      }
      this.quality = q;
      return this;
    }

    /** Builds the renderer. */
    public SheetRenderer build() {
      return new SheetRenderer(
          thumbnailSize < 0 ? 128 : thumbnailSize,
          count < 0 ? 64 : count,
          columns < 0 ? 8 : columns,
          quality < 0 ? 0.85f : quality);
    }
  }
}
