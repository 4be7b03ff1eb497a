package d2l.plot;

import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The interactive half of {@link Figure#html()}: a tablesaw-jsplot figure for the same spec and the
 * small loader script around it.
 */
final class PlotlyRenderer {

    /**
     * plotly.js, pinned: tablesaw-jsplot's template loads "plotly-latest", which the CDN froze at 1.58.5
     * in 2021 and may change or drop; a pinned version draws the same chart every time.
     */
    static final String PLOTLY_VERSION = "2.35.2";
    static final String PLOTLY_URL = "https://cdn.plot.ly/plotly-" + PLOTLY_VERSION + ".min.js";

    private PlotlyRenderer() { }

    static {
        // Pebble (tablesaw-jsplot's template engine) logs through SLF4J; without a provider SLF4J 2
        // prints a three-line warning into the first notebook cell that plots. Quiet that, unless
        // the user chose a verbosity.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    /**
     * The tablesaw figure's JavaScript, without its script tags: it defines {@code layout} and the
     * traces and ends by calling {@code Plotly.newPlot(div, data, layout)}.
     */
    static String figureJs(ChartSpec spec, String divId) {
        Trace[] traces = new Trace[spec.series().size()];
        for (int i = 0; i < traces.length; i++) {
            ChartSpec.Series s = spec.series().get(i);
            LineFormat f = s.format();
            double[][] pts = s.kind() == ChartSpec.Kind.LINE ? Thin.forDrawing(s.x(), s.y(), spec.widthPx())
                    : new double[][] {s.x(), s.y()};
            ScatterTrace.ScatterBuilder b = ScatterTrace.builder(pts[0], pts[1])
                    .mode(f.hasLine() && f.hasMarker() ? ScatterTrace.Mode.LINE_AND_MARKERS
                            : f.hasMarker() ? ScatterTrace.Mode.MARKERS : ScatterTrace.Mode.LINE)
                    .name(s.name())
                    .showLegend(spec.legend() && s.inLegend());
            if (f.hasLine()) {
                b.line(Line.builder().color(f.color()).width(s.kind() == ChartSpec.Kind.CONTOUR ? 1 : 1.5)
                        .dash(dash(f.dash())).build());
            }
            if (f.hasMarker()) {
                b.marker(tech.tablesaw.plotly.components.Marker.builder().color(f.color()).size(7).build());
            }
            traces[i] = b.build();
        }
        Layout layout = Layout.builder()
                .width(spec.widthPx())
                .height(spec.heightPx())
                .showLegend(spec.legend())
                .margin(Margin.builder().left(60).right(12).top(10).bottom(45).build())
                .plotBgColor("#ffffff")
                .paperBgColor("#ffffff")
                .xAxis(axis(spec.xlabel(), spec.xlog(), spec.xlim()))
                .yAxis(axis(spec.ylabel(), spec.ylog(), spec.ylim()))
                .build();
        String js = new tech.tablesaw.plotly.components.Figure(layout, traces).asJavascript(divId);
        return js.replaceFirst("^\\s*<script>", "").replaceFirst("</script>\\s*$", "").strip();
    }

    private static Axis axis(String title, boolean log, double[] lim) {
        Axis.AxisBuilder b = Axis.builder()
                .title(title)
                .type(log ? Axis.Type.LOG : Axis.Type.LINEAR)
                .showLine(true)
                .lineColor("#000000")
                .lineWidth(1)
                .showGrid(true)
                .gridColor("#dddddd")
                .zeroLineColor("#dddddd");
        if (lim != null) {
            // Plotly takes a log axis range in powers of ten.
            b.range(log ? Math.log10(lim[0]) : lim[0], log ? Math.log10(lim[1]) : lim[1]);
        }
        return b.build();
    }

    private static Line.Dash dash(LineFormat.Dash dash) {
        return switch (dash) {
            case SOLID, NONE -> Line.Dash.SOLID;
            case DASHED -> Line.Dash.DASH;
            case DASH_DOT -> Line.Dash.DASH_DOT;
            case DOTTED -> Line.Dash.DOT;
        };
    }
}
