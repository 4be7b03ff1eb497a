package d2l.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

import org.jfree.chart3d.Chart3D;
import org.jfree.chart3d.axis.NumberAxis3D;
import org.jfree.chart3d.data.Range;
import org.jfree.chart3d.data.xyz.XYZSeriesCollection;
import org.jfree.chart3d.graphics3d.Dimension3D;
import org.jfree.chart3d.graphics3d.Object3D;
import org.jfree.chart3d.graphics3d.ViewPoint3D;
import org.jfree.chart3d.graphics3d.World;
import org.jfree.chart3d.plot.XYZPlot;
import org.jfree.chart3d.renderer.GradientColorScale;
import org.jfree.chart3d.renderer.xyz.SurfaceRenderer;
import org.jfree.chart3d.table.StandardRectanglePainter;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A 3-D surface {@code z = f(x, y)} as a static SVG, for figures such as the saddle {@code x² - y²} of
 * sec_optimization-intro (the book draws a matplotlib wireframe; we draw a shaded surface).
 *
 * <pre>{@code
 * new Surface3d((x, y) -> x * x - y * y, -1, 1, -1, 1)
 *     .xlabel("x").ylabel("y").zlabel("z").marker(0, 0, 0).show();
 * }</pre>
 *
 * <p>Drawn by Orson Charts ({@code org.jfree.chart3d}), the 3-D sibling of JFreeChart: it projects and
 * shades the faces itself and paints them on any {@code Graphics2D}, so JFreeSVG turns the picture
 * into vector SVG that needs no JavaScript. Orson's vertical axis is its y axis, so our y (depth)
 * goes to Orson's z axis. f is sampled on a 16 x 16 grid (a finer grid costs size, not clarity);
 * points where f is NaN or infinite are left out of the faces.
 */
public final class Surface3d {

    private static final int SAMPLES = 16;
    private final DoubleBinaryOperator f;
    private final double xlo;
    private final double xhi;
    private final double ylo;
    private final double yhi;
    private String xlabel = "x";
    private String ylabel = "y";
    private String zlabel = "z";
    private double widthIn = 4.5;
    private double heightIn = 3.5;
    private final List<double[]> markers = new ArrayList<>();

    /**
     * @throws IllegalArgumentException if f is null or the box is not finite with lo &lt; hi
     */
    public Surface3d(DoubleBinaryOperator f, double xlo, double xhi, double ylo, double yhi) {
        if (f == null) {
            throw new IllegalArgumentException("Surface3d: f is null; pass a function such as (x, y) -> x * x - y * y");
        }
        if (!Double.isFinite(xlo) || !Double.isFinite(xhi) || !(xlo < xhi)
                || !Double.isFinite(ylo) || !Double.isFinite(yhi) || !(ylo < yhi)) {
            throw new IllegalArgumentException("Surface3d: the box x in [" + xlo + ", " + xhi + "], y in [" + ylo + ", "
                    + yhi + "] needs finite bounds with lo < hi");
        }
        this.f = f;
        this.xlo = xlo;
        this.xhi = xhi;
        this.ylo = ylo;
        this.yhi = yhi;
    }

    public Surface3d xlabel(String label) {
        xlabel = label == null ? "" : label;
        return this;
    }

    public Surface3d ylabel(String label) {
        ylabel = label == null ? "" : label;
        return this;
    }

    public Surface3d zlabel(String label) {
        zlabel = label == null ? "" : label;
        return this;
    }

    /** Figure size in inches (default 4.5 x 3.5); drawn at 100 px per inch. */
    public Surface3d figsize(double width, double height) {
        new Axes().figsize(width, height); // same check and message as Plot
        widthIn = width;
        heightIn = height;
        return this;
    }

