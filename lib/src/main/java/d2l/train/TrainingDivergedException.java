package d2l.train;

/**
 * Thrown by {@link DivergenceGuard} when the loss becomes NaN or infinite; says where (epoch and
 * minibatch, both counted from 1) and what the last finite loss was.
 */
public final class TrainingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    public final int epoch, step;
    public final double lastFiniteLoss;

    public TrainingDivergedException(String message, int epoch, int step, double lastFiniteLoss) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.lastFiniteLoss = lastFiniteLoss;
    }
}
