package d2l.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * The book's {@code d2l.plot} as a fluent builder: named line series, markers, contour lines,
 * annotations, axis labels, limits and scales, the book's line formats and figure size.
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
 * any series was given a name. Formats also take matplotlib's markers: {@code "o"} (points only),
 * {@code "-o"} (line and points), {@code "r-o"}.
 *
 * <p>Values: in a line ({@link #series}), {@code NaN} leaves a gap, like the book's {@code None}; a
 * line that is all NaN, an empty series, an infinite value, or a NaN among {@link #markers} is an error
 * that names the series and the index. A {@code Plot} is a mutable builder; each {@link #figure()} is
 * an independent snapshot.
 */
public final class Plot {

    private final Axes axes = new Axes();
    private final List<Axes.Data> data = new ArrayList<>();

    /** An empty plot; add lines with {@link #series}. */
    public Plot() { }

    /**
     * Adds a line through the points {@code (x[i], y[i])}, styled by the next of {@link #fmts}. The
     * arrays are copied. NaN in x or y leaves a gap.
     *
     * @throws IllegalArgumentException naming the series if an array is null or empty, the lengths
     *     differ, a value is infinite or every point has a NaN
     */
    public Plot series(String name, double[] x, double[] y) {
        return add(name, x, y, ChartSpec.Kind.LINE, null, null);
    }

    /**
     * Adds a series with its own matplotlib format (e.g. {@code "-o"}, {@code "r:"}, {@code "o"}) instead
     * of the next of {@link #fmts}.
     */
    public Plot series(String name, double[] x, double[] y, String fmt) {
        LineFormat.parse(fmt, data.size()); // fail now, naming the format
        return add(name, x, y, ChartSpec.Kind.LINE, fmt, null);
    }

    /**
     * Adds points without a line (matplotlib's {@code plot(x, y, 'o')}): the marker of the next format
     * of {@link #fmts}, or a circle, in its colour.
     *
     * @throws IllegalArgumentException naming the series if an array is null or empty, the lengths
     *     differ, or a value is NaN or infinite
     */
    public Plot markers(String name, double[] x, double[] y) {
        return add(name, x, y, ChartSpec.Kind.MARKERS, null, null);
    }

    /** Adds points without a line in a given colour ({@code "#rrggbb"} or a matplotlib letter such as {@code "r"}). */
    public Plot markers(String name, double[] x, double[] y, String color) {
        return add(name, x, y, ChartSpec.Kind.MARKERS, null, colour(color));
    }

    /**
     * A series with its own format and an explicit colour, like matplotlib's
     * {@code plt.plot(x, y, '-o', color='#ff7f0e')}.
     *
     * @param color {@code "#rrggbb"} or a matplotlib colour letter (b g r c m y k w)
     */
    public Plot series(String name, double[] x, double[] y, String fmt, String color) {
        LineFormat.parse(fmt, data.size());
        return add(name, x, y, ChartSpec.Kind.LINE, fmt, colour(color));
    }

    private Plot add(String name, double[] x, double[] y, ChartSpec.Kind kind, String fmt, String color) {
        String label = name == null ? "series " + (data.size() + 1) : "\"" + name + "\"";
        if (x == null || y == null) {
            throw new IllegalArgumentException("series " + label + ": " + (x == null ? "x" : "y") + " is null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + label + ": x has " + x.length + " values but y has "
                    + y.length + "; they must have the same length");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("series " + label + " is empty; give it at least one point");
        }
        boolean anyPoint = false;
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < 2; a++) {
                double v = a == 0 ? x[i] : y[i];
                String axis = a == 0 ? "x" : "y";
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException("series " + label + ": " + axis + "[" + i + "] = " + v
                            + "; a plot needs finite values (use NaN for a gap in a line)");
                }
                if (Double.isNaN(v) && kind == ChartSpec.Kind.MARKERS) {
                    throw new IllegalArgumentException("series " + label + ": " + axis + "[" + i + "] is NaN;"
                            + " markers need a value at every point (drop that point)");
                }
            }
            anyPoint |= !Double.isNaN(x[i]) && !Double.isNaN(y[i]);
        }
        if (!anyPoint) {
            throw new IllegalArgumentException("series " + label + ": every point has a NaN, so there is nothing to"
                    + " draw (NaN marks a gap in a line)");
        }
        data.add(new Axes.Data(name, x.clone(), y.clone(), kind, fmt, color, Double.NaN, null));
        return this;
    }

    /**
     * Contour lines of {@code f} over {@code [xlo, xhi] x [ylo, yhi]} (matplotlib's {@code contour} with
     * one colour, as the book's {@code show_trace_2d} draws them), at levels chosen as matplotlib does.
     * f is sampled on a 64 x 64 grid. Where f is NaN or infinite the lines stop; the plot says how many
     * grid points that was. Automatic axis limits hug the box.
     *
     * @throws IllegalArgumentException if f is null or the box is not finite with lo &lt; hi
     */
    public Plot contour(DoubleBinaryOperator f, double xlo, double xhi, double ylo, double yhi) {
        return contourLevels(f, xlo, xhi, ylo, yhi, null);
    }

    /**
     * Contour lines of {@code f} at the given levels (each a finite value).
     *
     * @throws IllegalArgumentException if no level is given or one is not finite
     */
    public Plot contour(DoubleBinaryOperator f, double xlo, double xhi, double ylo, double yhi, double... levels) {
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("contour(f, box, levels...): give at least one level, or call"
                    + " contour(f, xlo, xhi, ylo, yhi) for automatic levels");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!Double.isFinite(levels[i])) {
                throw new IllegalArgumentException("contour: level " + i + " is " + levels[i] + "; levels must be finite");
            }
        }
        return contourLevels(f, xlo, xhi, ylo, yhi, levels.clone());
    }

    private Plot contourLevels(DoubleBinaryOperator f, double xlo, double xhi, double ylo, double yhi, double[] levels) {
        if (f == null) {
            throw new IllegalArgumentException("contour: f is null; pass a function such as (x1, x2) -> x1 * x1 + 2 * x2 * x2");
        }
        if (!Double.isFinite(xlo) || !Double.isFinite(xhi) || !(xlo < xhi)
                || !Double.isFinite(ylo) || !Double.isFinite(yhi) || !(ylo < yhi)) {
            throw new IllegalArgumentException("contour: the box x in [" + xlo + ", " + xhi + "], y in [" + ylo + ", "
                    + yhi + "] needs finite bounds with lo < hi");
        }
        Contour.Result r = Contour.compute(f, xlo, xhi, ylo, yhi, levels);
        String note = null;
        if (r.nonFinite() > 0) {
            note = "contour: f is NaN or infinite at " + r.nonFinite() + " of " + r.gridPoints()
                    + " grid points (no lines there)";
        }
        for (int i = 0; i < r.levels().length; i++) {
            double[][] line = r.lines().get(i);
            data.add(new Axes.Data("level " + Axes.shortNumber(r.levels()[i]), line[0], line[1],
                    ChartSpec.Kind.CONTOUR, null, null, r.levels()[i], note));
        }
        if (r.levels().length == 0 && note != null) {
            data.add(new Axes.Data("contour", new double[0], new double[0], ChartSpec.Kind.CONTOUR, null, null,
                    Double.NaN, note));
        }
        axes.box(xlo, xhi, ylo, yhi);
        return this;
    }

    /**
     * Writes {@code text} with its lower left corner at {@code (textX, textY)} and draws an arrow from
     * it to the point {@code (x, y)}, like matplotlib's {@code annotate(text, xy=(x, y),
     * xytext=(textX, textY), arrowprops=dict(arrowstyle='->'))} in the book's {@code annotate}.
     * A {@code "\n"} in text starts a new line. Annotations do not change the axis limits.
     *
     * @throws IllegalArgumentException if text is null or a coordinate is not finite
     */
    public Plot annotate(String text, double x, double y, double textX, double textY) {
        checkAnnotation("annotate", text, x, y, textX, textY);
        axes.annotations.add(new ChartSpec.Annotation(text, x, y, textX, textY, true));
        return this;
    }

    /** Writes {@code text} with its lower left corner at {@code (x, y)} (matplotlib's {@code text}). */
    public Plot text(String text, double x, double y) {
        checkAnnotation("text", text, x, y, x, y);
        axes.annotations.add(new ChartSpec.Annotation(text, x, y, x, y, false));
        return this;
    }

    private static void checkAnnotation(String what, String text, double... xy) {
        if (text == null) {
            throw new IllegalArgumentException(what + ": text is null");
        }
        for (double v : xy) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + "(\"" + text + "\", ...): coordinate " + v
                        + " is not finite");
            }
        }
    }

    private static String colour(String color) {
        if (color == null) {
            return null;
        }
        if (color.matches("#[0-9a-fA-F]{6}")) {
            return color.toLowerCase(java.util.Locale.ROOT);
        }
        if (color.length() == 1 && "bgrcmykw".contains(color)) {
            return LineFormat.parse(color, 0).color();
        }
        throw new IllegalArgumentException("colour \"" + color + "\" is not understood; use \"#rrggbb\" or one of"
                + " the letters b g r c m y k w");
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

    /** The spec at another size (for {@link Subplots}). */
    ChartSpec spec(double widthIn, double heightIn) {
        ChartSpec s = axes.spec(data);
        return new ChartSpec(s.series(), s.annotations(), s.notes(), s.xlabel(), s.ylabel(), s.xlim(), s.ylim(),
                s.xlog(), s.ylog(), widthIn, heightIn, s.legend(), s.box());
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
