package d2l.train;

import d2l.data.DataIter;
import d2l.optim.Optimizer;
import d2l.optim.lr.LrScheduler;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * Drives a learning rate from an {@link LrScheduler} during training, either once per epoch or before
 * every update.
 *
 * <ul>
 *   <li>{@link #eachEpoch}: before epoch e (counted from 0) the rate is set to {@code scheduler.lr(e)},
 *       so epoch 0 already runs at {@code lr(0)}. This is torch's convention ({@code scheduler.step()}
 *       after each epoch). The book's {@code train} in section {@code sec_scheduler} sets
 *       {@code scheduler(epoch)} after epoch e instead, so there epoch 0 runs at the optimizer's own
 *       rate and epoch e at {@code scheduler(e − 1)}: the same curve, shifted by one epoch.</li>
 *   <li>{@link #eachUpdate}: before update k (counted from 0 over the whole run) the rate is set to
 *       {@code scheduler.lr(k)}, the book's {@code num_update} (its {@code FactorScheduler} demos).</li>
 * </ul>
 * A schedule that gives NaN, an infinity or a negative rate stops training with an error naming the
 * step and the value ({@link LrScheduler#checkedLr}).
 */
public final class LrScheduleListener implements TrainListener {
    private final DoubleConsumer setLr;
    private final LrScheduler scheduler;
    private final boolean perUpdate;

    private LrScheduleListener(DoubleConsumer setLr, LrScheduler scheduler, boolean perUpdate) {
        this.setLr = Objects.requireNonNull(setLr, "setLr");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.perUpdate = perUpdate;
    }

    /** Sets {@code optimizer.lr(scheduler.lr(e))} before each epoch e = 0, 1, .... */
    public static LrScheduleListener eachEpoch(Optimizer optimizer, LrScheduler scheduler) {
        Objects.requireNonNull(optimizer, "optimizer");
        return new LrScheduleListener(optimizer::lr, scheduler, false);
    }

    /** Sets {@code optimizer.lr(scheduler.lr(k))} before each update k = 0, 1, .... */
    public static LrScheduleListener eachUpdate(Optimizer optimizer, LrScheduler scheduler) {
        Objects.requireNonNull(optimizer, "optimizer");
        return new LrScheduleListener(optimizer::lr, scheduler, true);
    }

    /**
     * For a from-scratch update that reads its rate elsewhere, e.g.
     * {@code eachEpoch(lr -> hyperparams.put("lr", lr), scheduler)}.
     */
    public static LrScheduleListener eachEpoch(DoubleConsumer setLr, LrScheduler scheduler) {
        return new LrScheduleListener(setLr, scheduler, false);
    }

    /** As {@link #eachEpoch(DoubleConsumer, LrScheduler)}, before every update. */
    public static LrScheduleListener eachUpdate(DoubleConsumer setLr, LrScheduler scheduler) {
        return new LrScheduleListener(setLr, scheduler, true);
    }

    @Override
    public void onEpochStart(Progress p) {
        if (!perUpdate) setLr.accept(scheduler.checkedLr(p.epoch() - 1));
    }

    @Override
    public void onBatch(Progress p, DataIter.Batch batch, double loss) {
        if (perUpdate) {
            if (p.updates() > Integer.MAX_VALUE) throw new IllegalStateException("more than 2^31 updates");
            setLr.accept(scheduler.checkedLr((int) p.updates()));
        }
    }

    @Override
    public String toString() {
        return "LrScheduleListener(" + scheduler + ", " + (perUpdate ? "each update" : "each epoch") + ")";
    }
}
