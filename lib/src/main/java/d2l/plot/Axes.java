package d2l.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The axis settings that {@link Plot} and {@link Animator} share (the book's {@code set_axes} plus
 * figsize, fmts and legend), with the input checks in one place.
 */
final class Axes {
    String xlabel = "";
    String ylabel = "";
    double[] xlim;
    double[] ylim;
    boolean xlog;
    boolean ylog;
    double widthIn = 3.5;
    double heightIn = 2.5;
    List<String> fmts = LineFormat.BOOK_FMTS;
    /** {@code null}: automatic (shown for two or more series or when names were given). */
    Boolean legend;
    /** Names given through {@code legend(String...)}, or {@code null}. */
    List<String> legendNames;

    void xlabel(String label) { xlabel = label == null ? "" : label; }

    void ylabel(String label) { ylabel = label == null ? "" : label; }

    void xlim(double lo, double hi) { xlim = limits("xlim", lo, hi); }

    void ylim(double lo, double hi) { ylim = limits("ylim", lo, hi); }

    void xscale(String scale) { xlog = isLog("xscale", scale); }

    void yscale(String scale) { ylog = isLog("yscale", scale); }

    void figsize(double width, double height) {
        if (!(width > 0) || !(height > 0) || Double.isInfinite(width) || Double.isInfinite(height)) {
            throw new IllegalArgumentException("figsize(width=" + width + ", height=" + height
                    + ") needs positive, finite sizes in inches; the book uses 3.5 x 2.5");
        }
        widthIn = width;
        heightIn = height;
    }

    void fmts(String... formats) {
        if (formats == null || formats.length == 0) {
            throw new IllegalArgumentException("fmts needs at least one format such as \"-\" or \"m--\"");
        }
        for (int i = 0; i < formats.length; i++) {
            LineFormat.parse(formats[i], i); // fail now, not at render time
        }
        fmts = List.of(formats);
    }

    void legendNames(String... names) {
        if (names == null) {
            throw new IllegalArgumentException("legend names must not be null");
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                throw new IllegalArgumentException("legend name " + i + " is null");
            }
        }
        legendNames = List.of(names);
        legend = names.length > 0 ? Boolean.TRUE : legend;
    }

    private static double[] limits(String what, double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo >= hi) {
            throw new IllegalArgumentException(what + "(lo=" + lo + ", hi=" + hi
                    + ") needs finite limits with lo < hi");
        }
        return new double[] {lo, hi};
    }

    private static boolean isLog(String what, String scale) {
        String s = scale == null ? "null" : scale.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "log" -> true;
            case "linear" -> false;
            default -> throw new IllegalArgumentException(what + " must be \"linear\" or \"log\", got \""
                    + scale + "\"");
        };
    }

    /** Raw series data before formats are assigned; arrays already copied by the caller. */
    record Data(String name, double[] x, double[] y) { }

    /**
     * Builds the validated spec. Names: explicit series names win, then {@code legend(...)} names in
     * order, then "series i" (1-based).
     */
    ChartSpec spec(List<Data> data) {
        List<ChartSpec.Series> out = new ArrayList<>(data.size());
        boolean named = legendNames != null && !legendNames.isEmpty();
        for (int i = 0; i < data.size(); i++) {
            Data d = data.get(i);
            String name = d.name();
            if (name != null) {
                named = true;
            } else if (legendNames != null && i < legendNames.size()) {
                name = legendNames.get(i);
            } else {
                name = "series " + (i + 1);
            }
            if (xlog) {
                checkPositive("xscale", name, "x", d.x(), d.x());
            }
            if (ylog) {
                checkPositive("yscale", name, "y", d.y(), d.x());
            }
            out.add(new ChartSpec.Series(name, d.x(), d.y(), LineFormat.forSeries(fmts, i)));
        }
        if (xlog && xlim != null && xlim[0] <= 0) {
            throw new IllegalArgumentException("xscale(\"log\") needs positive limits, got xlim(lo=" + xlim[0]
                    + ", hi=" + xlim[1] + ")");
        }
        if (ylog && ylim != null && ylim[0] <= 0) {
            throw new IllegalArgumentException("yscale(\"log\") needs positive limits, got ylim(lo=" + ylim[0]
                    + ", hi=" + ylim[1] + ")");
        }
        boolean showLegend = legend != null ? legend : (data.size() >= 2 || named);
        return new ChartSpec(List.copyOf(out), xlabel, ylabel, copy(xlim), copy(ylim), xlog, ylog,
                widthIn, heightIn, showLegend && !data.isEmpty());
    }

    /** NaN marks a missing point (a gap, like the book's None); anything else must be > 0 on a log axis. */
    private static void checkPositive(String scale, String series, String axis, double[] v, double[] x) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && !(v[i] > 0)) {
                throw new IllegalArgumentException(scale + "(\"log\") needs positive values, but series \"" + series
                        + "\" has " + axis + "[" + i + "] = " + v[i] + (axis.equals("y") ? " (at x = " + x[i] + ")" : "")
                        + "; use " + scale + "(\"linear\") or drop the non-positive points");
            }
        }
    }

    private static double[] copy(double[] a) { return a == null ? null : a.clone(); }
}
