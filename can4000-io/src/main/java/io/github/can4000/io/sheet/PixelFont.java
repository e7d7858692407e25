package io.github.can4000.io.sheet;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A 3 x 5 pixel font for captions: digits, lower-case letters (upper case is drawn as lower case)
 * and {@code ( ) - _ . / , ?}; other characters are drawn as {@code ?}. A built-in bitmap font
 * draws the same pixels on every machine and needs no installed fonts, which headless servers and
 * containers often lack.
 */
final class PixelFont {
  static final int WIDTH = 3;
  static final int HEIGHT = 5;
  private static final Map<Character, String> GLYPHS = new HashMap<>();

  static {
    String[] g = {
      "0111101101101111", "1010110010010111", "2111001111100111", "3111001111001111",
          "4101101111001001",
      "5111100111001111", "6111100111101111", "7111001001001001", "8111101111101111",
          "9111101111001111",
      "a010101111101101", "b110101110101110", "c011100100100011", "d110101101101110",
          "e111100110100111",
      "f111100110100100", "g011100101101011", "h101101111101101", "i111010010010111",
          "j001001001101010",
      "k101101110101101", "l100100100100111", "m101111111101101", "n110101101101101",
          "o010101101101010",
      "p110101110100100", "q010101101110011", "r110101110101101", "s011100010001110",
          "t111010010010010",
      "u101101101101011", "v101101101010010", "w101101111111101", "x101101010101101",
          "y101101010010010",
      "z111001010100111", " 000000000000000", "(010100100100010", ")010001001001010",
          "-000000111000000",
      "_000000000000111", ".000000000000010", "/001001010100100", ",000000000010100",
          "?111001010000010",
    };
    for (String s : g) {
      GLYPHS.put(s.charAt(0), s.substring(1));
    }
  }

  private PixelFont() {}

  /** Returns the width in pixels of {@code text} at {@code scale}. */
  static int width(String text, int scale) {
    return text.isEmpty() ? 0 : (text.length() * (WIDTH + 1) - 1) * scale;
  }

  /** Draws {@code text} with its top-left corner at (x, y), clipped to the image. */
  static void draw(BufferedImage img, String text, int x, int y, int scale, int rgb) {
    String t = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < t.length(); i++) {
      String bits = GLYPHS.getOrDefault(t.charAt(i), GLYPHS.get('?'));
      int gx = x + i * (WIDTH + 1) * scale;
      for (int row = 0; row < HEIGHT; row++) {
        for (int col = 0; col < WIDTH; col++) {
          if (bits.charAt(row * WIDTH + col) == '1') {
            fill(img, gx + col * scale, y + row * scale, scale, rgb);
          }
        }
      }
    }
  }

  private static void fill(BufferedImage img, int x, int y, int size, int rgb) {
    for (int dy = 0; dy < size; dy++) {
      for (int dx = 0; dx < size; dx++) {
        int px = x + dx;
        int py = y + dy;
        if (px >= 0 && py >= 0 && px < img.getWidth() && py < img.getHeight()) {
          img.setRGB(px, py, rgb);
        }
      }
    }
  }
}
