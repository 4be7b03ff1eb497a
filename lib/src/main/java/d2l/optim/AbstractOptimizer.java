package d2l.optim;

import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;

import java.math.BigDecimal;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * What all optimizers of this package share: the hyperparameters (each declared once as a
 * {@link Hyper} with its rule, then read, set, checked and printed by the code here), the step count,
 * lazily created per-parameter state and shape checks. Each subclass supplies only its update rule, a
 * single loop over the raw arrays of one parameter, and one-line accessors for its hyperparameters.
 *
 * <p>{@code O} is the concrete class, so that setters written here ({@link #lr(double)}) return it and
 * calls chain: {@code new Adam(0.01).lr(0.02).betas(0.9, 0.99)}.
 *
 * <p>The step count {@code t} of the formulas is kept per parameter, as {@code torch.optim} does
 * ({@code state['step']}): a parameter first seen at a later step starts its bias corrections at
 * {@code t = 1}. When every step sees the same parameters, which is the usual case, that count equals
 * {@link #stepCount()}.
 */
public abstract sealed class AbstractOptimizer<O extends AbstractOptimizer<O>> implements Optimizer
        permits SGD, Momentum, AdaGrad, RMSProp, AdaDelta, Adam, Yogi {

    /** What a hyperparameter must satisfy; the text goes into the error message. */
    enum Rule {
        /** A learning rate or weight decay: 0 is allowed (a warm-up may start there), as in torch.optim. */
        NON_NEGATIVE("a finite number >= 0"),
        /** ε: the denominator must stay away from 0. */
        POSITIVE("a finite number > 0"),
        /** A decay factor (β, ρ, α, momentum). */
        UNIT("in [0, 1)");

        final String text;

        Rule(String text) {
            this.text = text;
        }

        boolean accepts(double v) {
            return switch (this) {
                case NON_NEGATIVE -> v >= 0 && !Double.isInfinite(v);
                case POSITIVE -> v > 0 && !Double.isInfinite(v);
                case UNIT -> v >= 0 && v < 1;
            };
        }
    }

    /**
     * One hyperparameter of an optimizer class: its name (as {@code toString} and errors spell it), its
     * slot in {@link #hp}, its rule and a typical value for the error message (null: none).
     */
    record Hyper(String name, int index, Rule rule, String typical) {
    }

    /** The learning rate η, slot 0 of every optimizer. */
    static final Hyper LR = new Hyper("lr", 0, Rule.NON_NEGATIVE, null);

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
    /** How many state arrays (v, s, ...) of a parameter's size each parameter gets; see {@link #init}. */
    private final int stateArrays;
    /** This optimizer's hyperparameters in {@link #hypers} order; plain array reads in the update loops. */
    private final Hyper[] hypers;
    final double[] hp;
    /** The t for which {@link #prepare(long)} last ran; -1 forces a recomputation. */
    private long preparedT = -1;

    /**
     * @param stateArrays how many arrays of state each parameter needs (0 to 2; {@link Slot#a}, {@link Slot#b})
     * @param hypers the class's hyperparameters, {@code hypers[i].index() == i}, {@link #LR} first
     * @param values their initial values, each checked against its rule
     */
    AbstractOptimizer(int stateArrays, Hyper[] hypers, double... values) {
        this.stateArrays = stateArrays;
        if (hypers.length != values.length || hypers[0] != LR) {
            throw new AssertionError("hyperparameter table of " + name());
        }
        this.hypers = hypers;
        this.hp = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (hypers[i].index() != i) {
                throw new AssertionError(hypers[i] + " at slot " + i + " of " + name());
            }
            hp[i] = check(hypers[i], values[i]);
        }
    }

    /** The learning rate η. */
    @Override
    public final double lr() {
        return hp[LR.index()];
    }

    /**
     * Sets the learning rate η (finite, ≥ 0; 0 is allowed so that a schedule may start a warm-up
     * there) and returns this optimizer. Takes effect at the next {@link #step}.
     */
    @Override
    public O lr(double lr) {
        return set(LR, lr);
    }

    /** The value of {@code h}. */
    final double get(Hyper h) {
        return hp[h.index()];
    }

    /** Checks {@code v} against the rule of {@code h}, sets it and returns this optimizer. */
    final O set(Hyper h, double v) {
        hp[h.index()] = check(h, v);
        hyperparametersChanged();
        return self();
    }

    /** Sets two hyperparameters, or neither if either value breaks its rule. */
    final O set(Hyper h1, double v1, Hyper h2, double v2) {
        check(h1, v1);
        check(h2, v2);
        set(h1, v1);
        return set(h2, v2);
    }

    /** Subclasses call this when a non-numeric setting changes, so the per-step scalars get recomputed. */
    final void hyperparametersChanged() {
        preparedT = -1;
    }

    @SuppressWarnings("unchecked")
    final O self() {
        return (O) this;
    }

    /** Allocates the state arrays of a new parameter with {@code n} entries (all zero). */
    void init(Slot slot, int n) {
        slot.a = stateArrays > 0 ? new double[n] : null;
        slot.b = stateArrays > 1 ? new double[n] : null;
    }

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
    public abstract O copy();

    /**
     * The class name and every hyperparameter in declaration order, Python-style numbers, like torch's
     * repr: {@code Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-08, amsgrad=false)}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name()).append('(');
        for (int i = 0; i < hypers.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(hypers[i].name()).append('=').append(fmt(hp[i]));
        }
        return sb.append(flags()).append(')').toString();
    }

    /** Non-numeric settings for {@link #toString()}, each starting with {@code ", "}; none by default. */
    String flags() {
        return "";
    }

    /** The state of {@code p}, or null if no completed step has updated it yet. */
    final Slot slot(Parameter p) {
        Slot s = slots.get(p);
        return s == null || s.t == 0 ? null : s;
    }

    /** {@code copy} applied to the state of {@code p}, or null if no step has updated {@code p} yet. */
    final <T> T snapshot(Parameter p, Function<Slot, T> copy) {
        Slot s = slot(p);
        return s == null ? null : copy.apply(s);
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

    /** The one place where hyperparameter values are validated. */
    private double check(Hyper h, double v) {
        if (!h.rule().accepts(v)) {
            throw new IllegalArgumentException(name() + ": " + h.name() + " must be " + h.rule().text + ", got "
                    + fmt(v) + (h.typical() == null ? "" : " (typical: " + h.typical() + ")"));
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
