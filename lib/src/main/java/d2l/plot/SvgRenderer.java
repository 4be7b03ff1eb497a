package d2l.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.Size2D;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.ViewBox;

/**
 * Draws a {@link ChartSpec} as SVG with JFreeChart on JFreeSVG, styled after the book's matplotlib
 * figures: boxed axes, outward ticks, light grid, legend inside the axes at the emptiest corner.
 */
final class SvgRenderer {

    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color GRID = new Color(0xd0, 0xd0, 0xd0);
    private static final float LINE_WIDTH = 1.5f;

    static {
        // JFreeChart draws rotated text (the y label) through TextLayout by default, a workaround for
        // old raster bugs; on SVGGraphics2D that turns the label into glyph outlines. Plain drawString
        // keeps it a <text> element: searchable, selectable, in the page's font.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private SvgRenderer() { }

    /** The SVG text and where the legend went (the interactive view reuses the corner). */
    record Result(String svg, Corner legendCorner) { }

    /** Legend corners in matplotlib's order of preference for {@code loc='best'}. */
    enum Corner {
        UPPER_RIGHT(1, 1), UPPER_LEFT(0, 1), LOWER_LEFT(0, 0), LOWER_RIGHT(1, 0);

        final int right;
        final int top;

        Corner(int right, int top) {
            this.right = right;
            this.top = top;
        }
    }

    /**
     * @param idPrefix prefix of every id in the SVG (clip paths, series paths); {@link Figure}
     *     swaps it for a fresh one each time it embeds the SVG in HTML so ids never clash in a page
     */
    static Result render(ChartSpec spec, String idPrefix) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (ChartSpec.Series s : spec.series()) {
            // Keep insertion order and duplicates: the data are a curve, not a function table.
            XYSeries xy = new XYSeries(s.name() + "\u0000" + dataset.getSeriesCount(), false, true);
            for (int i = 0; i < s.size(); i++) {
                xy.add(s.x()[i], s.y()[i], false);
            }
            dataset.addSeries(xy);
        }

        ValueAxis xAxis = axis(spec.xlabel(), spec.xlog(), spec.xlim());
        ValueAxis yAxis = axis(spec.ylabel(), spec.ylog(), spec.ylim());
        SeriesRenderer renderer = new SeriesRenderer(idPrefix, spec.series());
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // later series on top, as in matplotlib
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.BLACK);
        plot.setOutlineStroke(new BasicStroke(0.8f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        BasicStroke gridStroke = new BasicStroke(0.8f);
        plot.setDomainGridlineStroke(gridStroke);
        plot.setRangeGridlineStroke(gridStroke);
        plot.setDomainMinorGridlinesVisible(false);
        plot.setRangeMinorGridlinesVisible(false);
        // Automatic limits come from the data; pin the configured ones after the plot has set up the axes.
        applyLimits(xAxis, spec.xlim());
        applyLimits(yAxis, spec.ylim());

        CornerLegend legend = null;
        if (spec.legend()) {
            LegendTitle title = new LegendTitle(renderer);
            title.setItemFont(LEGEND_FONT);
            title.setBackgroundPaint(new Color(255, 255, 255, 220));
            title.setFrame(new BlockBorder(0.8, 0.8, 0.8, 0.8, new Color(0xcc, 0xcc, 0xcc)));
            title.setItemLabelPadding(new RectangleInsets(1, 4, 1, 2));
            title.setLegendItemGraphicPadding(new RectangleInsets(1, 2, 1, 2));
            title.setPadding(new RectangleInsets(3, 4, 3, 6));
            title.setPosition(RectangleEdge.RIGHT); // stacks the items vertically, as matplotlib does
            legend = new CornerLegend(title, spec);
            plot.addAnnotation(legend);
        }

        JFreeChart chart = new JFreeChart(null, LABEL_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 4, 4, 12));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);

