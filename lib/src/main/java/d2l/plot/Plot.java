package d2l.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * The book's {@code d2l.plot} as a fluent builder: named line series, axis labels, limits and scales,
 * the book's line formats and figure size.
 *
 * <pre>{@code
 * new Plot()
 *     .series("f(x)", x, fx)
 *     .series("Tangent line (x=1)", x, tangent)
 *     .xlabel("x").ylabel("f(x)")
 *     .show();
 * }</pre>
 *
 * <p>Defaults follow the book: figure size 3.5 x 2.5 inches (350 x 250 px), formats
 * {@code "-", "m--", "g-.", "r:"} (solid blue, dashed magenta, dash-dot green, dotted red, then
 * cycling), linear axes with limits from the data, and a legend when there are two or more series or
 * any series was given a name. A {@code NaN} value leaves a gap in its line, like the book's
 * {@code None}. A {@code Plot} is a mutable builder; each {@link #figure()} is an independent snapshot.
 */
public final class Plot {

    private final Axes axes = new Axes();
    private final List<Axes.Data> data = new ArrayList<>();

    /** An empty plot; add lines with {@link #series}. */
    public Plot() { }

    /**
     * Adds a line through the points {@code (x[i], y[i])}. The arrays are copied.
     *
     * @throws IllegalArgumentException if an array is null or their lengths differ
     */
    public Plot series(String name, double[] x, double[] y) {
        String label = name == null ? "series " + (data.size() + 1) : "\"" + name + "\"";
        if (x == null || y == null) {
            throw new IllegalArgumentException("series " + label + ": " + (x == null ? "x" : "y") + " is null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + label + ": x has " + x.length + " values but y has "
                    + y.length + "; they must have the same length");
        }
        data.add(new Axes.Data(name, x.clone(), y.clone()));
        return this;
    }

    /** Adds a line through {@code (i, y[i])} for i = 0, 1, ..., like the book's {@code plot(Y)}. */
    public Plot series(String name, double[] y) {
        if (y == null) {
            throw new IllegalArgumentException("series " + (name == null ? "" : "\"" + name + "\"") + ": y is null");
        }
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return series(name, x, y);
    }

    /** Adds an unnamed line; it is called "series k" in a legend unless {@link #legend(String...)} names it. */
    public Plot series(double[] x, double[] y) {
        return series(null, x, y);
    }

    /** Adds an unnamed line through {@code (i, y[i])}. */
    public Plot series(double[] y) {
        return series((String) null, y);
    }

    public Plot xlabel(String label) {
        axes.xlabel(label);
        return this;
    }

    public Plot ylabel(String label) {
        axes.ylabel(label);
        return this;
    }

    /** Fixes the x range; needs finite {@code lo < hi} (positive on a log axis). */
    public Plot xlim(double lo, double hi) {
        axes.xlim(lo, hi);
        return this;
    }

    /** Fixes the y range; needs finite {@code lo < hi} (positive on a log axis). */
    public Plot ylim(double lo, double hi) {
        axes.ylim(lo, hi);
        return this;
    }

    /** {@code "linear"} (default) or {@code "log"}; a log axis needs positive data. */
    public Plot xscale(String scale) {
        axes.xscale(scale);
        return this;
    }

    /** {@code "linear"} (default) or {@code "log"}; a log axis needs positive data. */
    public Plot yscale(String scale) {
        axes.yscale(scale);
        return this;
    }

    /** Names the series in order (names given in {@code series(name, ...)} take precedence) and shows the legend. */
    public Plot legend(String... names) {
        axes.legendNames(names);
        return this;
    }

    /** Forces the legend on or off instead of the automatic choice. */
    public Plot legend(boolean show) {
        axes.legend = show;
        return this;
    }

    /** Line formats in matplotlib's short form, cycled over the series, e.g. {@code fmts("-", "m--", "g-.", "r:")}. */
    public Plot fmts(String... formats) {
        axes.fmts(formats);
        return this;
    }

    /** Figure size in inches, as in the book (default 3.5 x 2.5); drawn at 100 px per inch. */
    public Plot figsize(double width, double height) {
        axes.figsize(width, height);
        return this;
    }

    /**
     * Renders the current settings and series.
     *
     * @throws IllegalArgumentException if a log axis meets a non-positive value or limit
     */
    public Figure figure() {
        return new Figure(axes.spec(data));
    }

    /**
     * Renders and displays the figure (in Jupyter; see {@link Jupyter#display}). Returns nothing, so that
     * a cell ending in {@code plot.show();} shows the chart and no text after it; use {@link #figure()}
     * to keep or save the figure.
     */
    public void show() {
        Jupyter.display(figure());
    }

    @Override
    public String toString() {
        return "Plot[" + data.size() + " series]";
    }
}
