package d2l.optim;

import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * Adam, {@code torch.optim.Adam} (no weight decay), optionally with AMSGrad (the book's
 * section {@code sec_adam}).
 *
 * <p>Update of every entry at step t = 1, 2, ..., with learning rate η (default {@code 1e-3}),
 * β1 (default {@code 0.9}), β2 (default {@code 0.999}) and ε (default {@code 1e-8}); v and s start at 0:
 * <pre>
 *   v ← β1 v + (1 − β1) g
 *   s ← β2 s + (1 − β2) g²
 *   v̂ = v / (1 − β1^t)
 *   ŝ = s / (1 − β2^t)
 *   x ← x − η v̂ / (√ŝ + ε)
 * </pre>
 * With {@code amsgrad(true)} this is PyTorch's AMSGrad variant: it keeps the running maximum of the
 * raw second moment and bias-corrects that maximum,
 * <pre>
 *   s_max ← max(s_max, s)       (s_max starts at 0)
 *   ŝ = s_max / (1 − β2^t)
 * </pre>
 * and then updates x as above. (Reddi et al.'s paper uses no bias correction; we follow torch.)
 *
 * <p>The code evaluates x − (η / (1 − β1^t)) · v / (√s / √(1 − β2^t) + ε), which is the same
 * expression rearranged as torch does, so the bias corrections are computed once per step.
 * Construction: {@code new Adam()}, {@code new Adam(0.01)} or
 * {@code new Adam(0.01).betas(0.9, 0.999).eps(1e-8).amsgrad(true)}.
 */
public sealed class Adam extends AbstractOptimizer<Adam> permits AdamW {
    static final Hyper BETA1 = new Hyper("beta1", 1, Rule.UNIT, "0.9");
    static final Hyper BETA2 = new Hyper("beta2", 2, Rule.UNIT, "0.999");
    static final Hyper EPS = new Hyper("eps", 3, Rule.POSITIVE, "1e-8");
    private static final Hyper[] HYPERS = {LR, BETA1, BETA2, EPS};

    /**
     * A snapshot (copies) of one parameter's state: its step count t, first moment v, second moment s,
     * and the running maximum of s ({@code sMax}, null unless AMSGrad was on).
     */
    public record State(long steps, DMatrixRMaj v, DMatrixRMaj s, DMatrixRMaj sMax) {
    }

    private boolean amsgrad;
    // Per-step scalars, set by prepare(t).
    private double stepSize;
    private double invSqrtBc2;

    /** Adam with torch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no AMSGrad. */
    public Adam() {
        this(1e-3);
    }

    /** Adam with learning rate {@code lr} and the other defaults. */
    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8, false);
    }

    /** Adam with every hyperparameter: lr ≥ 0, betas in [0, 1), eps > 0. */
    public Adam(double lr, double beta1, double beta2, double eps, boolean amsgrad) {
        this(HYPERS, amsgrad, lr, beta1, beta2, eps);
    }

    /** For {@link AdamW}, which adds hyperparameters after Adam's. */
    Adam(Hyper[] hypers, boolean amsgrad, double... values) {
        super(2, hypers, values);
        this.amsgrad = amsgrad;
    }

    /** Sets β1 and β2 (each in [0, 1)) and returns this optimizer; neither changes if one is invalid. */
    public Adam betas(double beta1, double beta2) {
        return set(BETA1, beta1, BETA2, beta2);
    }

    /** Sets ε (finite, > 0) and returns this optimizer. */
    public Adam eps(double eps) {
        return set(EPS, eps);
    }

    /**
     * Turns AMSGrad on or off and returns this optimizer. Switched on after some steps, the running
     * maximum starts from the second moment of the next step.
     */
    public Adam amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    public double beta1() {
        return get(BETA1);
    }

    public double beta2() {
        return get(BETA2);
    }

    public double eps() {
        return get(EPS);
    }

    public boolean amsgrad() {
        return amsgrad;
    }

    /** A copy of the state of {@code p}, or null if no step has updated {@code p} yet. */
    public State state(Parameter p) {
        return snapshot(p, s -> new State(s.t, copyOf(s.a, s), copyOf(s.b, s), copyOf(s.c, s)));
    }

    @Override
    void init(Slot slot, int n) {
        super.init(slot, n);
        slot.c = amsgrad ? new double[n] : null;
    }

    @Override
    void prepare(long t) {
        stepSize = lr() / (1 - Math.pow(beta1(), t));
        invSqrtBc2 = 1 / Math.sqrt(1 - Math.pow(beta2(), t));
    }

    @Override
    void update(double[] x, double[] g, int n, Slot slot) {
        if (amsgrad && slot.c == null) {
            slot.c = new double[n]; // AMSGrad switched on after this parameter's first step
        }
        loop(x, g, n, slot.a, slot.b, amsgrad ? slot.c : null, beta1(), beta2(), stepSize, invSqrtBc2, eps(), decay());
    }

    /** The factor x is scaled by before the step: 1 for Adam (exact), 1 − ηλ for {@link AdamW}. */
    double decay() {
        return 1.0;
    }

    /**
     * The fused Adam loop: x is first scaled by {@code decay} (1 for Adam, exact), then moved by the
     * bias-corrected step; {@code sMax} non-null selects AMSGrad.
     */
    private static void loop(double[] x, double[] g, int n, double[] v, double[] s, double[] sMax,
                     double beta1, double beta2, double stepSize, double invSqrtBc2, double eps,
                     double decay) {
        final double c1 = 1 - beta1, c2 = 1 - beta2;
        if (sMax == null) {
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                double vi = v[i] * beta1 + c1 * gi;
                double si = s[i] * beta2 + c2 * gi * gi;
                v[i] = vi;
                s[i] = si;
                x[i] = x[i] * decay - stepSize * vi / (Math.sqrt(si) * invSqrtBc2 + eps);
            }
        } else {
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                double vi = v[i] * beta1 + c1 * gi;
                double si = s[i] * beta2 + c2 * gi * gi;
                double mi = Math.max(sMax[i], si);
                v[i] = vi;
                s[i] = si;
                sMax[i] = mi;
                x[i] = x[i] * decay - stepSize * vi / (Math.sqrt(mi) * invSqrtBc2 + eps);
            }
        }
    }

    @Override
    public Adam copy() {
        return new Adam(lr(), beta1(), beta2(), eps(), amsgrad);
    }

    @Override
    String flags() {
        return ", amsgrad=" + amsgrad;
    }
}