        int w = spec.widthPx();
        int h = spec.heightPx();
        SVGGraphics2D g2 = new SVGGraphics2D(w, h);
        g2.setDefsKeyPrefix(idPrefix);
        chart.draw(g2, new Rectangle2D.Double(0, 0, w, h));
        String svg = g2.getSVGElement(idPrefix + "svg", true, new ViewBox(0, 0, w, h), null, null);
        return new Result(svg, legend == null ? Corner.UPPER_RIGHT : legend.chosen);
    }

    private static ValueAxis axis(String label, boolean log, double[] lim) {
        ValueAxis axis;
        if (log) {
            axis = new DecadeLogAxis(label);
        } else {
            NumberAxis n = new NumberAxis(label);
            n.setAutoRangeIncludesZero(false);
            n.setAutoRangeStickyZero(false);
            axis = n;
        }
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(Color.BLACK);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setAxisLineVisible(false); // the plot outline already draws the box
        axis.setTickMarkPaint(Color.BLACK);
        axis.setTickMarkStroke(new BasicStroke(0.8f));
        axis.setTickMarkInsideLength(0f);
        axis.setTickMarkOutsideLength(3.5f);
        axis.setMinorTickMarksVisible(log);
        axis.setMinorTickMarkOutsideLength(2f);
        axis.setMinorTickMarkInsideLength(0f);
        axis.setTickLabelInsets(new RectangleInsets(2, 2, 2, 2));
        axis.setLabelInsets(new RectangleInsets(2, 2, 2, 2));
        axis.setLowerMargin(0.05);
        axis.setUpperMargin(0.05);
        return axis;
    }

    private static void applyLimits(ValueAxis axis, double[] lim) {
        if (lim != null) {
            axis.setRange(new Range(lim[0], lim[1]), true, false);
        }
    }

    /**
     * The legend inside the axes at matplotlib's {@code loc='best'} in small: of the four corners (in
     * {@link Corner}'s order, ties to the earlier), the one whose legend box covers the fewest data
     * points, counting points along each line segment too. Placed in pixels, which also keeps it
     * right on log axes (XYTitleAnnotation's relative placement is linear in data space).
     */
    private static final class CornerLegend extends AbstractXYAnnotation {
        private static final double PAD = 6;
        private static final int STEPS = 8; // samples per line segment
        private final LegendTitle title;
        private final transient ChartSpec spec;
        Corner chosen = Corner.UPPER_RIGHT;

        CornerLegend(LegendTitle title, ChartSpec spec) {
            this.title = title;
            this.spec = spec;
        }

        @Override
        public void draw(Graphics2D g2, XYPlot plot, Rectangle2D area, ValueAxis xAxis, ValueAxis yAxis,
                         int rendererIndex, PlotRenderingInfo info) {
            Size2D size = title.arrange(g2, new RectangleConstraint(
                    new Range(0, area.getWidth() * 0.7), new Range(0, area.getHeight())));
            int[] hits = new int[Corner.values().length];
            Rectangle2D[] boxes = new Rectangle2D[hits.length];
            for (Corner c : Corner.values()) {
                double x = c.right == 1 ? area.getMaxX() - PAD - size.width : area.getMinX() + PAD;
                double y = c.top == 1 ? area.getMinY() + PAD : area.getMaxY() - PAD - size.height;
                boxes[c.ordinal()] = new Rectangle2D.Double(x, y, size.width, size.height);
            }
            for (ChartSpec.Series s : spec.series()) {
                double px = Double.NaN;
                double py = Double.NaN;
                for (int i = 0; i < s.size(); i++) {
                    double qx = xAxis.valueToJava2D(s.x()[i], area, RectangleEdge.BOTTOM);
                    double qy = yAxis.valueToJava2D(s.y()[i], area, RectangleEdge.LEFT);
                    if (Double.isFinite(qx) && Double.isFinite(qy)) {
                        boolean segment = Double.isFinite(px) && Double.isFinite(py);
                        for (int k = segment ? 1 : STEPS; k <= STEPS; k++) {
                            double t = (double) k / STEPS;
                            double sx = segment ? px + t * (qx - px) : qx;
                            double sy = segment ? py + t * (qy - py) : qy;
                            for (int c = 0; c < boxes.length; c++) {
                                if (boxes[c].contains(sx, sy)) {
                                    hits[c]++;
                                }
                            }
                        }
                    }
                    px = qx;
                    py = qy;
                }
            }
            Corner best = Corner.UPPER_RIGHT;
            for (Corner c : Corner.values()) {
                if (hits[c.ordinal()] < hits[best.ordinal()]) {
                    best = c;
                }
            }
            chosen = best;
            title.draw(g2, boxes[best.ordinal()]);
        }
    }

    static BasicStroke stroke(LineFormat.Dash dash) {
        // matplotlib's dash patterns (in units of line width) scaled to a 1.5 px line.
        float[] pattern = switch (dash) {
            case SOLID -> null;
            case DASHED -> new float[] {5.55f, 2.4f};
            case DASH_DOT -> new float[] {9.6f, 2.4f, 1.5f, 2.4f};
            case DOTTED -> new float[] {1.5f, 2.475f};
        };
        if (pattern == null) {
            return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_ROUND);
        }
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, pattern, 0f);
    }

    /** Lines only, one SVG path per series (with an id), the legend showing the line style. */
    private static final class SeriesRenderer extends XYLineAndShapeRenderer {
        private final String idPrefix;

        SeriesRenderer(String idPrefix, List<ChartSpec.Series> series) {
            super(true, false);
            this.idPrefix = idPrefix;
            setDrawSeriesLineAsPath(true);
            setLegendLine(new Line2D.Double(-10, 0, 10, 0));
            setAutoPopulateSeriesPaint(false);
            setAutoPopulateSeriesStroke(false);
            for (int i = 0; i < series.size(); i++) {
                LineFormat f = series.get(i).format();
                setSeriesPaint(i, Color.decode(f.color()));
                setSeriesStroke(i, stroke(f.dash()));
            }
            // Series keys carry an index so equal names stay separate series; the legend shows the name.
            setLegendItemLabelGenerator((dataset, s) -> series.get(s).name());
        }

        @Override
        protected void drawFirstPassShape(Graphics2D g2, int pass, int s, int item, Shape shape) {
            g2.setRenderingHint(SVGHints.KEY_ELEMENT_ID, idPrefix + "series-" + s);
            super.drawFirstPassShape(g2, pass, s, item, shape);
        }
    }

    /**
     * Log axis with matplotlib-like ticks: labelled powers of ten (with unlabelled 2..9 minor ticks)
     * when the range spans a decade or more, otherwise round values inside the range, still placed
     * logarithmically. JFreeChart's own LogAxis labels fractional exponents inside one decade.
     */
    static final class DecadeLogAxis extends LogAxis {
        DecadeLogAxis(String label) {
            super(label);
            setSmallestValue(1e-300);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            boolean vertical = RectangleEdge.isLeftOrRight(edge);
            TextAnchor anchor = vertical ? TextAnchor.CENTER_RIGHT : TextAnchor.TOP_CENTER;
            List<NumberTick> ticks = new ArrayList<>();
            for (double[] t : logTicks(getLowerBound(), getUpperBound())) {
                boolean major = t[1] > 0;
                ticks.add(new NumberTick(major ? TickType.MAJOR : TickType.MINOR, t[0],
                        major ? label(t[0], t[1] == 2) : "", anchor, anchor, 0.0));
            }
            return ticks;
        }

        /** Each row {value, kind}: kind 0 minor, 1 plain major, 2 major labelled as a power of ten. */
        static List<double[]> logTicks(double lo, double hi) {
            List<double[]> out = new ArrayList<>();
            int e0 = (int) Math.floor(Math.log10(lo));
            int e1 = (int) Math.ceil(Math.log10(hi));
            int powersInside = 0;
            for (int e = e0; e <= e1; e++) {
                double p = Math.pow(10, e);
                if (p >= lo * (1 - 1e-12) && p <= hi * (1 + 1e-12)) {
                    powersInside++;
                }
            }
            if (powersInside >= 2) {
                int step = Math.max(1, (int) Math.ceil((e1 - e0) / 8.0)); // at most ~8 labels
                for (int e = e0; e <= e1; e++) {
                    double p = Math.pow(10, e);
                    if (e % step == 0 && inside(p, lo, hi)) {
                        out.add(new double[] {p, 2});
                    }
                    if (step == 1) {
                        for (int m = 2; m <= 9; m++) {
                            if (inside(m * p, lo, hi)) {
                                out.add(new double[] {m * p, 0});
                            }
                        }
                    }
                }
            } else {
                // Less than two decades' marks in view: round linear steps, about five of them.
                double step = niceStep((hi - lo) / 5);
                for (double k = Math.ceil(lo / step); k * step <= hi * (1 + 1e-12); k++) {
                    double v = k * step;
                    if (v > 0) {
                        out.add(new double[] {v, 1});
                    }
                }
            }
            return out;
        }

        private static boolean inside(double v, double lo, double hi) {
            return v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12);
        }

        static double niceStep(double raw) {
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double r = raw / mag;
            double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
            return nice * mag;
        }

        private static String label(double v, boolean power) {
            if (power) {
                int e = (int) Math.round(Math.log10(v));
                return "10" + superscript(e);
            }
            DecimalFormat f = new DecimalFormat("0.######", DecimalFormatSymbols.getInstance(Locale.ROOT));
            return Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6 ? String.format(Locale.ROOT, "%.3g", v) : f.format(v);
        }

        static String superscript(int e) {
            String digits = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
            StringBuilder sb = new StringBuilder();
            for (char c : Integer.toString(e).toCharArray()) {
                sb.append(c == '-' ? '\u207b' : digits.charAt(c - '0'));
            }
            return sb.toString();
        }
    }
}
