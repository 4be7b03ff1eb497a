package d2l.optim;

import d2l.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * AdamW, Adam with decoupled weight decay, {@code torch.optim.AdamW}, optionally with AMSGrad.
 *
 * <p>Update of every entry at step t = 1, 2, ..., with learning rate η (default {@code 1e-3}),
 * β1 (default {@code 0.9}), β2 (default {@code 0.999}), ε (default {@code 1e-8}) and weight decay λ
 * (default {@code 1e-2}); v and s start at 0:
 * <pre>
 *   x ← x (1 − η λ)                 (decay first, independent of the gradient)
 *   v ← β1 v + (1 − β1) g
 *   s ← β2 s + (1 − β2) g²
 *   v̂ = v / (1 − β1^t)
 *   ŝ = s / (1 − β2^t)
 *   x ← x − η v̂ / (√ŝ + ε)
 * </pre>
 * With {@code amsgrad(true)}, as in {@link Adam}: s_max ← max(s_max, s) and ŝ = s_max / (1 − β2^t).
 * Construction: {@code new AdamW()}, {@code new AdamW(0.01)} or
 * {@code new AdamW(0.01).weightDecay(0.1).betas(0.9, 0.99)}.
 */
public final class AdamW extends AbstractOptimizer {

    private double beta1;
    private double beta2;
    private double eps;
    private double weightDecay;
    private boolean amsgrad;
    // Per-step scalars, set by prepare(t).
    private double stepSize;
    private double invSqrtBc2;
    private double decay;

    /** AdamW with torch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2. */
    public AdamW() {
        this(1e-3);
    }

    /** AdamW with learning rate {@code lr} and the other defaults. */
    public AdamW(double lr) {
        this(lr, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    /** AdamW with every hyperparameter: lr > 0, betas in [0, 1), eps > 0, weightDecay >= 0. */
    public AdamW(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(lr);
        this.beta1 = checkUnit("beta1", beta1, "0.9");
        this.beta2 = checkUnit("beta2", beta2, "0.999");
        this.eps = checkEps(eps);
        this.weightDecay = checkWeightDecay(weightDecay);
        this.amsgrad = amsgrad;
    }

    /** Sets the learning rate (finite, > 0) and returns this optimizer. */
    public AdamW lr(double lr) {
        setLr(lr);
        return this;
    }

    /** Sets β1 and β2 (each in [0, 1)) and returns this optimizer. */
    public AdamW betas(double beta1, double beta2) {
        checkUnit("beta1", beta1, "0.9");
        checkUnit("beta2", beta2, "0.999");
        this.beta1 = beta1;
        this.beta2 = beta2;
        hyperparametersChanged();
        return this;
    }

    /** Sets ε (finite, > 0) and returns this optimizer. */
    public AdamW eps(double eps) {
        this.eps = checkEps(eps);
        hyperparametersChanged();
        return this;
    }

    /** Sets the decoupled weight decay λ (finite, >= 0) and returns this optimizer. */
    public AdamW weightDecay(double weightDecay) {
        this.weightDecay = checkWeightDecay(weightDecay);
        hyperparametersChanged();
        return this;
    }

    /** Turns AMSGrad on or off and returns this optimizer (see {@link Adam#amsgrad(boolean)}). */
    public AdamW amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public boolean amsgrad() {
        return amsgrad;
    }

    /** A copy of the state of {@code p} (same layout as Adam's), or null if no step has updated it. */
    public Adam.State state(Parameter p) {
        Slot s = slot(p);
        return s == null ? null : new Adam.State(s.t, copyOf(s.a, s), copyOf(s.b, s), copyOf(s.c, s));
    }

    @Override
    void init(Slot slot, int n) {
        slot.a = new double[n];
        slot.b = new double[n];
        slot.c = amsgrad ? new double[n] : null;
    }

    @Override
    void prepare(long t) {
        stepSize = lr() / (1 - Math.pow(beta1, t));
        invSqrtBc2 = 1 / Math.sqrt(1 - Math.pow(beta2, t));
        decay = 1 - lr() * weightDecay;
    }

    @Override
    void update(double[] x, double[] g, int n, Slot slot) {
        if (amsgrad && slot.c == null) {
            slot.c = new double[n]; // AMSGrad switched on after this parameter's first step
        }
        Adam.loop(x, g, n, slot.a, slot.b, amsgrad ? slot.c : null, beta1, beta2, stepSize, invSqrtBc2, eps,
                decay);
    }

    @Override
    public AdamW copy() {
        return new AdamW(lr(), beta1, beta2, eps, weightDecay, amsgrad);
    }

    @Override
    public String toString() {
        return "AdamW(lr=" + fmt(lr()) + ", beta1=" + fmt(beta1) + ", beta2=" + fmt(beta2) + ", eps=" + fmt(eps)
                + ", weightDecay=" + fmt(weightDecay) + ", amsgrad=" + amsgrad + ")";
    }
}
