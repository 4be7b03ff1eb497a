package d2l.optim;

import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * Yogi, exactly as in the d2l book's section {@code sec_adam} (torch has no Yogi).
 *
 * <p>Update of every entry at step t = 1, 2, ..., with learning rate η (default {@code 1e-2}),
 * β1 (default {@code 0.9}), β2 (default {@code 0.999}) and ε (default {@code 1e-3}, the book's value);
 * v and s start at 0:
 * <pre>
 *   v ← β1 v + (1 − β1) g
 *   s ← s + (1 − β2) g² ⊙ sgn(g² − s)      (sgn(0) = 0, like torch.sign)
 *   v̂ = v / (1 − β1^t)
 *   ŝ = s / (1 − β2^t)
 *   x ← x − η v̂ / (√ŝ + ε)
 * </pre>
 * Unlike Adam, s moves towards g² by (1 − β2) g² per step whatever the gap, so a run of small
 * gradients lowers s only slowly and the memory of rare large gradients lasts. Construction: {@code new Yogi()}, {@code new Yogi(0.01)}
 * or {@code new Yogi(0.01).betas(0.9, 0.999).eps(1e-3)}.
 */
public final class Yogi extends AbstractOptimizer<Yogi> {
    static final Hyper BETA1 = new Hyper("beta1", 1, Rule.UNIT, "0.9");
    static final Hyper BETA2 = new Hyper("beta2", 2, Rule.UNIT, "0.999");
    static final Hyper EPS = new Hyper("eps", 3, Rule.POSITIVE, "1e-3");
    private static final Hyper[] HYPERS = {LR, BETA1, BETA2, EPS};

    /** A snapshot (copies) of one parameter's state: its step count t, first moment v, second moment s. */
    public record State(long steps, DMatrixRMaj v, DMatrixRMaj s) {
    }

    // Per-step scalars, set by prepare(t).
    private double invBc1;
    private double invBc2;

    /** Yogi with the book's defaults: lr 1e-2, betas (0.9, 0.999), eps 1e-3. */
    public Yogi() {
        this(1e-2);
    }

    /** Yogi with learning rate {@code lr} and the book's other defaults. */
    public Yogi(double lr) {
        this(lr, 0.9, 0.999, 1e-3);
    }

    /** Yogi with every hyperparameter: lr ≥ 0, betas in [0, 1), eps > 0. */
    public Yogi(double lr, double beta1, double beta2, double eps) {
        super(2, HYPERS, lr, beta1, beta2, eps);
    }

    /** Sets β1 and β2 (each in [0, 1)) and returns this optimizer; neither changes if one is invalid. */
    public Yogi betas(double beta1, double beta2) {
        return set(BETA1, beta1, BETA2, beta2);
    }

    /** Sets ε (finite, > 0) and returns this optimizer. */
    public Yogi eps(double eps) {
        return set(EPS, eps);
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

    /** A copy of the state of {@code p}, or null if no step has updated {@code p} yet. */
    public State state(Parameter p) {
        return snapshot(p, s -> new State(s.t, copyOf(s.a, s), copyOf(s.b, s)));
    }

    @Override
    void prepare(long t) {
        invBc1 = 1 / (1 - Math.pow(beta1(), t));
        invBc2 = 1 / (1 - Math.pow(beta2(), t));
    }

    @Override
    void update(double[] x, double[] g, int n, Slot slot) {
        final double lr = lr(), beta1 = beta1(), c1 = 1 - beta1, c2 = 1 - beta2(), eps = eps();
        final double invBc1 = this.invBc1, invBc2 = this.invBc2;
        final double[] v = slot.a, s = slot.b;
        for (int i = 0; i < n; i++) {
            double gi = g[i], g2 = gi * gi;
            double vi = beta1 * v[i] + c1 * gi;
            double si = s[i] + c2 * sign(g2 - s[i]) * g2;
            v[i] = vi;
            s[i] = si;
            x[i] -= lr * (vi * invBc1) / (Math.sqrt(si * invBc2) + eps);
        }
    }

    /**
     * Exactly {@code Math.signum(d)} (±1, ±0, NaN for NaN), written with min/max so that C2 vectorizes
     * the update loop; JDK 17 cannot vectorize {@code Math.signum}, which made Yogi about 5x slower per
     * element than Adam (bench/ OptimizerStepBench). d · 2^2046 is at least 1 in magnitude for every
     * nonzero d, subnormals included.
     */
    static double sign(double d) {
        return Math.max(-1.0, Math.min(1.0, d * 0x1p1023 * 0x1p1023));
    }

    @Override
    public Yogi copy() {
        return new Yogi(lr(), beta1(), beta2(), eps());
    }
}
