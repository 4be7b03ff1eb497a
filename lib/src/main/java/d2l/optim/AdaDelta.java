package d2l.optim;

import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * AdaDelta, {@code torch.optim.Adadelta} (no weight decay; the book's section
 * {@code sec_adadelta}).
 *
 * <p>Update of every entry, with learning rate η (default {@code 1.0}, which is the book's version),
 * ρ (default {@code 0.9}) and ε (default {@code 1e-6}); s and Δx start at 0:
 * <pre>
 *   s  ← ρ s + (1 − ρ) g²
 *   g' = √(Δx + ε) / √(s + ε) · g
 *   x  ← x − η g'
 *   Δx ← ρ Δx + (1 − ρ) g'²
 * </pre>
 * Construction: {@code new AdaDelta()}, {@code new AdaDelta(1.0)} or
 * {@code new AdaDelta().rho(0.95).eps(1e-5)}.
 */
public final class AdaDelta extends AbstractOptimizer<AdaDelta> {
    static final Hyper RHO = new Hyper("rho", 1, Rule.UNIT, "0.9");
    static final Hyper EPS = new Hyper("eps", 2, Rule.POSITIVE, "1e-6");
    private static final Hyper[] HYPERS = {LR, RHO, EPS};

    /**
     * A snapshot (copies) of one parameter's state: its step count, the mean square of the gradients
     * s, and the mean square of the rescaled updates Δx.
     */
    public record State(long steps, DMatrixRMaj s, DMatrixRMaj deltaX) {
    }

    /** AdaDelta with torch's defaults: lr 1.0, rho 0.9, eps 1e-6. */
    public AdaDelta() {
        this(1.0);
    }

    /** AdaDelta with learning rate {@code lr}, rho 0.9, eps 1e-6. */
    public AdaDelta(double lr) {
        this(lr, 0.9, 1e-6);
    }

    /** AdaDelta with learning rate {@code lr} (≥ 0), {@code rho} in [0, 1) and {@code eps} (> 0). */
    public AdaDelta(double lr, double rho, double eps) {
        super(2, HYPERS, lr, rho, eps);
    }

    /** Sets ρ in [0, 1) and returns this optimizer. */
    public AdaDelta rho(double rho) {
        return set(RHO, rho);
    }

    /** Sets ε (finite, > 0) and returns this optimizer. */
    public AdaDelta eps(double eps) {
        return set(EPS, eps);
    }

    /** The decay rate ρ of both running averages. */
    public double rho() {
        return get(RHO);
    }

    /** The ε inside both square roots. */
    public double eps() {
        return get(EPS);
    }

    /** A copy of the state of {@code p}, or null if no step has updated {@code p} yet. */
    public State state(Parameter p) {
        return snapshot(p, s -> new State(s.t, copyOf(s.a, s), copyOf(s.b, s)));
    }

    @Override
    void update(double[] x, double[] g, int n, Slot slot) {
        final double lr = lr(), rho = get(RHO), c = 1 - rho, eps = get(EPS);
        final double[] s = slot.a, dx = slot.b;
        for (int i = 0; i < n; i++) {
            double gi = g[i];
            double si = s[i] * rho + c * gi * gi;
            s[i] = si;
            double delta = Math.sqrt(dx[i] + eps) / Math.sqrt(si + eps) * gi;
            dx[i] = dx[i] * rho + c * delta * delta;
            x[i] -= lr * delta;
        }
    }

    @Override
    public AdaDelta copy() {
        return new AdaDelta(lr(), rho(), eps());
    }
}