    /**
     * Highlights the point {@code (x, y, z)} with a red marker (the book's {@code ax.plot([0], [0], [0], 'rx')}).
     *
     * @throws IllegalArgumentException if a coordinate is not finite
     */
    public Surface3d marker(double x, double y, double z) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("marker(" + x + ", " + y + ", " + z + "): coordinates must be finite");
        }
        markers.add(new double[] {x, y, z});
        return this;
    }

    /** Renders the surface as a static SVG figure. */
    public Figure figure() {
        double zmin = Double.POSITIVE_INFINITY;
        double zmax = Double.NEGATIVE_INFINITY;
        int bad = 0;
        for (int i = 0; i <= SAMPLES; i++) {
            for (int j = 0; j <= SAMPLES; j++) {
                double v = f.applyAsDouble(xlo + (xhi - xlo) * i / SAMPLES, ylo + (yhi - ylo) * j / SAMPLES);
                if (Double.isFinite(v)) {
                    zmin = Math.min(zmin, v);
                    zmax = Math.max(zmax, v);
                } else {
                    bad++;
                }
            }
        }
        if (bad == (SAMPLES + 1) * (SAMPLES + 1)) {
            throw new IllegalArgumentException("Surface3d: f is NaN or infinite everywhere on the box; nothing to draw");
        }
        for (double[] m : markers) {
            zmin = Math.min(zmin, m[2]);
            zmax = Math.max(zmax, m[2]);
        }
        if (!(zmax > zmin)) {
            zmin -= 0.5;
            zmax += 0.5;
        }
        MarkedSurface renderer = new MarkedSurface(f, markers);
        renderer.setXSamples(SAMPLES);
        renderer.setZSamples(SAMPLES);
        renderer.setColorScale(new GradientColorScale(new Range(zmin, zmax), new Color(0x44, 0x01, 0x54),
                new Color(0xfd, 0xe7, 0x25)));
        renderer.setDrawFaceOutlines(false);
        NumberAxis3D x = axis(xlabel, xlo, xhi);
        NumberAxis3D up = axis(zlabel, zmin, zmax);
        NumberAxis3D depth = axis(ylabel, ylo, yhi);
        XYZPlot plot = new XYZPlot(new XYZSeriesCollection<String>(), renderer, x, up, depth);
        plot.setDimensions(new Dimension3D(10, 7, 10));
        Color grid = new Color(0xd0, 0xd0, 0xd0);
        plot.setGridlinePaintX(grid);
        plot.setGridlinePaintY(grid);
        plot.setGridlinePaintZ(grid);
        Chart3D chart = new Chart3D(null, null, plot);
        chart.setLegendBuilder(null);
        fonts(x, up, depth);
        chart.setBackground(new StandardRectanglePainter(Color.WHITE));
        chart.setChartBoxColor(new Color(255, 255, 255, 0));
        int w = (int) Math.round(widthIn * ChartSpec.PX_PER_INCH);
        int h = (int) Math.round(heightIn * ChartSpec.PX_PER_INCH);
        ViewPoint3D view = ViewPoint3D.createAboveLeftViewPoint(40);
        // Orson's viewer "zoom to fit": back off until the box fills most of the figure, leaving room for labels.
        view.setRho(view.optimalDistance(new java.awt.Dimension((int) (w * 0.72), (int) (h * 0.72)),
                plot.getDimensions(), chart.getProjDistance()));
        chart.setViewPoint(view);
        SVGGraphics2D g2 = SvgRenderer.graphics(w, h, Figure.DRAFT_PREFIX);
        chart.draw(g2, new Rectangle2D.Double(0, 0, w, h));
        String svg = g2.getSVGElement(Figure.DRAFT_PREFIX + "svg", true, new ViewBox(0, 0, w, h), null, null);
        String text = "Surface3d[" + w + "x" + h + " px; " + zlabel + " = f(" + xlabel + ", " + ylabel + ") on ["
                + Axes.shortNumber(xlo) + ", " + Axes.shortNumber(xhi) + "] x [" + Axes.shortNumber(ylo) + ", "
                + Axes.shortNumber(yhi) + "]" + (markers.isEmpty() ? "" : "; " + markers.size()
                + (markers.size() == 1 ? " marker" : " markers"))
                + (bad == 0 ? "" : "; f is NaN or infinite at " + bad + " of " + (SAMPLES + 1) * (SAMPLES + 1)
                + " grid points") + "]";
        return Figure.ofSvg(svg, w, text);
    }

    /** Renders and displays the figure (in Jupyter; see {@link Jupyter#display}). */
    public void show() {
        Jupyter.display(figure());
    }

    @Override
    public String toString() {
        return "Surface3d[" + markers.size() + (markers.size() == 1 ? " marker]" : " markers]");
    }

    private static NumberAxis3D axis(String label, double lo, double hi) {
        NumberAxis3D a = new NumberAxis3D(label, new Range(lo, hi));
        a.setAutoAdjustRange(false); // the box and the sampled range of f, not Orson's padded guess
        a.setLineStroke(new BasicStroke(0.8f));
        return a;
    }

    private static void fonts(NumberAxis3D... axes) {
        for (NumberAxis3D a : axes) {
            // After the chart exists: its style would otherwise set Orson's serif fonts.
            a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        }
    }

    /**
     * Orson's surface, composed with one four-sided face per grid cell instead of Orson's two
     * triangles (half the faces to sort and store, no diagonal seams), plus small red octahedra at
     * the marked points, in the same world so that the surface can hide them. Cells with a corner
     * where f is not finite are left out.
     */
    private static final class MarkedSurface extends SurfaceRenderer {
        private final transient DoubleBinaryOperator f;
        private final transient List<double[]> marks;

        MarkedSurface(DoubleBinaryOperator f, List<double[]> marks) {
            super((x, z) -> f.applyAsDouble(x, z));
            this.f = f;
            this.marks = List.copyOf(marks);
        }

        @Override
        public void composeAll(XYZPlot plot, World world, Dimension3D dims, double xOffset, double yOffset, double zOffset) {
            var xAxis = plot.getXAxis();
            var yAxis = plot.getYAxis();
            var zAxis = plot.getZAxis();
            int nx = getXSamples();
            int nz = getZSamples();
            for (int i = 0; i < nx; i++) {
                double x0 = xAxis.getRange().value(i / (double) nx);
                double x1 = xAxis.getRange().value((i + 1) / (double) nx);
                for (int j = 0; j < nz; j++) {
                    double z0 = zAxis.getRange().value(j / (double) nz);
                    double z1 = zAxis.getRange().value((j + 1) / (double) nz);
                    double[][] corners = {{x0, z0}, {x0, z1}, {x1, z1}, {x1, z0}};
                    double[][] world3 = new double[4][];
                    double sum = 0;
                    for (int k = 0; k < 4; k++) {
                        double v = f.applyAsDouble(corners[k][0], corners[k][1]);
                        if (Double.isFinite(v)) {
                            sum += v;
                            world3[k] = new double[] {xOffset + xAxis.translateToWorld(corners[k][0], dims.getWidth()),
                                yOffset + yAxis.translateToWorld(v, dims.getHeight()),
                                zOffset + zAxis.translateToWorld(corners[k][1], dims.getDepth())};
                        }
                    }
                    if (java.util.Arrays.stream(world3).anyMatch(java.util.Objects::isNull)) {
                        continue;
                    }
                    // Coloured by f at the centre, as Orson does (the corners' mean if f is not finite there).
                    double mid = f.applyAsDouble((x0 + x1) / 2, (z0 + z1) / 2);
                    Object3D face = new Object3D(getColorScale().valueToColor(Double.isFinite(mid) ? mid : sum / 4), false);
                    for (double[] w : world3) {
                        face.addVertex(w[0], w[1], w[2]);
                    }
                    face.addDoubleSidedFace(new int[] {0, 1, 2, 3});
                    world.add(face);
                }
            }
            for (double[] m : marks) {
                double wx = xOffset + xAxis.translateToWorld(m[0], dims.getWidth());
                double wy = yOffset + yAxis.translateToWorld(m[2], dims.getHeight());
                double wz = zOffset + zAxis.translateToWorld(m[1], dims.getDepth());
                world.add(Object3D.createOctahedron(0.35, wx, wy, wz, Color.RED));
            }
        }
    }
}
