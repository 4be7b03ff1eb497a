package d2l.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The book's {@code d2l.Animator}: a line chart that grows while a model trains, redrawn in one
 * notebook output.
 *
 * <pre>{@code
 * Animator animator = new Animator().xlabel("epoch").ylabel("loss").xlim(0, 2).ylim(0.22, 0.35);
 * for (...) animator.add(epoch, loss);
 * animator.finish();
 * }</pre>
 *
 * <p>Each {@link #add} appends one x value and one y value per series. In a notebook the first add
 * shows the chart and later adds redraw that same output as a static SVG; {@link #finish()} sends the
 * last frame. With fixed limits, points outside them are counted in a note under the axes (so a
 * diverging run does not leave an empty frame without a word). Outside the kernel (and without {@code D2L_PLOT_DIR}, see
 * {@link Jupyter}) add only stores the numbers, so trainers can call it in tests at no cost.
 * A {@code NaN} y value leaves a gap (the book's {@code None}); an infinite one is left out and
 * counted in the note. Not thread-safe.
 */
public final class Animator {

    private final Axes axes = new Axes();
    private double[] xs = new double[16];
    private double[][] ys;
    private int size;
    private String displayId;

    /** An empty animator with the book's defaults (3.5 x 2.5 inches, formats "-", "m--", "g-.", "r:"). */
    public Animator() {
        axes.noteNaN = true;
    }

    public Animator xlabel(String label) {
        axes.xlabel(label);
        return this;
    }

    public Animator ylabel(String label) {
        axes.ylabel(label);
        return this;
    }

    /** Fixes the x range; needs finite {@code lo < hi}. */
    public Animator xlim(double lo, double hi) {
        axes.xlim(lo, hi);
        return this;
    }

    /** Fixes the y range; needs finite {@code lo < hi}. */
    public Animator ylim(double lo, double hi) {
        axes.ylim(lo, hi);
        return this;
    }

    /** {@code "linear"} (default) or {@code "log"}. */
    public Animator xscale(String scale) {
        axes.xscale(scale);
        return this;
    }

    /** {@code "linear"} (default) or {@code "log"}; a log axis needs positive values. */
    public Animator yscale(String scale) {
        axes.yscale(scale);
        return this;
    }

    /** Series names in the order of the values passed to {@link #add}; shows the legend. */
    public Animator legend(String... names) {
        if (ys != null && names != null && names.length != 0 && names.length != ys.length) {
            throw new IllegalArgumentException("legend has " + names.length + " names but add() has been given "
                    + ys.length + " values per point");
        }
        axes.legendNames(names);
        return this;
    }

    /** Line formats in matplotlib's short form, e.g. {@code fmts("-", "m--", "g-.", "r:")}. */
    public Animator fmts(String... formats) {
        axes.fmts(formats);
        return this;
    }

    /** Figure size in inches (default 3.5 x 2.5). */
    public Animator figsize(double width, double height) {
        axes.figsize(width, height);
        return this;
    }

    /**
     * Appends the point {@code (x, ys[k])} to series k for every k, then redraws if a notebook (or
     * {@code D2L_PLOT_DIR}) is there to show it.
     *
     * @throws IllegalArgumentException if no y is given, or the count differs from the first add or
     *     from the legend
     */
    public void add(double x, double... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("add(x, ys...) needs at least one y value (one per series)");
        }
        if (ys == null) {
            List<String> names = axes.legendNames;
            if (names != null && !names.isEmpty() && names.size() != values.length) {
                throw new IllegalArgumentException("add(x=" + x + ", ...) got " + values.length
                        + " y values but the legend names " + names.size() + " series " + names);
            }
            ys = new double[values.length][xs.length];
        } else if (values.length != ys.length) {
            throw new IllegalArgumentException("add(x=" + x + ", ...) got " + values.length + " y values but the first add had "
                    + ys.length + "; pass one value per series every time (NaN for a missing one)");
        }
        if (size == xs.length) {
            int capacity = 2 * xs.length;
            xs = Arrays.copyOf(xs, capacity);
            for (int k = 0; k < ys.length; k++) {
                ys[k] = Arrays.copyOf(ys[k], capacity);
            }
        }
        xs[size] = x;
        for (int k = 0; k < values.length; k++) {
            ys[k][size] = values[k];
        }
        size++;
        if (Jupyter.active()) {
            redraw(false);
        }
    }

    /**
     * Sends the final frame to the output that the adds have been
     * updating (or shows it now if nothing was shown yet). Does nothing outside a notebook unless
     * {@code D2L_PLOT_DIR} is set. Adding more points afterwards is allowed.
     */
    public void finish() {
        if (Jupyter.active()) {
            redraw(true);
        }
    }

    private void redraw(boolean interactive) {
        Figure f = figure();
        if (displayId == null) {
            displayId = Jupyter.display(f, interactive);
        } else {
            Jupyter.update(displayId, f, interactive);
        }
    }

    /** Number of points added so far. */
    public int size() {
        return size;
    }

    /** Number of series (values per add), 0 before the first add. */
    public int seriesCount() {
        return ys == null ? 0 : ys.length;
    }

    /** A copy of the x values added so far. */
    public double[] x() {
        return Arrays.copyOf(xs, size);
    }

    /**
     * A copy of series {@code series}'s y values added so far.
     *
     * @throws IndexOutOfBoundsException if there is no such series
     */
    public double[] y(int series) {
        if (series < 0 || series >= seriesCount()) {
            throw new IndexOutOfBoundsException("y(" + series + "): there " + (seriesCount() == 1 ? "is " : "are ")
                    + seriesCount() + " series" + (seriesCount() == 0 ? " (nothing added yet)" : ""));
        }
        return Arrays.copyOf(ys[series], size);
    }

    /**
     * Renders the points so far (a snapshot; later adds do not change it).
     *
     * @throws IllegalArgumentException if a log axis meets a non-positive value or limit
     */
    public Figure figure() {
        List<Axes.Data> data = new ArrayList<>(seriesCount());
        for (int k = 0; k < seriesCount(); k++) {
            data.add(new Axes.Data(null, x(), y(k)));
        }
        return new Figure(axes.spec(data));
    }

    @Override
    public String toString() {
        return "Animator[" + seriesCount() + " series, " + size + " points]";
    }
}
