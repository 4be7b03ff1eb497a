package d2l.bench;

import d2l.optim.AdaDelta;
import d2l.optim.AdaGrad;
import d2l.optim.Adam;
import d2l.optim.AdamW;
import d2l.optim.Momentum;
import d2l.optim.Optimizer;
import d2l.optim.RMSProp;
import d2l.optim.SGD;
import d2l.optim.Yogi;

/**
 * The optimizers the benchmarks compare, by the names used in the result table. Each has the same
 * hyperparameters as its torch counterpart in tools/bench_torch.py (torch's defaults; Yogi the book's).
 */
final class Optimizers {
    private Optimizers() {}

    static Optimizer create(String name) {
        return switch (name) {
            case "SGD" -> new SGD(1e-3);
            case "Momentum" -> new Momentum(1e-3, 0.9);
            case "AdaGrad" -> new AdaGrad(1e-2);
            case "RMSProp" -> new RMSProp(1e-2);
            case "AdaDelta" -> new AdaDelta(1.0);
            case "Adam" -> new Adam(1e-3);
            case "AMSGrad" -> new Adam(1e-3).amsgrad(true);
            case "AdamW" -> new AdamW(1e-3);
            case "AdamW-AMSGrad" -> new AdamW(1e-3).amsgrad(true);
            case "Yogi" -> new Yogi(1e-2);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; expected one of SGD, "
                    + "Momentum, AdaGrad, RMSProp, AdaDelta, Adam, AMSGrad, AdamW, AdamW-AMSGrad, Yogi");
        };
    }
}
