package d2l.optim;

import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * SGD with momentum, {@code torch.optim.SGD(momentum=0.9)} with dampening 0 and no Nesterov
 * (the book's section {@code sec_momentum}).
 *
 * <p>Update of every entry, with learning rate η (default {@code 1e-3}) and momentum β (default
 * {@code 0.9}), velocity v starting at 0:
 * <pre>
 *   v ← β v + g
 *   x ← x − η v
 * </pre>
 * (torch starts its buffer as a copy of the first gradient, which is the same as β·0 + g.)
 * Construction: {@code new Momentum()}, {@code new Momentum(0.01)} or
 * {@code new Momentum(0.01).momentum(0.5)}.
 */
public final class Momentum extends AbstractOptimizer<Momentum> {
    static final Hyper MOMENTUM = new Hyper("momentum", 1, Rule.UNIT, "0.9");
    private static final Hyper[] HYPERS = {LR, MOMENTUM};

    /** A snapshot (copies) of one parameter's state: its step count and velocity v. */
    public record State(long steps, DMatrixRMaj v) {
    }

    /** Momentum with torch-style defaults: lr 1e-3, momentum 0.9. */
    public Momentum() {
        this(1e-3);
    }

    /** Momentum with learning rate {@code lr} and momentum 0.9. */
    public Momentum(double lr) {
        this(lr, 0.9);
    }

    /** Momentum with learning rate {@code lr} (≥ 0) and momentum β in [0, 1). */
    public Momentum(double lr, double momentum) {
        super(1, HYPERS, lr, momentum);
    }

    /** Sets the momentum β in [0, 1) and returns this optimizer. */
    public Momentum momentum(double momentum) {
        return set(MOMENTUM, momentum);
    }

    /** The momentum β. */
    public double momentum() {
        return get(MOMENTUM);
    }

    /** A copy of the state of {@code p}, or null if no step has updated {@code p} yet. */
    public State state(Parameter p) {
        return snapshot(p, s -> new State(s.t, copyOf(s.a, s)));
    }

    @Override
    void update(double[] x, double[] g, int n, Slot slot) {
        final double lr = lr(), beta = get(MOMENTUM);
        final double[] v = slot.a;
        for (int i = 0; i < n; i++) {
            double vi = v[i] * beta + g[i];
            v[i] = vi;
            x[i] -= lr * vi;
        }
    }

    @Override
    public Momentum copy() {
        return new Momentum(lr(), momentum());
    }
}
