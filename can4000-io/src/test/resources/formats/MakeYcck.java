import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.File;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes ycck.jpg for the decoder tests: a JPEG whose Adobe APP14 marker says transform 2 (YCCK),
 * as Photoshop writes CMYK JPEGs. Pillow and OpenCV cannot write YCCK, the JDK's JPEG writer can.
 * Run by make_formats.py as {@code java MakeYcck.java <source.jpg> <out.jpg>} (JDK only, no
 * class path); not part of the Maven build.
 *
 * <p>It takes a 240x160 crop (the one of progressive.jpg), converts it naively to CMYK stored
 * inverted (the Adobe convention), then to YCCK exactly as libjpeg's cmyk_ycck_convert does
 * (YCbCr of 255 - C, 255 - M, 255 - Y; K unchanged), and writes those samples unconverted.
 */
public class MakeYcck {
  /** A naive CMYK colour space: just enough for the JPEG writer to pick its CMYK defaults. */
  static final class NaiveCmyk extends ColorSpace {
    private static final long serialVersionUID = 1L;

    NaiveCmyk() {
      super(ColorSpace.TYPE_CMYK, 4);
    }

    @Override
    public float[] toRGB(float[] v) {
      return new float[] {(1 - v[0]) * (1 - v[3]), (1 - v[1]) * (1 - v[3]), (1 - v[2]) * (1 - v[3])};
    }

    @Override
    public float[] fromRGB(float[] rgb) {
      float k = 1 - Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
      float d = k >= 1 ? 1 : 1 - k;
      return new float[] {(1 - rgb[0] - k) / d, (1 - rgb[1] - k) / d, (1 - rgb[2] - k) / d, k};
    }

    @Override
    public float[] toCIEXYZ(float[] v) {
      return ColorSpace.getInstance(CS_sRGB).toCIEXYZ(toRGB(v));
    }

    @Override
    public float[] fromCIEXYZ(float[] v) {
      return fromRGB(ColorSpace.getInstance(CS_sRGB).fromCIEXYZ(v));
    }
  }

  static int clamp(long v) {
    return (int) Math.max(0, Math.min(255, v));
  }

  public static void main(String[] args) throws Exception {
    BufferedImage rgb = ImageIO.read(new File(args[0]));
    int w = 240;
    int h = 160;
    WritableRaster ycck = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = rgb.getRGB(x + 8, y + 48);
        int c = 255 - (p >> 16 & 255);
        int m = 255 - (p >> 8 & 255);
        int ye = 255 - (p & 255);
        int k = Math.min(c, Math.min(m, ye));
        int cs = 255 - (c - k); // stored inverted
        int ms = 255 - (m - k);
        int ys = 255 - (ye - k);
        int ks = 255 - k;
        double r = 255 - cs;
        double g = 255 - ms;
        double b = 255 - ys;
        ycck.setPixel(x, y, new int[] {
            clamp(Math.round(0.299 * r + 0.587 * g + 0.114 * b)),
            clamp(Math.round(-0.168736 * r - 0.331264 * g + 0.5 * b + 128)),
            clamp(Math.round(0.5 * r - 0.418688 * g - 0.081312 * b + 128)),
            ks});
      }
    }
    ImageWriter writer = null;
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
      ImageWriter candidate = it.next();
      if (candidate.getClass().getName().startsWith("com.sun.")) {
        writer = candidate;
      }
    }
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.9f);
    ImageTypeSpecifier type = ImageTypeSpecifier.createInterleaved(
        new NaiveCmyk(), new int[] {0, 1, 2, 3}, DataBuffer.TYPE_BYTE, false, false);
    IIOMetadata metadata = writer.getDefaultImageMetadata(type, param);
    String format = "javax_imageio_jpeg_image_1.0";
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
    IIOMetadataNode adobe = (IIOMetadataNode) root.getElementsByTagName("app14Adobe").item(0);
    adobe.setAttribute("transform", "2"); // YCCK
    metadata.setFromTree(format, root);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(new File(args[1]))) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(ycck, null, metadata), param); // a Raster: written unconverted
    }
    writer.dispose();
  }
}
