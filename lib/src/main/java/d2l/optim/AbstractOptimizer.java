package d2l.optim;

import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;

import java.math.BigDecimal;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * What all optimizers of this package share: the learning rate, the step count, lazily created
 * per-parameter state, shape checks and hyperparameter validation. Each subclass supplies only its
 * update rule, a single loop over the raw arrays of one parameter.
 *
 * <p>The step count {@code t} of the formulas is kept per parameter, as {@code torch.optim} does
 * ({@code state['step']}): a parameter first seen at a later step starts its bias corrections at
 * {@code t = 1}. When every step sees the same parameters, which is the usual case, that count equals
 * {@link #stepCount()}.
 */
public abstract sealed class AbstractOptimizer implements Optimizer
        permits SGD, Momentum, AdaGrad, RMSProp, AdaDelta, Adam, Yogi {

    /** State of one parameter: up to three arrays of its size, and how many steps it has taken. */
    static final class Slot {
        final int rows, cols;
        long t;
        /** The step() call that last validated this parameter; finds duplicates in one list. */
        long seenAt;
        double[] a, b, c;

        Slot(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
        }
    }

    private final IdentityHashMap<Parameter, Slot> slots = new IdentityHashMap<>();
    private long steps;
    /** Counts step() calls, failed ones included, to mark parameters seen in the current call. */
    private long calls;
    private double lr;
    /** The t for which {@link #prepare(long)} last ran; -1 forces a recomputation. */
    private long preparedT = -1;

    AbstractOptimizer(double lr) {
        this.lr = checkLr(lr);
    }

    /** The learning rate η. */
    public final double lr() {
        return lr;
    }

    final void setLr(double lr) {
        this.lr = checkLr(lr);
        hyperparametersChanged();
    }

    /** Subclasses call this from every setter so the per-step scalars get recomputed. */
    final void hyperparametersChanged() {
        preparedT = -1;
    }

    /** Allocates the state arrays of a new parameter with {@code n} entries (all zero). */
    abstract void init(Slot slot, int n);

    /** Computes the per-step scalars (bias corrections etc.) for step {@code t}; once per step. */
    void prepare(long t) {
    }

    /** Updates one parameter: {@code x[0..n)} from {@code g[0..n)}, with the state in {@code slot}. */
    abstract void update(double[] x, double[] g, int n, Slot slot);

    @Override
    public final void step(List<Parameter> params) {
        if (params == null) {
            throw new IllegalArgumentException(name() + ".step: params is null; pass a list of Parameters");
        }
        final int count = params.size();
        final long call = ++calls;
        // Check everything before touching anything, so a bad list leaves values and state unchanged.
        for (int i = 0; i < count; i++) {
            Parameter p = params.get(i);
            if (p == null) {
                throw new IllegalArgumentException(name() + ".step: parameter " + i + " is null");
            }
            DMatrixRMaj x = p.value, g = p.grad;
            if (x.numRows != g.numRows || x.numCols != g.numCols) {
                throw new IllegalArgumentException(name() + ".step: parameter " + i + " has value "
                        + shape(x.numRows, x.numCols) + " but grad " + shape(g.numRows, g.numCols)
                        + "; they must have the same shape");
            }
            Slot slot = slots.get(p);
            if (slot != null && slot.t == 0 && (slot.rows != x.numRows || slot.cols != x.numCols)) {
                slot = null; // created by a step() that then failed: never used, so just replace it
            }
            if (slot == null) {
                slot = new Slot(x.numRows, x.numCols);
                init(slot, x.numRows * x.numCols);
                slots.put(p, slot);
            } else if (slot.rows != x.numRows || slot.cols != x.numCols) {
                throw new IllegalArgumentException(name() + ".step: parameter " + i + " changed shape from "
                        + shape(slot.rows, slot.cols) + " to " + shape(x.numRows, x.numCols)
                        + " since an earlier step; call reset() or use a new optimizer after reshaping");
            }
            if (slot.seenAt == call) {
                throw new IllegalArgumentException(name() + ".step: parameter " + i
                        + " appears more than once in params; list each parameter once");
            }
            slot.seenAt = call;
        }
        steps++;
        for (int i = 0; i < count; i++) {
            Parameter p = params.get(i);
            Slot slot = slots.get(p);
            long t = ++slot.t;
            if (t != preparedT) {
                prepare(t);
                preparedT = t;
            }
            update(p.value.data, p.grad.data, slot.rows * slot.cols, slot);
        }
    }

    @Override
    public final void reset() {
        slots.clear();
        steps = 0;
        preparedT = -1;
    }

    @Override
    public final long stepCount() {
        return steps;
    }

    @Override
    public abstract AbstractOptimizer copy();

    /** The state of {@code p}, or null if no completed step has updated it yet. */
    final Slot slot(Parameter p) {
        Slot s = slots.get(p);
        return s == null || s.t == 0 ? null : s;
    }

    final String name() {
        return getClass().getSimpleName();
    }

    // ---- helpers for the subclasses ---------------------------------------------------------------

    static DMatrixRMaj copyOf(double[] a, Slot s) {
        if (a == null) {
            return null;
        }
        DMatrixRMaj m = new DMatrixRMaj(s.rows, s.cols);
        System.arraycopy(a, 0, m.data, 0, s.rows * s.cols);
        return m;
    }

    private static String shape(int rows, int cols) {
        return rows + "x" + cols;
    }

    private double checkLr(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name() + ": lr must be a finite number > 0, got " + fmt(v));
        }
        return v;
    }

    /** For β, ρ, α and momentum: a decay factor in [0, 1). */
    final double checkUnit(String param, double v, String typical) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name() + ": " + param + " must be in [0, 1), got " + fmt(v)
                    + " (typical: " + typical + ")");
        }
        return v;
    }

    final double checkEps(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name() + ": eps must be a finite number > 0, got " + fmt(v));
        }
        return v;
    }

    final double checkWeightDecay(double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name() + ": weightDecay must be a finite number >= 0, got "
                    + fmt(v));
        }
        return v;
    }

    /**
     * Formats a double the way Python's {@code repr} does ({@code 0.001}, {@code 1e-08}, {@code 1.0}),
     * so {@code toString()} reads like torch's; NaN and infinities keep Java's spelling.
     */
    static String fmt(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale(); // decimal exponent of the leading digit
        String sign = x < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int e = Math.abs(exp);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        return sign + d.toPlainString() + (d.scale() <= 0 ? ".0" : "");
    }
}
