package io.github.can4000.io.sheet;

import io.github.can4000.internal.AtomicFile;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders contact sheets; obtain one from {@link ContactSheets#builder()}. Immutable and
 * thread-safe.
 *
 * <p>A sheet is a title line ({@code <label> (<shown> of <total>)}) over a grid of cells; each cell
 * holds a thumbnail, scaled to fit a square of the thumbnail size with its aspect ratio kept, and
 * its caption below. Light gray on near-black, so that skin tones are judged against a neutral
 * background.
 */
public final class SheetRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(SheetRenderer.class);
  private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");
  private static final int BACKGROUND = 0x202020;
  private static final int CELL = 0x303030;
  private static final int TEXT = 0xE0E0E0;

  private final int size;
  private final int count;
  private final int columns;
  private final float quality;

  SheetRenderer(int size, int count, int columns, float quality) {
    this.size = size;
    this.count = count;
    this.columns = columns;
    this.quality = quality;
  }

  /** Returns the thumbnail size in pixels. */
  public int thumbnailSize() {
    return size;
  }

  /** Returns the most thumbnails per sheet. */
  public int count() {
    return count;
  }

  /**
   * Renders one sheet of the first {@link #count()} thumbnails under {@code title}.
   *
   * @throws IllegalArgumentException if there are no thumbnails
   */
  public BufferedImage render(String title, List<Thumbnail> thumbnails) {
    if (thumbnails.isEmpty()) {
      throw new IllegalArgumentException("no thumbnails for sheet \"" + title + "\"");
    }
    List<Thumbnail> shown = thumbnails.subList(0, Math.min(count, thumbnails.size()));
    int scale = Math.max(1, size / 64);
    int pad = 2 * scale;
    int captionHeight = PixelFont.HEIGHT * scale + 2 * pad;
    int titleScale = scale + 1;
    int titleHeight = PixelFont.HEIGHT * titleScale + 4 * pad;
    int cols = Math.min(columns, shown.size());
    int rows = (shown.size() + cols - 1) / cols;
    int cellW = size + 2 * pad;
    int cellH = size + pad + captionHeight;
    int width = Math.max(cols * cellW + pad, PixelFont.width(title, titleScale) + 4 * pad);
    int height = titleHeight + rows * cellH + pad;
    BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(new Color(BACKGROUND));
      g.fillRect(0, 0, width, height);
      PixelFont.draw(sheet, title, 2 * pad, 2 * pad, titleScale, TEXT);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      for (int i = 0; i < shown.size(); i++) {
        Thumbnail t = shown.get(i);
        int cx = pad + (i % cols) * cellW + pad;
        int cy = titleHeight + (i / cols) * cellH;
        g.setColor(new Color(CELL));
        g.fillRect(cx, cy, size, size);
        BufferedImage thumb = shrink(t.image(), size);
        g.drawImage(
            thumb, cx + (size - thumb.getWidth()) / 2, cy + (size - thumb.getHeight()) / 2, null);
        String caption = fit(t.caption(), size, scale);
        PixelFont.draw(
            sheet,
            caption,
            cx + (size - PixelFont.width(caption, scale)) / 2,
            cy + size + pad,
            scale,
            TEXT);
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }

  /**
   * Renders one sheet per label folder of a downloaded folder ({@code folder/<label>/*.png}, also
   * jpg, gif, bmp), using the first {@link #count()} images by file name, captioned with the id
   * (the digits before the first {@code _}, else the file name without extension). Writes {@code
   * outDir/<label>.jpg}; images that cannot be read are skipped (logged). Labels without images,
   * and folders whose names start with {@code .} or {@code _} (such as the default {@code _sheets}
   * output), get no sheet.
   *
   * @return the sheets written, by label
   * @throws IOException if a folder cannot be listed or a sheet cannot be written
   */
  public List<Path> renderFolder(Path folder, Path outDir) throws IOException {
    List<Path> written = new ArrayList<>();
    List<Path> labels;
    try (Stream<Path> s = Files.list(folder)) {
      labels =
          s.filter(Files::isDirectory)
              .filter(
                  p ->
                      !p.getFileName().toString().startsWith(".")
                          && !p.getFileName().toString().startsWith("_"))
              .sorted()
              .toList();
    }
    for (Path labelDir : labels) {
      List<Path> files;
      try (Stream<Path> s = Files.list(labelDir)) {
        files = s.filter(Files::isRegularFile).filter(SheetRenderer::isImage).sorted().toList();
      }
      List<Thumbnail> thumbs = new ArrayList<>();
      for (Path f : files) {
        if (thumbs.size() == count) {
          break;
        }
        BufferedImage img;
        try {
          img = ImageIO.read(f.toFile());
        } catch (IOException e) {
          img = null;
        }
        if (img == null) {
          LOG.warn("cannot read {}; left off the sheet", f);
          continue;
        }
        thumbs.add(new Thumbnail(caption(f.getFileName().toString()), img));
      }
      if (thumbs.isEmpty()) {
        continue;
      }
      String label = labelDir.getFileName().toString();
      BufferedImage sheet =
          render(label + " (" + thumbs.size() + " of " + files.size() + ")", thumbs);
      Path out = outDir.resolve(label + ".jpg");
      writeJpeg(sheet, out);
      written.add(out);
    }
    return written;
  }

  /** Writes {@code image} as a JPEG of this renderer's quality, atomically. */
  public void writeJpeg(BufferedImage image, Path file) throws IOException {
    ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    try {
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality);
      AtomicFile.write(
          file,
          out -> {
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
              w.setOutput(ios);
              w.write(null, new IIOImage(image, null, null), p);
            }
          },
          AtomicFile.Sync.FORCE);
    } finally {
      w.dispose();
    }
  }

  /** Returns the caption for a file name: {@code 00042_label.png} gives {@code 00042}. */
  static String caption(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    int us = stem.indexOf('_');
    String head = us > 0 ? stem.substring(0, us) : stem;
    return head.chars().allMatch(Character::isDigit) ? head : stem;
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0
        && !n.startsWith(".")
        && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Shortens a caption to fit the cell width, ending it with '..' when cut. */
  private static String fit(String caption, int width, int scale) {
    if (PixelFont.width(caption, scale) <= width) {
      return caption;
    }
    int max = Math.max(1, (width / scale + 1) / (PixelFont.WIDTH + 1) - 2);
    return caption.substring(0, Math.min(caption.length(), max)) + "..";
  }

  /** Scales down to fit a square of {@code size}, halving first for quality; never scales up. */
  static BufferedImage shrink(BufferedImage src, int size) {
    double f = Math.min(1.0, (double) size / Math.max(src.getWidth(), src.getHeight()));
    int tw = Math.max(1, (int) Math.round(src.getWidth() * f));
    int th = Math.max(1, (int) Math.round(src.getHeight() * f));
    BufferedImage cur = src;
    while (cur.getWidth() / 2 >= tw && cur.getHeight() / 2 >= th) {
      cur = scaled(cur, cur.getWidth() / 2, cur.getHeight() / 2);
    }
    return cur.getWidth() == tw
            && cur.getHeight() == th
            && cur.getType() == BufferedImage.TYPE_INT_RGB
        ? cur
        : scaled(cur, tw, th);
  }

  private static BufferedImage scaled(BufferedImage src, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setColor(new Color(CELL));
      g.fillRect(0, 0, w, h);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  @Override
  public String toString() {
    return "SheetRenderer[thumbnailSize="
        + size
        + ", count="
        + count
        + ", columns="
        + columns
        + ", quality="
        + quality
        + "]";
  }
}
