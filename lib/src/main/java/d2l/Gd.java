package d2l;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import d2l.plot.Plot;

/**
 * The helpers of sec_gd (Gradient Descent), used again by sec_sgd, sec_momentum, sec_adagrad and
 * sec_rmsprop: the book's {@code show_trace}, {@code train_2d} and {@code show_trace_2d}.
 */
public final class Gd {

    private Gd() { }

    /**
     * One step of a 2-D optimizer written from scratch, the book's {@code trainer(x1, x2, s1, s2)}:
     * takes the point {@code (x1, x2)} and two state variables (used by momentum, AdaGrad, RMSProp)
     * and returns the new {@code {x1, x2, s1, s2}}.
     */
    @FunctionalInterface
    public interface Step2d {
        double[] step(double x1, double x2, double s1, double s2);
    }

    /**
     * Draws f on {@code [-n, n]} (n = the largest |x| among the iterates, in steps of 0.01) and the
     * iterates {@code (x, f(x))} on it as {@code "-o"}: the book's {@code show_trace}.
     *
     * @throws IllegalArgumentException if results is null or empty, f is null, or an iterate is not finite
     */
    public static void showTrace(double[] results, DoubleUnaryOperator f) {
        tracePlot(results, f).show();
    }

    /** The plot that {@link #showTrace} shows, to change before showing (e.g. a title or limits). */
    public static Plot tracePlot(double[] results, DoubleUnaryOperator f) {
        if (results == null || results.length == 0) {
            throw new IllegalArgumentException("showTrace: results is " + (results == null ? "null" : "empty")
                    + "; pass the iterates x_0, x_1, ... of gradient descent");
        }
        if (f == null) {
            throw new IllegalArgumentException("showTrace: f is null; pass the function, e.g. x -> x * x");
        }
        double n = 0;
        for (int i = 0; i < results.length; i++) {
            if (!Double.isFinite(results[i])) {
                throw new IllegalArgumentException("showTrace: iterate " + i + " is " + results[i]
                        + "; the run diverged, so there is no curve to draw it on (try a smaller learning rate)");
            }
            n = Math.max(n, Math.abs(results[i]));
        }
        if (n == 0) {
            n = 1; // every iterate at 0: still show the function around it
        }
        int count = (int) Math.ceil(2 * n / 0.01);
        double[] x = new double[count];
        double[] fx = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = -n + i * 0.01;
            fx[i] = f.applyAsDouble(x[i]);
        }
        double[] fr = new double[results.length];
        for (int i = 0; i < fr.length; i++) {
            fr[i] = f.applyAsDouble(results[i]);
        }
        return new Plot().series(x, fx).series(results, fr).fmts("-", "-o").xlabel("x").ylabel("f(x)").legend(false);
    }

    /**
     * Runs {@code trainer} for {@code steps} steps from {@code (x1, x2, s1, s2) = (-5, -2, 0, 0)}, prints
     * the last point as the book does ({@code epoch 20, x1: -0.057646, x2: -0.000073}) and returns the
     * points {@code {x1, x2}}, the start included: the book's {@code train_2d}.
     *
     * @throws IllegalArgumentException if trainer is null, steps &lt; 1, or a step does not return 4 numbers
     */
    public static List<double[]> train2d(Step2d trainer, int steps) {
        if (trainer == null) {
            throw new IllegalArgumentException("train2d: trainer is null; pass a step such as"
                    + " (x1, x2, s1, s2) -> new double[] {x1 - eta * 2 * x1, x2 - eta * 4 * x2, 0, 0}");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("train2d: steps = " + steps + "; take at least one step (the book uses 20)");
        }
        double x1 = -5;
        double x2 = -2;
        double s1 = 0;
        double s2 = 0;
        List<double[]> results = new ArrayList<>(steps + 1);
        results.add(new double[] {x1, x2});
        for (int i = 0; i < steps; i++) {
            double[] next = trainer.step(x1, x2, s1, s2);
            if (next == null || next.length != 4) {
                throw new IllegalArgumentException("train2d: step " + (i + 1) + " returned "
                        + (next == null ? "null" : next.length + " numbers") + "; return {x1, x2, s1, s2}");
            }
            x1 = next[0];
            x2 = next[1];
            s1 = next[2];
            s2 = next[3];
            results.add(new double[] {x1, x2});
        }
        System.out.printf(Locale.ROOT, "epoch %d, x1: %f, x2: %f%n", steps, x1, x2);
        return results;
    }

    /**
     * Contour lines of f on {@code [-5.5, 1.0] x [-3.0, 1.0]} with the trajectory {@code results} drawn
     * over them as {@code "-o"} in orange; axes x1 and x2: the book's {@code show_trace_2d}.
     *
     * @throws IllegalArgumentException if f is null, results is null or empty, a point is not
     *     {x1, x2}, or a coordinate is not finite
     */
    public static void showTrace2d(DoubleBinaryOperator f, List<double[]> results) {
        trace2dPlot(f, results).show();
    }

    /** The plot that {@link #showTrace2d} shows, to change before showing. */
    public static Plot trace2dPlot(DoubleBinaryOperator f, List<double[]> results) {
        if (f == null) {
            throw new IllegalArgumentException("showTrace2d: f is null; pass the objective, e.g. (x1, x2) -> x1 * x1 + 2 * x2 * x2");
        }
        if (results == null || results.isEmpty()) {
            throw new IllegalArgumentException("showTrace2d: results is " + (results == null ? "null" : "empty")
                    + "; pass what train2d returned");
        }
        double[] x1 = new double[results.size()];
        double[] x2 = new double[results.size()];
        for (int i = 0; i < x1.length; i++) {
            double[] p = results.get(i);
            if (p == null || p.length != 2) {
                throw new IllegalArgumentException("showTrace2d: point " + i + " is "
                        + (p == null ? "null" : p.length + " numbers") + "; each point must be {x1, x2}");
            }
            if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                throw new IllegalArgumentException("showTrace2d: point " + i + " is (" + p[0] + ", " + p[1]
                        + "); the run diverged (try a smaller learning rate)");
            }
            x1[i] = p[0];
            x2[i] = p[1];
        }
        return new Plot().contour(f, -5.5, 1.0, -3.0, 1.0)
                .series(null, x1, x2, "-o", "#ff7f0e")
                .xlabel("x1").ylabel("x2").legend(false);
    }
}
