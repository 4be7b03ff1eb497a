package d2l.plot;

import java.awt.geom.Rectangle2D;
import java.util.List;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A grid of plots in one figure, row by row (matplotlib's {@code plt.subplots(rows, cols)} as the book
 * uses it in sec_convexity: three functions side by side).
 *
 * <pre>{@code
 * Subplots.of(3, new Plot().series(x, f), new Plot().series(x, g), new Plot().series(x, h))
 *     .figsize(9, 3).show();
 * }</pre>
 *
 * <p>Each cell is {@code width / cols} by {@code height / rows}; the plots' own {@code figsize} is
 * ignored. The default size is 3 x 2.5 inches per cell.
 */
public final class Subplots {

    private final int cols;
    private final List<Plot> plots;
    private double widthIn;
    private double heightIn;

    private Subplots(int cols, List<Plot> plots) {
        this.cols = cols;
        this.plots = plots;
        this.widthIn = 3.0 * cols;
        this.heightIn = 2.5 * rows();
    }

    /**
     * @param cols plots per row (at least 1); the number of rows follows from the number of plots
     * @throws IllegalArgumentException if cols &lt; 1, no plot is given or one is null
     */
    public static Subplots of(int cols, Plot... plots) {
        if (cols < 1) {
            throw new IllegalArgumentException("Subplots.of(cols=" + cols + ", ...): cols must be at least 1");
        }
        if (plots == null || plots.length == 0) {
            throw new IllegalArgumentException("Subplots.of(" + cols + "): give at least one plot");
        }
        for (int i = 0; i < plots.length; i++) {
            if (plots[i] == null) {
                throw new IllegalArgumentException("Subplots.of: plot " + i + " is null");
            }
        }
        return new Subplots(cols, List.of(plots));
    }

    /** Size of the whole figure in inches (default 3 x 2.5 per cell). */
    public Subplots figsize(double width, double height) {
        new Axes().figsize(width, height); // same check and message as Plot
        widthIn = width;
        heightIn = height;
        return this;
    }

    private int rows() {
        return (plots.size() + cols - 1) / cols;
    }

    /** Renders all plots into one static SVG figure. */
    public Figure figure() {
        int rows = rows();
        int w = (int) Math.round(widthIn * ChartSpec.PX_PER_INCH);
        int h = (int) Math.round(heightIn * ChartSpec.PX_PER_INCH);
        double cw = (double) w / cols;
        double ch = (double) h / rows;
        SVGGraphics2D g2 = SvgRenderer.graphics(w, h, Figure.DRAFT_PREFIX);
        StringBuilder text = new StringBuilder("Subplots[" + w + "x" + h + " px; " + rows + " x " + cols);
        for (int i = 0; i < plots.size(); i++) {
            ChartSpec spec = plots.get(i).spec(cw / ChartSpec.PX_PER_INCH, ch / ChartSpec.PX_PER_INCH);
            Rectangle2D cell = new Rectangle2D.Double((i % cols) * cw, (i / cols) * ch, cw, ch);
            SvgRenderer.draw(spec, Figure.DRAFT_PREFIX + "p" + i + "-", g2, cell);
            text.append(i == 0 ? "; " : ", ").append(new Figure(spec).toString());
        }
        String svg = g2.getSVGElement(Figure.DRAFT_PREFIX + "svg", true, new ViewBox(0, 0, w, h), null, null);
        return Figure.ofSvg(svg, w, text.append("]").toString());
    }

    /** Renders and displays the figure (in Jupyter; see {@link Jupyter#display}). */
    public void show() {
        Jupyter.display(figure());
    }

    @Override
    public String toString() {
        return "Subplots[" + plots.size() + " plots, " + cols + (cols == 1 ? " column]" : " columns]");
    }
}
