package d2l.optim;

/**
 * Minibatch stochastic gradient descent, {@code torch.optim.SGD} without momentum or weight
 * decay (the book's section {@code sec_minibatch_sgd}).
 *
 * <p>Update of every entry of every parameter, with learning rate η (default {@code 1e-3}):
 * <pre>
 *   x ← x − η g
 * </pre>
 * SGD keeps no state. Construction: {@code new SGD()} or {@code new SGD(0.1)}; {@link #lr(double)}
 * changes the learning rate later (for schedules).
 */
public final class SGD extends AbstractOptimizer<SGD> {
    private static final Hyper[] HYPERS = {LR};

    /** SGD with torch's default learning rate 1e-3. */
    public SGD() {
        this(1e-3);
    }

    /** SGD with learning rate {@code lr} (finite, ≥ 0). */
    public SGD(double lr) {
        super(0, HYPERS, lr);
    }

    @Override
    void update(double[] x, double[] g, int n, Slot slot) {
        final double lr = lr();
        for (int i = 0; i < n; i++) {
            x[i] -= lr * g[i];
        }
    }

    @Override
    public SGD copy() {
        return new SGD(lr());
    }
}
