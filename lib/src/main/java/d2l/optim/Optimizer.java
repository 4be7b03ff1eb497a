package d2l.optim;

import d2l.model.Parameter;

import java.util.List;

/**
 * A gradient-based optimizer in the style of {@code torch.optim}: each {@link #step(List)} reads
 * {@code p.grad} of every parameter and updates {@code p.value} in place.
 *
 * <p>State (momenta, running averages) is kept per {@link Parameter} object and created the first
 * time a step sees that parameter. A typical training loop:
 * <pre>{@code
 * Optimizer opt = new Adam(0.01);
 * for (...) {
 *     params.forEach(Parameter::zeroGrad);
 *     // ... compute the loss and fill p.grad ...
 *     opt.step(params);
 * }
 * }</pre>
 * The learning rate can be read and changed on every optimizer ({@link #lr()}, {@link #lr(double)}), so
 * one schedule ({@code d2l.optim.lr}) serves them all.
 */
public interface Optimizer {

    /**
     * Updates every parameter in {@code params} from its current gradient. Each parameter may appear
     * at most once in the list; its shape must not change between steps.
     *
     * @throws IllegalArgumentException if a parameter changed shape since an earlier step, its grad
     *         and value shapes differ, or it appears twice in {@code params}; nothing is updated then
     */
    void step(List<Parameter> params);

    /** Forgets all per-parameter state and sets the step count back to 0; hyperparameters stay. */
    void reset();

    /** A new optimizer with the same hyperparameters and fresh (empty) state. */
    Optimizer copy();

    /** The number of completed {@link #step(List)} calls since construction or {@link #reset()}. */
    long stepCount();

    /** The learning rate η the next {@link #step(List)} uses. */
    double lr();

    /**
     * Sets the learning rate η (a finite number ≥ 0) for the following steps and returns this optimizer;
     * each class returns its own type, so {@code new Adam(0.01).lr(0.02).betas(0.9, 0.99)} chains. A
     * schedule drives any optimizer through this ({@code d2l.train.LrScheduleListener}).
     *
     * @throws IllegalArgumentException naming the value if it is negative, NaN or infinite
     */
    Optimizer lr(double lr);
}
