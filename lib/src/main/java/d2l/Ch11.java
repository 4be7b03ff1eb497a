package d2l;

import d2l.data.Airfoil;
import d2l.data.DataHub;
import d2l.data.DataIter;
import d2l.model.LinReg;
import d2l.model.Linear;
import d2l.model.Model;
import d2l.model.Parameter;
import d2l.optim.Optimizer;
import d2l.optim.lr.LrScheduler;
import d2l.plot.Animator;
import d2l.plot.AnimatorListener;
import d2l.plot.Plot;
import d2l.train.DivergenceGuard;
import d2l.train.LossReporter;
import d2l.train.TrainResult;
import d2l.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * The book's entry points that the optimization chapter shares between its sections:
 * {@code get_data_ch11}, {@code train_ch11} and {@code train_concise_ch11} (section
 * {@code sec_minibatch_sgd}), used again by momentum, AdaGrad, RMSProp, AdaDelta and Adam, and a plot of
 * a learning-rate schedule (section {@code sec_scheduler}).
 *
 * <p>This is a thin front: the loop is {@link Trainer} (any {@link Model}), the live plot an
 * {@link AnimatorListener}, the {@code loss: …} line a {@link LossReporter}, the NaN check a
 * {@link DivergenceGuard}.
 */
public final class Ch11 {
    /** Defaults of the book. */
    public static final int BATCH_SIZE = 10, N = 1500, EPOCHS = 2, CONCISE_EPOCHS = 4;
    /** The loss axis of the book's training plots. */
    static final double Y_LO = 0.22, Y_HI = 0.35;
    /** The book records the loss on the whole data set every this many examples. */
    static final int RECORD_EVERY = 200;

    private Ch11() {}

    /**
     * An optimizer written from scratch: updates {@code params} from their gradients, keeping its own
     * {@code states} and reading (and updating, e.g. the step {@code t}) {@code hyperparams}.
     */
    @FunctionalInterface
    public interface TrainerFn<S> {
        void update(List<Parameter> params, S states, Map<String, Double> hyperparams);
    }

