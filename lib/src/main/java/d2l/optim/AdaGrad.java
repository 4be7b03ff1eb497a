package d2l.optim;

import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * AdaGrad, {@code torch.optim.Adagrad} (no learning-rate decay, initial accumulator 0;
 * the book's section {@code sec_adagrad}).
 *
 * <p>Update of every entry, with learning rate η (default {@code 1e-2}) and ε (default
 * {@code 1e-10}), s starting at 0:
 * <pre>
 *   s ← s + g²
 *   x ← x − η g / (√s + ε)
 * </pre>
 * As in torch, ε is added after the square root (the book's from-scratch version puts it inside).
 * Construction: {@code new AdaGrad()}, {@code new AdaGrad(0.1)} or {@code new AdaGrad(0.1).eps(1e-6)}.
 */
public final class AdaGrad extends AbstractOptimizer<AdaGrad> {
    static final Hyper EPS = new Hyper("eps", 1, Rule.POSITIVE, "1e-10");
    private static final Hyper[] HYPERS = {LR, EPS};

    /** A snapshot (copies) of one parameter's state: its step count and the sum of squares s. */
    public record State(long steps, DMatrixRMaj s) {
    }

    /** AdaGrad with torch's defaults: lr 1e-2, eps 1e-10. */
    public AdaGrad() {
        this(1e-2);
    }

    /** AdaGrad with learning rate {@code lr} and eps 1e-10. */
    public AdaGrad(double lr) {
        this(lr, 1e-10);
    }

    /** AdaGrad with learning rate {@code lr} (≥ 0) and {@code eps} (> 0). */
    public AdaGrad(double lr, double eps) {
        super(1, HYPERS, lr, eps);
    }

    /** Sets ε (finite, > 0) and returns this optimizer. */
    public AdaGrad eps(double eps) {
        return set(EPS, eps);
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
        final double lr = lr(), eps = get(EPS);
        final double[] s = slot.a;
        for (int i = 0; i < n; i++) {
            double gi = g[i];
            double si = s[i] + gi * gi;
            s[i] = si;
            x[i] -= lr * gi / (Math.sqrt(si) + eps);
        }
    }

    @Override
    public AdaGrad copy() {
        return new AdaGrad(lr(), eps());
    }
}
