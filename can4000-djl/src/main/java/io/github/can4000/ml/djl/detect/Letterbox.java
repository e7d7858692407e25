package io.github.can4000.ml.djl.detect;

import io.github.can4000.ImageData;

/**
 * Scales a photograph into a square model input with its aspect ratio kept and pads the rest with
 * YOLO's gray (114), and maps boxes in input pixels back to the photograph. The scale of each axis
 * is that of the pixels actually resized ({@code scaledWidth / width}), so boxes map back exactly.
 *
 * @param width the photograph's width
 * @param height the photograph's height
 * @param size the square input size
 * @param scaledWidth the resized width, {@code round(width * min(size / width, size / height))}
 * @param scaledHeight the resized height
 * @param left the padding left of the picture, {@code (size - scaledWidth) / 2}
 * @param top the padding above the picture
 */
record Letterbox(
    int width, int height, int size, int scaledWidth, int scaledHeight, int left, int top) {
  /** YOLO's padding gray, 114 of 255. */
  static final float PAD = 114f / 255f;

  /** Returns the letterbox of a {@code width x height} photograph into a {@code size} square. */
  static Letterbox of(int width, int height, int size) {
    double r = Math.min((double) size / width, (double) size / height);
    int sw = Math.max(1, Math.min(size, (int) Math.round(width * r)));
    int sh = Math.max(1, Math.min(size, (int) Math.round(height * r)));
    return new Letterbox(width, height, size, sw, sh, (size - sw) / 2, (size - sh) / 2);
  }

  /** Returns the input tensor, {@code [3, size, size]} floats 0-1 in RGB planes. */
  float[] input(ImageData image) {
    ImageData rgb = image.toRgb();
    ImageData scaled =
        rgb.width() == scaledWidth && rgb.height() == scaledHeight
            ? rgb
            : rgb.resize(scaledWidth, scaledHeight);
    int plane = size * size;
    float[] out = new float[3 * plane];
    java.util.Arrays.fill(out, PAD);
    for (int y = 0; y < scaledHeight; y++) {
      for (int x = 0; x < scaledWidth; x++) {
        int i = (y + top) * size + (x + left);
        for (int c = 0; c < 3; c++) {
          out[c * plane + i] = scaled.get(x, y, c) / 255f;
        }
      }
    }
    return out;
  }

  /** Maps an input x coordinate back to the photograph. */
  double toImageX(double inputX) {
    return (inputX - left) * width / scaledWidth;
  }

  /** Maps an input y coordinate back to the photograph. */
  double toImageY(double inputY) {
    return (inputY - top) * height / scaledHeight;
  }
}
