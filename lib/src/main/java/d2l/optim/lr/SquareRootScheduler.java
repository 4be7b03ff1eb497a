package d2l.optim.lr;

/**
 * The book's {@code SquareRootScheduler} (section {@code sec_scheduler}): a polynomial decay
 * <pre>
 *   η_t = η₀ · (t + 1)^(−1/2)
 * </pre>
 * so the rate halves when the step count quadruples. torch equivalent:
 * {@code LambdaLR(opt, lambda t: (t + 1) ** -0.5)} with initial lr η₀.
 */
public final class SquareRootScheduler implements LrScheduler {
    private final double lr;

    /** The book's default η₀ = 0.1. */
    public SquareRootScheduler() { this(0.1); }

    /** @param lr η₀, a finite number ≥ 0 */
    public SquareRootScheduler(double lr) {
        this.lr = Schedules.rate("lr", lr);
    }

    @Override
    public double lr(int step) {
        return lr * Math.pow(Schedules.step(step) + 1.0, -0.5);
    }

    @Override
    public String toString() { return "SquareRootScheduler(lr=" + lr + ")"; }
}
