package d2l.optim.lr;

/**
 * A learning-rate schedule: the learning rate for step {@code step} = 0, 1, 2, ... (the book's
 * {@code scheduler(t)}; a step is an epoch or an update, whichever the caller counts). See the book's
 * section {@code sec_scheduler}.
 *
 * <p>Implementations here are pure functions of the step: calling {@code lr(5)} twice, or {@code lr(5)}
 * before {@code lr(3)}, gives the same values as the book's stateful classes called in order 0, 1, 2, ...
 * A lambda is a schedule too: {@code LrScheduler s = t -> 0.1 * Math.pow(0.5, t / 10);}.
 */
@FunctionalInterface
public interface LrScheduler {

    /** The learning rate at {@code step} (from 0). */
    double lr(int step);

    /**
     * {@link #lr(int)}, checked: a learning rate must be a finite number ≥ 0.
     *
     * @throws IllegalArgumentException if {@code step < 0}
     * @throws IllegalStateException naming the step and the value if the schedule gives NaN, an infinity
     *     or a negative number
     */
    default double checkedLr(int step) {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
        double lr = lr(step);
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            // A lambda's toString is noise (Foo$$Lambda$12/0x...@1b2c); name only real classes.
            String who = getClass().isSynthetic() || getClass().getName().contains("$$Lambda") ? "" : " " + this;
            throw new IllegalStateException("learning-rate schedule" + who + " gave lr = " + lr + " at step " + step
                    + "; a learning rate must be a finite number >= 0");
        }
        return lr;
    }

    /** The checked learning rates of steps 0 .. {@code steps − 1}, for plotting a schedule. */
    default double[] lrs(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        double[] out = new double[steps];
        for (int t = 0; t < steps; t++) out[t] = checkedLr(t);
        return out;
    }
}
