package d2l.train;

import d2l.data.DataIter;

/**
 * Hooks into {@link Trainer}'s loop; every method does nothing by default, so a listener overrides
 * only what it needs. The order of events in a run:
 * <pre>
 * onStart
 *   onEpochStart                       (epoch = 1, 2, ...)
 *     onBatch                          (after backward, before the update: gradients are fresh)
 *     onEvaluation                     (every so many examples, if the trainer evaluates)
 *   onEpochEnd
 * onEnd                                (with the result; not called when a listener or the loop throws)
 * </pre>
 * {@code onBatch} runs inside the timed part of the loop, so keep it cheap; the other events run while
 * the timer is stopped (drawing and printing do not count as training time). A listener may throw to
 * stop the run (as {@link DivergenceGuard} does).
 */
public interface TrainListener {
    default void onStart(Progress p) {}

    default void onEpochStart(Progress p) {}

    /** One minibatch: {@code loss} is its mean loss, the parameters' grads hold its gradient. */
    default void onBatch(Progress p, DataIter.Batch batch, double loss) {}

    /** The trainer's evaluation ({@link Trainer#evaluateEvery}) gave {@code value} at {@code p.epochProgress()}. */
    default void onEvaluation(Progress p, double value) {}

    default void onEpochEnd(Progress p) {}

    default void onEnd(Progress p, TrainResult result) {}
}
