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

    /**
     * Raw series data before formats are assigned; arrays already copied by the caller.
     *
     * @param fmt the series' own format, or null: the next of {@code fmts}
     * @param color an explicit colour {@code "#rrggbb"} that wins over the format's, or null
     * @param note a sentence to print on the plot (e.g. NaN grid points of a contour), or null
     */
    record Data(String name, double[] x, double[] y, ChartSpec.Kind kind, String fmt, String color, double level,
                String note) {
        Data(String name, double[] x, double[] y) {
            this(name, x, y, ChartSpec.Kind.LINE, null, null, Double.NaN, null);
        }
    }

    final List<ChartSpec.Annotation> annotations = new ArrayList<>();
    /** Count NaN values in a note (the Animator: a NaN loss there means training diverged). */
    boolean noteNaN;
    /** Extent of the contours drawn, {xlo, xhi, ylo, yhi}, or null. */
    double[] box;

    void box(double xlo, double xhi, double ylo, double yhi) {
        box = box == null ? new double[] {xlo, xhi, ylo, yhi}
                : new double[] {Math.min(box[0], xlo), Math.max(box[1], xhi), Math.min(box[2], ylo), Math.max(box[3], yhi)};
    }

    /**
     * Builds the validated spec. Names: explicit series names win, then {@code legend(...)} names in
     * order (over the series that appear in a legend), then "series i" (1-based). Contour lines take
     * no format from {@code fmts} and stay out of the legend, as in matplotlib.
     */
    ChartSpec spec(List<Data> data) {
        List<ChartSpec.Series> out = new ArrayList<>(data.size());
        List<String> notes = new ArrayList<>();
        boolean named = legendNames != null && !legendNames.isEmpty();
        int k = 0; // index among legend series: picks the format and the legend name
        for (Data d : data) {
            if (d.kind() == ChartSpec.Kind.CONTOUR) {
                LineFormat f = LineFormat.parse(d.fmt() == null ? "-" : d.fmt(), 0, d.color() == null ? "#1f77b4" : d.color());
                out.add(new ChartSpec.Series(d.name(), d.x(), d.y(), f, d.kind(), false, d.level()));
                if (d.note() != null && !notes.contains(d.note())) {
                    notes.add(d.note());
                }
                continue;
            }
            String name = d.name();
            if (name != null) {
                named = true;
            } else if (legendNames != null && k < legendNames.size()) {
                name = legendNames.get(k);
            } else {
                name = "series " + (k + 1);
            }
            if (xlog) {
                checkPositive("xscale", name, "x", d.x(), d.x());
            }
            if (ylog) {
                checkPositive("yscale", name, "y", d.y(), d.x());
            }
            LineFormat f = d.fmt() != null ? LineFormat.parse(d.fmt(), k, d.color())
                    : LineFormat.parse(fmts.get(k % fmts.size()), k, d.color());
            if (d.kind() == ChartSpec.Kind.MARKERS) {
                f = new LineFormat(f.color(), LineFormat.Dash.NONE,
                        f.hasMarker() ? f.marker() : LineFormat.Marker.CIRCLE);
            }
            out.add(new ChartSpec.Series(name, d.x(), d.y(), f, d.kind(), true, Double.NaN));
            k++;
        }
        if (xlog && xlim != null && xlim[0] <= 0) {
            throw new IllegalArgumentException("xscale(\"log\") needs positive limits, got xlim(lo=" + xlim[0]
                    + ", hi=" + xlim[1] + ")");
        }
        if (ylog && ylim != null && ylim[0] <= 0) {
            throw new IllegalArgumentException("yscale(\"log\") needs positive limits, got ylim(lo=" + ylim[0]
                    + ", hi=" + ylim[1] + ")");
        }
        outsideNotes(out, notes);
        boolean showLegend = legend != null ? legend : (k >= 2 || named);
        return new ChartSpec(List.copyOf(out), List.copyOf(annotations), List.copyOf(notes), xlabel, ylabel,
                copy(xlim), copy(ylim), xlog, ylog, widthIn, heightIn, showLegend && k > 0, copy(box));
    }

    /**
     * With fixed limits, says on the plot when the data leave them: when a series ends outside the
     * range (a diverging run would otherwise leave an empty frame without a word) or more than a quarter
     * of its points are outside. A first point above the book's fixed loss range is normal and not
     * worth a note. Infinite values are always counted.
     */
    private void outsideNotes(List<ChartSpec.Series> series, List<String> notes) {
        int above = 0;
        int below = 0;
        int nonFinite = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (ChartSpec.Series s : series) {
            if (s.kind() == ChartSpec.Kind.CONTOUR) {
                continue;
            }
            int sAbove = 0;
            int sBelow = 0;
            int finite = 0;
            double last = Double.NaN;
            double sMax = Double.NEGATIVE_INFINITY;
            double sMin = Double.POSITIVE_INFINITY;
            for (int i = 0; i < s.size(); i++) {
                double v = s.y()[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                last = v;
                if (Double.isInfinite(v)) {
                    nonFinite++;
                    continue;
                }
                finite++;
                if (ylim != null && v > ylim[1]) {
                    sAbove++;
                    sMax = Math.max(sMax, v);
                } else if (ylim != null && v < ylim[0]) {
                    sBelow++;
                    sMin = Math.min(sMin, v);
                }
            }
            boolean endsOutside = ylim != null && !Double.isNaN(last) && (last > ylim[1] || last < ylim[0]);
            if (endsOutside || 4 * (sAbove + sBelow) > finite) {
                above += sAbove;
                below += sBelow;
                max = Math.max(max, sMax);
                min = Math.min(min, sMin);
            }
        }
        if (above > 0) {
            notes.add(above + (above == 1 ? " point" : " points") + " above the y range (largest "
                    + shortNumber(max) + ")");
        }
        if (below > 0) {
            notes.add(below + (below == 1 ? " point" : " points") + " below the y range (smallest "
                    + shortNumber(min) + ")");
        }
        for (ChartSpec.Series s : series) {
            // A series that ends in NaN has diverged (a NaN in the middle is a deliberate gap).
            int n = s.size();
            if (!noteNaN || s.kind() == ChartSpec.Kind.CONTOUR || n == 0 || !Double.isNaN(s.y()[n - 1])) {
                continue;
            }
            int from = n - 1;
            while (from > 0 && Double.isNaN(s.y()[from - 1])) {
                from--;
            }
            notes.add((series.size() > 1 ? s.name() + ": " : "") + "NaN from " + (xlabel.isEmpty() ? "x" : xlabel)
                    + " = " + shortNumber(s.x()[from]) + " on (not drawn)");
        }
        if (nonFinite > 0) {
            notes.add(nonFinite + (nonFinite == 1 ? " value is" : " values are") + " infinite (not drawn)");
        }
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

    /** A number in a few significant digits for notes on a plot: 0.35, 4.2e+11. */
    static String shortNumber(double v) {
        if (v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static double[] copy(double[] a) { return a == null ? null : a.clone(); }
}
