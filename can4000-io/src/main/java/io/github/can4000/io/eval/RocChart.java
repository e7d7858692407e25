package io.github.can4000.io.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws ROC curves, one per evaluation, as SVG text or as a PNG-ready image, from the same layout:
 * the chance diagonal, each curve with its AUC and 95 % CI in the legend, the operating point at
 * the threshold marked by a filled dot and the Youden-optimal point by a ring.
 */
final class RocChart {
  static final String[] COLOURS = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"
  };
  static final String POOLED_COLOUR = "#222222";
  private static final int LEFT = 64;
  private static final int TOP = 40;
  private static final int PLOT = 440;
  private static final int WIDTH = LEFT + PLOT + 24;
  private static final int LEGEND_ROW = 20;
  private static final int TITLE_X = 16;

  private final String title;
  private final List<Evaluation> curves;

  RocChart(String title, List<Evaluation> curves) {
    this.title = title;
    this.curves = List.copyOf(curves);
  }

  int width() {
    return WIDTH;
  }

  int height() {
    return TOP + PLOT + 56 + LEGEND_ROW * curves.size() + 10;
  }

  private static double px(double fpr) {
    return LEFT + fpr * PLOT;
  }

  private static double py(double tpr) {
    return TOP + (1 - tpr) * PLOT;
  }

  String colour(int i) {
    Evaluation e = curves.get(i);
    return "pooled".equals(e.name()) && curves.size() > 1
        ? POOLED_COLOUR
        : COLOURS[i % COLOURS.length];
  }

  static String legend(Evaluation e) {
    String auc =
        Double.isNaN(e.auc()) ? "AUC n/a" : String.format(Locale.ROOT, "AUC %.3f", e.auc());
    String ci =
        Double.isNaN(e.aucLow())
            ? ""
            : String.format(Locale.ROOT, " (95%% CI %.3f-%.3f)", e.aucLow(), e.aucHigh());
    return e.name() + ": " + auc + ci + ", n=" + e.n() + " (" + e.nPositive() + " pos)";
  }

  private static RocPoint at(Evaluation e, Confusion c) {
    double fpr = e.nNegative() == 0 ? 0 : (double) c.fp() / e.nNegative();
    double tpr = e.nPositive() == 0 ? 0 : (double) c.tp() / e.nPositive();
    return new RocPoint(0, fpr, tpr);
  }

  String svg() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">%n",
            width(),
            height(),
            width(),
            height()));
    s.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width(), height()));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"24\" font-size=\"%.1f\" font-weight=\"bold\">%s</text>%n",
            TITLE_X,
            titleSize(),
            escape(title)));
    for (int k = 0; k <= 10; k++) {
      double v = k / 10.0;
      String grid = k == 0 || k == 10 ? "#444" : "#e4e4e4";
      s.append(line(px(v), py(0), px(v), py(1), grid, 1));
      s.append(line(px(0), py(v), px(1), py(v), grid, 1));
      if (k % 2 == 0) {
        s.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.1f</text>%n",
                px(v),
                py(0) + 18,
                v));
        s.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n",
                px(0) - 6,
                py(v) + 4,
                v));
      }
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\""
                + " stroke-dasharray=\"5,4\"/>%n",
            px(0),
            py(0),
            px(1),
            py(1)));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
                + "1 - specificity (false positive rate)</text>%n",
            px(0.5),
            py(0) + 38));
    s.append(
        String.format(
            Locale.ROOT,
            "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">"
                + "sensitivity (true positive rate)</text>%n",
            py(0.5)));
    for (int i = 0; i < curves.size(); i++) {
      Evaluation e = curves.get(i);
      String c = colour(i);
      StringBuilder pts = new StringBuilder();
      for (RocPoint p : e.roc()) {
        pts.append(String.format(Locale.ROOT, "%.2f,%.2f ", px(p.fpr()), py(p.tpr())));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
              c,
              pts.toString().strip()));
      RocPoint op = at(e, e.confusion());
      RocPoint yp = at(e, e.youdenConfusion());
      s.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"5\" fill=\"%s\"><title>threshold %s"
                  + "</title></circle>%n",
              px(op.fpr()),
              py(op.tpr()),
              c,
              num(e.threshold())));
      s.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"7\" fill=\"none\" stroke=\"%s\""
                  + " stroke-width=\"2\"><title>Youden threshold %s</title></circle>%n",
              px(yp.fpr()),
              py(yp.tpr()),
              c,
              num(e.youdenThreshold())));
      int ly = legendY(i);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                  + " stroke-width=\"3\"/>%n",
              LEFT,
              ly - 4,
              LEFT + 24,
              ly - 4,
              c));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\">%s</text>%n",
              LEFT + 32,
              ly,
              escape(legend(e))));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" fill=\"#555\" font-size=\"11\">%s</text>%n",
            LEFT,
            height() - 8,
            escape(key())));
    s.append("</svg>\n");
    return s.toString();
  }

  /**
   * The title's font size in the SVG: 15, smaller for a long title (bold sans is about 0.62 em a
   * character).
   */
  private double titleSize() {
    return Math.max(8, Math.min(15, (WIDTH - TITLE_X - 8) / (0.62 * Math.max(1, title.length()))));
  }

  private String key() {
    return "dot: operating point at threshold "
        + num(curves.get(0).threshold())
        + "; ring: Youden-optimal threshold";
  }

  private int legendY(int i) {
    return TOP + PLOT + 62 + LEGEND_ROW * i - 6;
  }

  BufferedImage png(int scale) {
    BufferedImage img =
        new BufferedImage(width() * scale, height() * scale, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.scale(scale, scale);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width(), height());
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
      float size = 15f;
      g.setFont(font.deriveFont(Font.BOLD, size));
      while (size > 8 && g.getFontMetrics().stringWidth(title) > WIDTH - TITLE_X - 8) {
        size -= 0.5f;
        g.setFont(font.deriveFont(Font.BOLD, size));
      }
      g.setColor(Color.BLACK);
      g.drawString(title, TITLE_X, 24);
      g.setFont(font);
      for (int k = 0; k <= 10; k++) {
        double v = k / 10.0;
        g.setColor(k == 0 || k == 10 ? new Color(0x444444) : new Color(0xe4e4e4));
        g.setStroke(new BasicStroke(1));
        g.draw(new Line2D.Double(px(v), py(0), px(v), py(1)));
        g.draw(new Line2D.Double(px(0), py(v), px(1), py(v)));
        if (k % 2 == 0) {
          g.setColor(Color.BLACK);
          String t = String.format(Locale.ROOT, "%.1f", v);
          int w = g.getFontMetrics().stringWidth(t);
          g.drawString(t, (float) (px(v) - w / 2.0), (float) (py(0) + 18));
          g.drawString(t, (float) (px(0) - 6 - w), (float) (py(v) + 4));
        }
      }
      g.setColor(new Color(0x999999));
      g.setStroke(
          new BasicStroke(
              1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
      g.draw(new Line2D.Double(px(0), py(0), px(1), py(1)));
      g.setColor(Color.BLACK);
      String xl = "1 - specificity (false positive rate)";
      g.drawString(
          xl, (float) (px(0.5) - g.getFontMetrics().stringWidth(xl) / 2.0), (float) (py(0) + 38));
      String yl = "sensitivity (true positive rate)";
      Graphics2D r = (Graphics2D) g.create();
      r.translate(18, py(0.5));
      r.rotate(-Math.PI / 2);
      r.drawString(yl, -r.getFontMetrics().stringWidth(yl) / 2f, 0);
      r.dispose();
      for (int i = 0; i < curves.size(); i++) {
        Evaluation e = curves.get(i);
        Color c = Color.decode(colour(i));
        Path2D.Double path = new Path2D.Double();
        boolean first = true;
        for (RocPoint p : e.roc()) {
          if (first) {
            path.moveTo(px(p.fpr()), py(p.tpr()));
            first = false;
          } else {
            path.lineTo(px(p.fpr()), py(p.tpr()));
          }
        }
        g.setColor(c);
        g.setStroke(new BasicStroke(2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        RocPoint op = at(e, e.confusion());
        RocPoint yp = at(e, e.youdenConfusion());
        g.fill(new Ellipse2D.Double(px(op.fpr()) - 5, py(op.tpr()) - 5, 10, 10));
        g.draw(new Ellipse2D.Double(px(yp.fpr()) - 7, py(yp.tpr()) - 7, 14, 14));
        int ly = legendY(i);
        g.setStroke(new BasicStroke(3));
        g.draw(new Line2D.Double(LEFT, ly - 4, LEFT + 24, ly - 4));
        g.setColor(Color.BLACK);
        g.drawString(legend(e), LEFT + 32, ly);
      }
      g.setColor(new Color(0x555555));
      g.setFont(font.deriveFont(11f));
      g.drawString(key(), LEFT, height() - 8);
    } finally {
      g.dispose();
    }
    return img;
  }

  private static String line(
      double x1, double y1, double x2, double y2, String colour, double width) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
            + " stroke-width=\"%.1f\"/>%n",
        x1,
        y1,
        x2,
        y2,
        colour,
        width);
  }

  static String num(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "+inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
