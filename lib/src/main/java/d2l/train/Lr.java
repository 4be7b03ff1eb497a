package d2l.train;

import d2l.optim.AbstractOptimizer;
import d2l.optim.AdaDelta;
import d2l.optim.AdaGrad;
import d2l.optim.Adam;
import d2l.optim.Momentum;
import d2l.optim.Optimizer;
import d2l.optim.RMSProp;
import d2l.optim.SGD;
import d2l.optim.Yogi;

/**
 * Reads and sets the learning rate of any optimizer of {@code d2l.optim}, so that a schedule can
 * drive it. (Bridge until {@code Optimizer} itself declares {@code lr()} and {@code lr(double)}.)
 */
final class Lr {
    private Lr() {}

    static double get(Optimizer o) {
        if (o instanceof AbstractOptimizer a) return a.lr();
        throw new IllegalArgumentException("cannot read the learning rate of " + o.getClass().getName());
    }

    static void set(Optimizer o, double lr) {
        if (o instanceof SGD s) s.lr(lr);
        else if (o instanceof Momentum m) m.lr(lr);
        else if (o instanceof AdaGrad a) a.lr(lr);
        else if (o instanceof RMSProp r) r.lr(lr);
        else if (o instanceof AdaDelta a) a.lr(lr);
        else if (o instanceof Adam a) a.lr(lr); // and AdamW
        else if (o instanceof Yogi y) y.lr(lr);
        else throw new IllegalArgumentException("cannot set the learning rate of " + o.getClass().getName());
    }
}
