package d2l.plot;

import java.util.List;

/**
 * Everything a renderer needs, already validated and defensively copied. Arrays inside are never
 * handed out, so a {@link Figure} built from a spec cannot change afterwards.
 *
 * @param xlim {@code null} for automatic limits, else {@code {lo, hi}}
 * @param widthIn figure width in inches (the book's figsize)
 * @param annotations texts (with or without an arrow) in data coordinates
 * @param notes short sentences drawn in the lower left of the axes (e.g. "3 points above the y range")
 * @param box the extent of the contours, {@code {xlo, xhi, ylo, yhi}}, or {@code null}: automatic
 *     limits then hug it, as matplotlib's contour does
 */
record ChartSpec(List<Series> series, List<Annotation> annotations, List<String> notes,
                 String xlabel, String ylabel, double[] xlim, double[] ylim,
                 boolean xlog, boolean ylog, double widthIn, double heightIn, boolean legend, double[] box) {

    /** Pixels per inch: the book's 3.5 x 2.5 inch default becomes 350 x 250 px. */
    static final double PX_PER_INCH = 100.0;

    /** What a series is drawn as; contour lines are NaN-separated polylines of one level. */
    enum Kind { LINE, MARKERS, CONTOUR }

    /**
     * @param inLegend false for traces that matplotlib keeps out of the legend (contour lines)
     * @param level the contour level, NaN for other kinds
     */
    record Series(String name, double[] x, double[] y, LineFormat format, Kind kind, boolean inLegend, double level) {
        int size() { return x.length; }
    }

    /**
     * matplotlib's {@code annotate} (with an arrow from the text to {@code (x, y)}) or {@code text}
     * (no arrow; the text starts at {@code (x, y)}).
     */
    record Annotation(String text, double x, double y, double textX, double textY, boolean arrow) { }

    int widthPx() { return (int) Math.round(widthIn * PX_PER_INCH); }

    int heightPx() { return (int) Math.round(heightIn * PX_PER_INCH); }

    /** The series shown in the legend, in order. */
    List<Series> legendSeries() {
        return series.stream().filter(Series::inLegend).toList();
    }
}
