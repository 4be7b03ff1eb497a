package d2l.plot;

import java.util.List;

/**
 * Everything a renderer needs, already validated and defensively copied. Arrays inside are never
 * handed out, so a {@link Figure} built from a spec cannot change afterwards.
 *
 * @param xlim {@code null} for automatic limits, else {@code {lo, hi}}
 * @param widthIn figure width in inches (the book's figsize)
 */
record ChartSpec(List<Series> series, String xlabel, String ylabel, double[] xlim, double[] ylim,
                 boolean xlog, boolean ylog, double widthIn, double heightIn, boolean legend) {

    /** Pixels per inch: the book's 3.5 x 2.5 inch default becomes 350 x 250 px. */
    static final double PX_PER_INCH = 100.0;

    record Series(String name, double[] x, double[] y, LineFormat format) {
        int size() { return x.length; }
    }

    int widthPx() { return (int) Math.round(widthIn * PX_PER_INCH); }

    int heightPx() { return (int) Math.round(heightIn * PX_PER_INCH); }
}
