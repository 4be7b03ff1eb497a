package d2l.train;

import d2l.data.DataIter;
import java.util.function.DoubleSupplier;

/**
 * Stops training at the first NaN or infinite loss, of a minibatch (before its update is applied) or
 * of an evaluation, with a {@link TrainingDivergedException} that says the epoch, the minibatch, the
 * last finite loss, and suggests a smaller learning rate than the current one.
 */
public final class DivergenceGuard implements TrainListener {
    private final DoubleSupplier lr;
    private double lastFinite = Double.NaN;

    /** A guard that suggests "a smaller learning rate" without naming one. */
    public DivergenceGuard() { this(null); }

    /** A guard that names the learning rate {@code lr} returns when the loss diverges (null: none). */
    public DivergenceGuard(DoubleSupplier lr) { this.lr = lr; }

    @Override
    public void onStart(Progress p) { lastFinite = Double.NaN; }

    @Override
    public void onBatch(Progress p, DataIter.Batch batch, double loss) { check(loss, p); }

    @Override
    public void onEvaluation(Progress p, double value) { check(value, p); }

    private void check(double loss, Progress p) {
        if (Double.isFinite(loss)) {
            lastFinite = loss;
            return;
        }
        Double rate = lr == null ? null : lr.getAsDouble();
        throw new TrainingDivergedException("training diverged: loss is " + loss + " at epoch " + p.epoch()
                + ", step " + p.step() + "; last finite loss " + lastFinite + ". "
                + (rate != null ? "Try a smaller learning rate than lr=" + rate + "." : "Try a smaller learning rate."),
                p.epoch(), p.step(), lastFinite);
    }
}
