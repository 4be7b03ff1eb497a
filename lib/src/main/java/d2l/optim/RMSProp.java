package d2l.optim;

import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * RMSProp, {@code torch.optim.RMSprop} (not centered, no momentum, no weight decay;
 * the book's section {@code sec_rmsprop}).
 *
 * <p>Update of every entry, with learning rate η (default {@code 1e-2}), smoothing constant α
 * (torch's {@code alpha}, the book's γ; default {@code 0.99}) and ε (default {@code 1e-8}), s starting
 * at 0:
 * <pre>
 *   s ← α s + (1 − α) g²
 *   x ← x − η g / (√s + ε)
 * </pre>
 * As in torch, ε is added after the square root (the book's from-scratch version puts it inside).
 * Construction: {@code new RMSProp()}, {@code new RMSProp(0.01)} or
 * {@code new RMSProp(0.01).alpha(0.9).eps(1e-6)}.
 */
public final class RMSProp extends AbstractOptimizer<RMSProp> {
    static final Hyper ALPHA = new Hyper("alpha", 1, Rule.UNIT, "0.99");
    static final Hyper EPS = new Hyper("eps", 2, Rule.POSITIVE, "1e-8");
    private static final Hyper[] HYPERS = {LR, ALPHA, EPS};

    /** A snapshot (copies) of one parameter's state: its step count and the mean square s. */
    public record State(long steps, DMatrixRMaj s) {
    }

    /** RMSProp with torch's defaults: lr 1e-2, alpha 0.99, eps 1e-8. */
    public RMSProp() {
        this(1e-2);
    }

    /** RMSProp with learning rate {@code lr}, alpha 0.99, eps 1e-8. */
    public RMSProp(double lr) {
        this(lr, 0.99, 1e-8);
    }

    /** RMSProp with learning rate {@code lr} (≥ 0), {@code alpha} in [0, 1) and {@code eps} (> 0). */
    public RMSProp(double lr, double alpha, double eps) {
        super(1, HYPERS, lr, alpha, eps);
    }

    /** Sets the smoothing constant α in [0, 1) and returns this optimizer. */
    public RMSProp alpha(double alpha) {
        return set(ALPHA, alpha);
    }

    /** Sets ε (finite, > 0) and returns this optimizer. */
    public RMSProp eps(double eps) {
        return set(EPS, eps);
    }

    /** The smoothing constant α. */
    public double alpha() {
        return get(ALPHA);
    }

    /** The ε added to the denominator. */
    public double eps() {
        return get(EPS);
    }

    /** A copy of the state of {@code p}, or null if no step has updated {@code p} yet. */
    public State state(Parameter p) {
        return snapshot(p, s -> new State(s.t, copyOf(s.a, s)));
    }

    @Override
    void update(double[] x, double[] g, int n, Slot slot) {
        final double lr = lr(), alpha = get(ALPHA), c = 1 - alpha, eps = get(EPS);
        final double[] s = slot.a;
        for (int i = 0; i < n; i++) {
            double gi = g[i];
            double si = s[i] * alpha + c * gi * gi;
            s[i] = si;
            x[i] -= lr * gi / (Math.sqrt(si) + eps);
        }
    }

    @Override
    public RMSProp copy() {
        return new RMSProp(lr(), alpha(), eps());
    }
}
