package d2l.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
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
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.Size2D;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;
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
    private static final Font ANNOTATION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Color NOTE_COLOR = new Color(0xa0, 0x20, 0x20);
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
        UPPER_RIGHT(1, 1), UPPER_LEFT(0, 1), LOWER_LEFT(0, 0), LOWER_RIGHT(1, 0),
        /** Right of the axes, when every corner inside would cover data. */
        OUTSIDE(1, 1);

        final int right;
        final int top;

        Corner(int right, int top) {
            this.right = right;
            this.top = top;
        }
    }

    /**
     * @param idPrefix prefix of every id in the SVG (clip paths, series paths); {@link Figure}
     *     derives it from the content, so the same figure always gets the same ids
     */
    static Result render(ChartSpec spec, String idPrefix) {
        int w = spec.widthPx();
        int h = spec.heightPx();
        SVGGraphics2D g2 = graphics(w, h, idPrefix);
        Corner corner = draw(spec, idPrefix, g2, new Rectangle2D.Double(0, 0, w, h));
        String svg = g2.getSVGElement(idPrefix + "svg", true, new ViewBox(0, 0, w, h), null, null);
        return new Result(svg, corner);
    }

    /** An SVG canvas that writes coordinates with two decimals (a hundredth of a pixel). */
    static SVGGraphics2D graphics(int w, int h, String idPrefix) {
        SVGGraphics2D g2 = new SVGGraphics2D(w, h);
        g2.setDefsKeyPrefix(idPrefix);
        g2.setGeomDoubleConverter(SvgRenderer::twoDecimals);
        g2.setTransformDoubleConverter(SvgRenderer::twoDecimals);
        return g2;
    }

    static String twoDecimals(double v) {
        return Double.isFinite(v) ? SvgCompact.hundredths(Math.round(v * 100), true) : Double.toString(v);
    }

    /**
     * Draws the chart of {@code spec} into {@code area} of {@code g2}; returns the legend's corner. The
     * legend goes inside the axes at the corner that covers no data; when every corner would cover
     * some, it goes outside, to the right of the axes (matplotlib's {@code bbox_to_anchor=(1, 1)}).
     */
    static Corner draw(ChartSpec spec, String idPrefix, Graphics2D g2, Rectangle2D area) {
        if (spec.legend()) {
            // A dry run on a scratch canvas finds out whether some corner is free.
            SVGGraphics2D scratch = new SVGGraphics2D(area.getWidth(), area.getHeight());
            Built dry = build(spec, idPrefix, area, false);
            dry.chart.draw(scratch, new Rectangle2D.Double(0, 0, area.getWidth(), area.getHeight()));
            if (dry.legend.hits > 0) {
                build(spec, idPrefix, area, true).chart.draw(g2, area);
                return Corner.OUTSIDE;
            }
        }
        Built b = build(spec, idPrefix, area, false);
        b.chart.draw(g2, area);
        return b.legend == null ? Corner.UPPER_RIGHT : b.legend.chosen;
    }

    private record Built(JFreeChart chart, CornerLegend legend) { }

    private static Built build(ChartSpec spec, String idPrefix, Rectangle2D area, boolean legendOutside) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        // Two pixels per bucket: the M4 reduction stays within a pixel or two of the full line.
        int buckets = Math.max(50, (int) area.getWidth() / 2);
        for (ChartSpec.Series s : spec.series()) {
            // Keep insertion order and duplicates: the data are a curve, not a function table.
            XYSeries xy = new XYSeries(s.name() + "\u0000" + dataset.getSeriesCount(), false, true);
            double[][] pts = s.kind() == ChartSpec.Kind.LINE ? Thin.forDrawing(s.x(), s.y(), buckets)
                    : new double[][] {s.x(), s.y()};
            for (int i = 0; i < pts[0].length; i++) {
                // An infinite value (a diverged run in an Animator) is left out like NaN; the notes count it.
                double y = Double.isInfinite(pts[1][i]) ? Double.NaN : pts[1][i];
                xy.add(pts[0][i], y, false);
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
        if (spec.box() != null) {
            // matplotlib's contour sets tight limits on its grid, widened only for data outside it.
            double[] b = spec.box();
            if (spec.xlim() == null) {
                hug(xAxis, b[0], b[1], spec, true);
            }
            if (spec.ylim() == null) {
                hug(yAxis, b[2], b[3], spec, false);
            }
        }
        for (int k = 0; k < spec.annotations().size(); k++) {
            plot.addAnnotation(new TextArrow(spec.annotations().get(k), idPrefix + "annotation-" + k));
        }

        CornerLegend legend = null;
        LegendTitle outside = null;
        if (spec.legend()) {
            LegendTitle title = new LegendTitle(renderer);
            title.setItemFont(LEGEND_FONT);
            title.setBackgroundPaint(new Color(255, 255, 255, 220));
            title.setFrame(new BlockBorder(0.8, 0.8, 0.8, 0.8, new Color(0xcc, 0xcc, 0xcc)));
            title.setItemLabelPadding(new RectangleInsets(1, 4, 1, 2));
            title.setLegendItemGraphicPadding(new RectangleInsets(1, 2, 1, 2));
            title.setPadding(new RectangleInsets(3, 4, 3, 6));
            title.setPosition(RectangleEdge.RIGHT); // stacks the items vertically, as matplotlib does
            if (legendOutside) {
                title.setVerticalAlignment(org.jfree.chart.ui.VerticalAlignment.TOP);
                title.setMargin(new RectangleInsets(0, 6, 0, 0));
                outside = title;
            } else {
                legend = new CornerLegend(title, spec);
                plot.addAnnotation(legend);
            }
        }

        JFreeChart chart = new JFreeChart(null, LABEL_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 4, 4, 12));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        for (String note : spec.notes()) {
            // Under the axes, never over the data: a diverging run or NaN grid points are said in words.
            TextTitle t = new TextTitle(note, NOTE_FONT);
            t.setPaint(NOTE_COLOR);
            t.setPosition(RectangleEdge.BOTTOM);
            t.setHorizontalAlignment(HorizontalAlignment.LEFT);
            t.setPadding(new RectangleInsets(1, 2, 0, 2));
            chart.addSubtitle(t);
        }
        if (outside != null) {
            chart.addSubtitle(outside);
        }
        return new Built(chart, legend);
    }

    private static void hug(ValueAxis axis, double lo, double hi, ChartSpec spec, boolean x) {
        for (ChartSpec.Series s : spec.series()) {
            if (s.kind() == ChartSpec.Kind.CONTOUR) {
                continue;
            }
            for (double v : x ? s.x() : s.y()) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        axis.setRange(new Range(lo, hi), true, false);
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
    private static final Corner[] INSIDE = {Corner.UPPER_RIGHT, Corner.UPPER_LEFT, Corner.LOWER_LEFT, Corner.LOWER_RIGHT};

    private static final class CornerLegend extends AbstractXYAnnotation {
        private static final double PAD = 6;
        private static final int STEPS = 8; // samples per line segment
        private final LegendTitle title;
        private final transient ChartSpec spec;
        Corner chosen = Corner.UPPER_RIGHT;
        /** Data points under the legend at the chosen corner. */
        int hits;

        CornerLegend(LegendTitle title, ChartSpec spec) {
            this.title = title;
            this.spec = spec;
        }

        @Override
        public void draw(Graphics2D g2, XYPlot plot, Rectangle2D area, ValueAxis xAxis, ValueAxis yAxis,
                         int rendererIndex, PlotRenderingInfo info) {
            Size2D size = title.arrange(g2, new RectangleConstraint(
                    new Range(0, area.getWidth() * 0.7), new Range(0, area.getHeight())));
            int[] hits = new int[4];
            Rectangle2D[] boxes = new Rectangle2D[hits.length];
            for (Corner c : INSIDE) {
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
            for (Corner c : INSIDE) {
                if (hits[c.ordinal()] < hits[best.ordinal()]) {
                    best = c;
                }
            }
            chosen = best;
            this.hits = hits[best.ordinal()];
            title.draw(g2, boxes[best.ordinal()]);
        }
    }

    static BasicStroke stroke(LineFormat.Dash dash) {
        return stroke(dash, LINE_WIDTH);
    }

    static BasicStroke stroke(LineFormat.Dash dash, float width) {
        // matplotlib's dash patterns (in units of line width) scaled to a 1.5 px line.
        float[] pattern = switch (dash) {
            case SOLID, NONE -> null;
            case DASHED -> new float[] {5.55f, 2.4f};
            case DASH_DOT -> new float[] {9.6f, 2.4f, 1.5f, 2.4f};
            case DOTTED -> new float[] {1.5f, 2.475f};
        };
        if (pattern == null) {
            return new BasicStroke(width, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_ROUND);
        }
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, pattern, 0f);
    }

    /**
     * Lines and markers as the formats say: one SVG path per line (id {@code series-k}, or
     * {@code contour-j} for contour levels), the markers of a series in one group
     * ({@code markers-k}); the legend shows line and marker, and leaves out contour lines.
     */
    private static final class SeriesRenderer extends XYLineAndShapeRenderer {
        private final String[] ids;
        private final int[] lastItem;

        SeriesRenderer(String idPrefix, List<ChartSpec.Series> series) {
            super(true, false);
            setDrawSeriesLineAsPath(true);
            setLegendLine(new Line2D.Double(-10, 0, 10, 0));
            setAutoPopulateSeriesPaint(false);
            setAutoPopulateSeriesStroke(false);
            setAutoPopulateSeriesShape(false);
            setUseOutlinePaint(false);
            ids = new String[series.size()];
            lastItem = new int[series.size()];
            int lines = 0;
            int contours = 0;
            for (int i = 0; i < series.size(); i++) {
                ChartSpec.Series s = series.get(i);
                LineFormat f = s.format();
                ids[i] = idPrefix + (s.kind() == ChartSpec.Kind.CONTOUR ? "contour-" + contours++ : "series-" + lines++);
                lastItem[i] = s.size() - 1;
                setSeriesPaint(i, Color.decode(f.color()));
                setSeriesStroke(i, stroke(f.dash() == LineFormat.Dash.NONE ? LineFormat.Dash.SOLID : f.dash(),
                        s.kind() == ChartSpec.Kind.CONTOUR ? 1.0f : LINE_WIDTH));
                setSeriesLinesVisible(i, f.hasLine());
                setSeriesShapesVisible(i, f.hasMarker());
                if (f.hasMarker()) {
                    setSeriesShape(i, markerShape(f.marker()));
                    setSeriesShapesFilled(i, !f.marker().lineOnly());
                    setSeriesOutlineStroke(i, new BasicStroke(1.2f));
                }
                setSeriesVisibleInLegend(i, s.inLegend());
            }
            // Filled markers need no outline (it would repeat each marker's path); + and x are outlines only.
            setDrawOutlines(series.stream().anyMatch(s -> s.format().marker().lineOnly()));
            // Series keys carry an index so equal names stay separate series; the legend shows the name.
            setLegendItemLabelGenerator((dataset, s) -> series.get(s).name());
        }

        @Override
        public boolean getItemShapeFilled(int series, int item) {
            Boolean filled = getSeriesShapesFilled(series);
            return filled == null || filled;
        }

        @Override
        public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                             XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series,
                             int item, CrosshairState crosshair, int pass) {
            boolean markers = pass == 1 && Boolean.TRUE.equals(getSeriesShapesVisible(series));
            if (markers && item == 0) {
                g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, ids[series].replace("series-", "markers-"));
            }
            super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshair, pass);
            if (markers && item == dataset.getItemCount(series) - 1) {
                g2.setRenderingHint(SVGHints.KEY_END_GROUP, Boolean.TRUE);
            }
        }

        @Override
        protected void drawFirstPassShape(Graphics2D g2, int pass, int s, int item, Shape shape) {
            g2.setRenderingHint(SVGHints.KEY_ELEMENT_ID, ids[s]);
            super.drawFirstPassShape(g2, pass, s, item, shape);
        }
    }

    /** matplotlib's markers at about its default size (6 pt, here 7 px across). */
    static Shape markerShape(LineFormat.Marker m) {
        double r = 3.5;
        return switch (m) {
            case CIRCLE -> new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
            case POINT -> new Ellipse2D.Double(-1.75, -1.75, 3.5, 3.5);
            case SQUARE -> new Rectangle2D.Double(-3.2, -3.2, 6.4, 6.4);
            case TRIANGLE_UP -> polygon(0, -r - 0.5, r, r - 0.5, -r, r - 0.5);
            case TRIANGLE_DOWN -> polygon(0, r + 0.5, r, -r + 0.5, -r, -r + 0.5);
            case DIAMOND -> polygon(0, -r, r * 0.8, 0, 0, r, -r * 0.8, 0);
            case STAR -> star(r + 0.8);
            case PLUS -> cross(r, false);
            case X -> cross(r * 0.8, true);
            case NONE -> new Rectangle2D.Double();
        };
    }

    private static Shape polygon(double... xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }

    private static Shape star(double r) {
        double[] xy = new double[20];
        for (int k = 0; k < 10; k++) {
            double a = -Math.PI / 2 + k * Math.PI / 5;
            double rr = k % 2 == 0 ? r : r * 0.45;
            xy[2 * k] = rr * Math.cos(a);
            xy[2 * k + 1] = rr * Math.sin(a);
        }
        return polygon(xy);
    }

    private static Shape cross(double r, boolean diagonal) {
        Path2D.Double p = new Path2D.Double();
        if (diagonal) {
            p.moveTo(-r, -r);
            p.lineTo(r, r);
            p.moveTo(-r, r);
            p.lineTo(r, -r);
        } else {
            p.moveTo(-r, 0);
            p.lineTo(r, 0);
            p.moveTo(0, -r);
            p.lineTo(0, r);
        }
        return p;
    }

    /**
     * matplotlib's {@code annotate} with {@code arrowstyle='->'}: the text's lower left corner at the
     * text point, an arrow from the edge of the text's box to the annotated point, both placed in
     * pixels. JFreeChart's XYPointerAnnotation places its label by angle and radius around the tip
     * instead of at a data point, and XYTextAnnotation draws one line; so the text is drawn here with
     * the same font metrics JFreeChart uses, line by line.
     */
    static final class TextArrow extends AbstractXYAnnotation {
        private static final double GAP = 2; // matplotlib's shrink at both ends, in px
        private static final double HEAD = 6;
        private final transient ChartSpec.Annotation a;
        private final String id;

        TextArrow(ChartSpec.Annotation a, String id) {
            this.a = a;
            this.id = id;
        }

        @Override
        public void draw(Graphics2D g2, XYPlot plot, Rectangle2D area, ValueAxis xAxis, ValueAxis yAxis,
                         int rendererIndex, PlotRenderingInfo info) {
            double tx = xAxis.valueToJava2D(a.textX(), area, RectangleEdge.BOTTOM);
            double ty = yAxis.valueToJava2D(a.textY(), area, RectangleEdge.LEFT);
            g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, id);
            g2.setFont(ANNOTATION_FONT);
            g2.setPaint(Color.BLACK);
            java.awt.FontMetrics fm = g2.getFontMetrics();
            String[] lines = a.text().split("\n", -1);
            double lineHeight = fm.getHeight();
            double width = 0;
            for (String line : lines) {
                width = Math.max(width, fm.stringWidth(line));
            }
            for (int i = 0; i < lines.length; i++) {
                g2.drawString(lines[i], (float) tx, (float) (ty - (lines.length - 1 - i) * lineHeight));
            }
            if (a.arrow()) {
                Rectangle2D box = new Rectangle2D.Double(tx - GAP, ty - (lines.length - 1) * lineHeight - fm.getAscent() - GAP,
                        width + 2 * GAP, (lines.length - 1) * lineHeight + fm.getAscent() + fm.getDescent() + 2 * GAP);
                double px = xAxis.valueToJava2D(a.x(), area, RectangleEdge.BOTTOM);
                double py = yAxis.valueToJava2D(a.y(), area, RectangleEdge.LEFT);
                double cx = box.getCenterX();
                double cy = box.getCenterY();
                double dx = px - cx;
                double dy = py - cy;
                double len = Math.hypot(dx, dy);
                if (len > 0 && !box.contains(px, py)) {
                    // Leave the box where the centre-to-point ray crosses its edge.
                    double t = Math.min(dx == 0 ? Double.POSITIVE_INFINITY : Math.abs(box.getWidth() / 2 / dx),
                            dy == 0 ? Double.POSITIVE_INFINITY : Math.abs(box.getHeight() / 2 / dy));
                    double sx = cx + t * dx;
                    double sy = cy + t * dy;
                    double ux = dx / len;
                    double uy = dy / len;
                    double ex = px - GAP * ux;
                    double ey = py - GAP * uy;
                    g2.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
                    Path2D.Double arrow = new Path2D.Double();
                    arrow.moveTo(sx, sy);
                    arrow.lineTo(ex, ey);
                    double c = Math.cos(Math.toRadians(25));
                    double s = Math.sin(Math.toRadians(25));
                    arrow.moveTo(ex - HEAD * (ux * c - uy * s), ey - HEAD * (uy * c + ux * s));
                    arrow.lineTo(ex, ey);
                    arrow.lineTo(ex - HEAD * (ux * c + uy * s), ey - HEAD * (uy * c - ux * s));
                    g2.draw(arrow);
                }
            }
            g2.setRenderingHint(SVGHints.KEY_END_GROUP, Boolean.TRUE);
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
                // Less than two decades' marks in view: round linear steps, four to about eight of them
                // (a step chosen for five alone can leave two labels on a short range).
                double step = niceStep((hi - lo) / 5);
                List<double[]> ticks = plainTicks(lo, hi, step);
                while (ticks.size() < 4 && step > (hi - lo) * 1e-6) {
                    step = niceStep(step * 0.99 / 2);
                    ticks = plainTicks(lo, hi, step);
                }
                out.addAll(ticks);
            }
            return out;
        }

        private static List<double[]> plainTicks(double lo, double hi, double step) {
            List<double[]> out = new ArrayList<>();
            for (double k = Math.ceil(lo / step - 1e-9); k * step <= hi * (1 + 1e-12); k++) {
                double v = k * step;
                if (v > 0 && v >= lo * (1 - 1e-12)) {
                    out.add(new double[] {v, 1});
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