    /** Set while a {@link #quietly} call runs on this thread; see there. */
    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> false);

    /**
     * Runs {@code training} without the live plot and the {@code loss: …} line, e.g. to sweep a
     * hyperparameter and plot the runs together afterwards:
     * {@code var run = quietly(() -> trainCh11(...));}.
     *
     * <p>The loop itself has no quiet flag: a {@link Trainer} without display listeners is silent, and
     * this front simply leaves them out while {@code training} runs. Because the trainers here keep the
     * book's signatures, {@code quietly} tells them through a per-thread setting that holds only for the
     * duration of the call (it is restored on exit, also after an exception, and nests), much like
     * torch's {@code with torch.no_grad():}. Other threads are not affected.
     */
    public static <T> T quietly(Supplier<T> training) {
        boolean before = QUIET.get();
        QUIET.set(true);
        try {
            return training.get();
        } finally {
            QUIET.set(before);
        }
    }

    public static DataIter getDataCh11() { return getDataCh11(BATCH_SIZE, N); }

    public static DataIter getDataCh11(int batchSize) { return getDataCh11(batchSize, N); }

    /**
     * The airfoil data, every column standardised over all 1503 rows, then the first {@code n} rows:
     * features are columns 1–5, the label column 6; minibatches of {@code batchSize}, reshuffled each pass.
     */
    public static DataIter getDataCh11(int batchSize, int n) {
        if (n < 1 || n > Airfoil.ROWS) throw new IllegalArgumentException("n must be in [1, " + Airfoil.ROWS + "], got " + n);
        if (batchSize < 1 || batchSize > n) throw new IllegalArgumentException("batchSize must be in [1, " + n + "], got " + batchSize);
        DMatrixRMaj all = Airfoil.standardize(Airfoil.read(DataHub.download("airfoil")));
        int d = all.numCols - 1;
        DMatrixRMaj features = new DMatrixRMaj(n, d), labels = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            System.arraycopy(all.data, i * all.numCols, features.data, i * d, d);
            labels.data[i] = all.data[i * all.numCols + d];
        }
        return new DataIter(features, labels, batchSize);
    }

    public static <S> TrainResult trainCh11(TrainerFn<S> trainerFn, S states, Map<String, Double> hyperparams,
                                            DataIter dataIter, int featureDim) {
        return trainCh11(trainerFn, states, hyperparams, dataIter, featureDim, EPOCHS);
    }

    /**
     * Trains {@code X w + b} ({@link LinReg}, {@code w ~ N(0, 0.01²)}, {@code b = 0}) with the squared loss,
     * calling {@code trainerFn} after each minibatch's gradient; plots and returns the loss on the whole
     * data set every 200 examples and prints {@code loss: …, … sec/epoch}.
     */
    public static <S> TrainResult trainCh11(TrainerFn<S> trainerFn, S states, Map<String, Double> hyperparams,
                                            DataIter dataIter, int featureDim, int numEpochs) {
        requireEpochs(numEpochs);
        if (featureDim != dataIter.featureDim()) {
            throw new IllegalArgumentException("featureDim is " + featureDim + " but the data has "
                    + dataIter.featureDim() + " features per example");
        }
        requireMutable(hyperparams);
        Double lr = hyperparams.get("lr");
        if (lr != null && !(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);

        LinReg net = new LinReg(featureDim).initNormal(0.01);
        Trainer trainer = new Trainer(net, params -> trainerFn.update(params, states, hyperparams), dataIter);
        return fit(trainer, net, dataIter, numEpochs, lr == null ? null : () -> hyperparams.getOrDefault("lr", lr));
    }

    public static TrainResult trainConciseCh11(Optimizer optimizer, DataIter dataIter) {
        return trainConciseCh11(optimizer, dataIter, CONCISE_EPOCHS);
    }

    /**
     * Trains a {@link Linear} layer (weight ~ N(0, 0.01²), PyTorch's default bias) on the mean squared
     * error with a library optimizer, which is {@link Optimizer#reset() reset} first so that every run
     * starts from step 1. Reports the loss divided by 2, as the book does, so the numbers compare with
     * {@link #trainCh11}.
     */
    public static TrainResult trainConciseCh11(Optimizer optimizer, DataIter dataIter, int numEpochs) {
        requireEpochs(numEpochs);
        optimizer.reset();
        Linear net = new Linear(dataIter.featureDim()).initNormal(0.01);
        Model halved = new Model() { // the MSE has no ½; halving it reports the same quantity as trainCh11
            @Override public List<Parameter> parameters() { return net.parameters(); }
            @Override public double backward(DMatrixRMaj X, DMatrixRMaj y) { return net.backward(X, y) / 2; }
            @Override public double loss(DMatrixRMaj X, DMatrixRMaj y) { return net.loss(X, y) / 2; }
            @Override public String toString() { return net + " (loss / 2)"; }
        };
        return fit(new Trainer(halved, optimizer, dataIter), halved, dataIter, numEpochs, optimizer::lr);
    }

    /** Both trainers: the loss on all of the data every 200 examples, the guard, and unless quiet the plot and line. */
    private static TrainResult fit(Trainer trainer, Model model, DataIter data, int numEpochs, DoubleSupplier lr) {
        trainer.epochs(numEpochs)
                .evaluateEvery(RECORD_EVERY, () -> model.loss(data.features(), data.labels()))
                .listeners(new DivergenceGuard(lr));
        if (!QUIET.get()) {
            trainer.listeners(new AnimatorListener(new Animator().xlabel("epoch").ylabel("loss")
                            .xlim(0, numEpochs).ylim(Y_LO, Y_HI)),
                    new LossReporter());
        }
        return trainer.fit();
    }

    /**
     * A plot of {@code scheduler}'s learning rate against the step, 0 .. {@code steps − 1}, as the book
     * draws every schedule in section {@code sec_scheduler}; call {@code .show()} on it (or use
     * {@link #showSchedule}).
     *
     * @throws IllegalStateException naming the step and the value if the schedule gives a negative or
     *     non-finite learning rate
     */
    public static Plot plotSchedule(LrScheduler scheduler, int steps) {
        double[] lrs = scheduler.lrs(steps), t = new double[steps];
        for (int i = 0; i < steps; i++) t[i] = i;
        return new Plot().series(t, lrs).xlabel("step").ylabel("learning rate");
    }

    /** Shows {@link #plotSchedule}{@code (scheduler, steps)}: the book's {@code d2l.plot(arange(n), [scheduler(t) ...])}. */
    public static void showSchedule(LrScheduler scheduler, int steps) {
        plotSchedule(scheduler, steps).show();
    }

    static void requireEpochs(int numEpochs) {
        if (numEpochs < 1) throw new IllegalArgumentException("numEpochs must be >= 1, got " + numEpochs);
    }

    private static void requireMutable(Map<String, Double> hyperparams) {
        try {
            hyperparams.replaceAll((k, v) -> v);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("hyperparams must be a mutable map because the trainer function updates it "
                    + "(e.g. the step t); wrap it: new HashMap<>(Map.of(\"lr\", 0.01, \"t\", 1.0)). Got " + hyperparams, e);
        }
    }
}
