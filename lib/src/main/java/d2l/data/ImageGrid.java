package d2l.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.ejml.data.DMatrixRMaj;

/**
 * Grayscale images in a grid with a title above each (the book's {@code d2l.show_images}): a static
 * SVG whose tiles are small PNG images, drawn pixel by pixel. Made by
 * {@link FashionMnist#showImages(DMatrixRMaj, int, int, List)}.
 */
public final class ImageGrid {
    /** Pixels per image pixel in the SVG (28 × 28 images become 56 × 56). */
    static final int ZOOM = 2;
    static final int TITLE = 16, GAP = 6;
    private static final AtomicInteger FILES = new AtomicInteger();

    private final String svg;
    private final int count;

    /**
     * @param X      one image per row, {@code height × width} values in [0, 1] (0 black, 1 white; values
     *               outside are clipped)
     * @param titles one per shown image, or null
     */
    public ImageGrid(DMatrixRMaj X, int height, int width, int numRows, int numCols, List<String> titles) {
        if (numRows < 1 || numCols < 1) {
            throw new IllegalArgumentException("numRows and numCols must be >= 1, got " + numRows + " and " + numCols);
        }
        if (X.numCols != height * width) {
            throw new IllegalArgumentException("each row of X must hold one " + height + "x" + width + " image ("
                    + height * width + " values), got " + X.numCols + " columns");
        }
        count = Math.min(X.numRows, numRows * numCols);
        if (titles != null && titles.size() < count) {
            throw new IllegalArgumentException("got " + titles.size() + " titles for " + count + " images");
        }
        int cellW = width * ZOOM + GAP, cellH = height * ZOOM + GAP + (titles == null ? 0 : TITLE);
        int w = numCols * cellW, h = ((count + numCols - 1) / numCols) * cellH;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">\n");
        for (int k = 0; k < count; k++) {
            int x = (k % numCols) * cellW + GAP / 2, y = (k / numCols) * cellH + GAP / 2;
            if (titles != null) {
                sb.append("<text x=\"").append(x + width * ZOOM / 2).append("\" y=\"").append(y + TITLE - 4)
                        .append("\" font-family=\"sans-serif\" font-size=\"11\" text-anchor=\"middle\">")
                        .append(escape(titles.get(k))).append("</text>\n");
                y += TITLE;
            }
            sb.append("<image x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(width * ZOOM)
                    .append("\" height=\"").append(height * ZOOM)
                    .append("\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,")
                    .append(png(X.data, k * height * width, height, width)).append("\"/>\n");
        }
        svg = sb.append("</svg>\n").toString();
    }

    /** The grid as a standalone SVG document. */
    public String svg() { return svg; }

    /** Number of images drawn. */
    public int size() { return count; }

    /** Shows the grid in the notebook; outside one, writes {@code images-<n>.svg} into {@code D2L_PLOT_DIR} if set. */
    public void show() {
        if (d2l.plot.Jupyter.inKernel()) {
            Kernel.display(svg, toString());
            return;
        }
        String dir = System.getProperty("D2L_PLOT_DIR", System.getenv("D2L_PLOT_DIR"));
        if (dir != null && !dir.isBlank()) {
            try {
                Path folder = Path.of(dir);
                Files.createDirectories(folder);
                Files.writeString(folder.resolve("images-" + FILES.incrementAndGet() + ".svg"), svg, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the image grid into " + dir, e);
            }
        }
    }

    @Override
    public String toString() { return String.format(Locale.ROOT, "ImageGrid(%d images)", count); }

    private static String png(double[] data, int off, int height, int width) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < height * width; i++) {
            double v = Math.max(0, Math.min(1, data[off + i]));
            px[i] = (byte) Math.round(v * 255);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Kernel types are touched only here, after {@code Jupyter.inKernel()} found the kernel. */
    private static final class Kernel {
        static void display(String svg, String text) {
            org.rapaio.jupyter.kernel.display.DisplayData dd =
                    org.rapaio.jupyter.kernel.display.DisplayData.fromText(text);
            dd.putData("image/svg+xml", svg);
            org.rapaio.jupyter.kernel.MainApp.kernel.display(dd);
        }
    }
}
