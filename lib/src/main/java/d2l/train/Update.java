package d2l.train;

import d2l.model.Parameter;
import java.util.List;

/**
 * One update of the parameters from their gradients: a from-scratch function written in a notebook
 * ({@code params -> sgd(params, states, hyperparams)}) or a library optimizer ({@code optimizer::step};
 * {@link Trainer} also takes an {@code Optimizer} directly).
 */
@FunctionalInterface
public interface Update {
    void step(List<Parameter> params);
}
