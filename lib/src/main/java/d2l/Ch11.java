package d2l;

import d2l.train.Timer;

import d2l.data.DataHub;

import d2l.data.Airfoil;

import d2l.data.DataIter;

import d2l.model.Linear;

import d2l.model.LinReg;

import d2l.model.Parameter;

import d2l.optim.Optimizer;
import d2l.plot.Animator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * The data and trainers that chapter 11 (Optimization Algorithms) shares between its sections: the
 * book's {@code get_data_ch11}, {@code train_ch11} and {@code train_concise_ch11} (section 11.5,
 * Minibatch Stochastic Gradient Descent), used again by Momentum, AdaGrad, RMSProp, AdaDelta and Adam.
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

    /**
     * What a training run recorded every 200 examples: {@code epochs[i]} is how far training had got
     * (in epochs), {@code times[i]} the training time so far (seconds, evaluation excluded), and
     * {@code losses[i]} the loss on the whole data set then.
     */
    public record TrainResult(double[] epochs, double[] times, double[] losses) {
        public double finalLoss() { return losses[losses.length - 1]; }
    }

    private static boolean quiet;

    /**
     * Runs {@code training} without the live plot and the {@code loss: …} line, e.g. to sweep a
     * hyperparameter and plot the runs together afterwards.
     */
    public static <T> T quietly(Supplier<T> training) {
        boolean before = quiet;
        quiet = true;
        try {
            return training.get();
        } finally {
            quiet = before;
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
     * Trains {@code X w + b} with the squared loss, {@code w ~ N(0, 0.01²)}, {@code b = 0}, calling
     * {@code trainerFn} after each minibatch's gradient; plots and returns the loss on the whole data
     * set every 200 examples and prints {@code loss: …, … sec/epoch}.
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

        Parameter w = Parameter.zeros(featureDim, 1), b = Parameter.zeros(1, 1);
        for (int j = 0; j < featureDim; j++) w.value.data[j] = Rand.normal(0, 0.01);
        List<Parameter> params = List.of(w, b);
        return fit(batch -> LinReg.squaredLossBackward(batch.X(), batch.y(), w, b),
                () -> trainerFn.update(params, states, hyperparams), w, b, dataIter, numEpochs, lr);
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
        List<Parameter> params = net.parameters();
        // The MSE has no ½; halving it reports the same quantity as trainCh11.
        return fit(batch -> net.mseBackward(batch.X(), batch.y()) / 2, () -> optimizer.step(params),
                net.weight, net.bias, dataIter, numEpochs, null);
    }

    /**
     * The loop both trainers share: per minibatch, {@code backward} sets the gradients and returns the
     * (halved squared) loss, {@code update} changes the parameters; every 200 examples the loss of
     * {@code X w + b} on the whole data set is recorded, with evaluation left out of the timing.
     */
    private static TrainResult fit(ToDoubleFunction<DataIter.Batch> backward, Runnable update, Parameter w, Parameter b,
                                   DataIter dataIter, int numEpochs, Double lr) {
        Recorder recorder = new Recorder(numEpochs, dataIter);
        Divergence guard = new Divergence(lr);
        int n = 0;
        Timer timer = new Timer();
        for (int epoch = 1; epoch <= numEpochs; epoch++) {
            int step = 0;
            for (DataIter.Batch batch : dataIter) {
                step++;
                guard.check(backward.applyAsDouble(batch), epoch, step);
                update.run();
                n += batch.size();
                if (n % RECORD_EVERY == 0) {
                    timer.stop();
                    double loss = LinReg.evaluate(dataIter.features(), dataIter.labels(), w.value, b.value);
                    guard.check(loss, epoch, step);
                    recorder.add((double) n / batch.size() / dataIter.numBatches(), timer.sum(), loss);
                    timer.start();
                }
            }
        }
        return recorder.finish(timer, numEpochs);
    }

    /** Keeps the records of a run and shows them live, as the book's Animator does. */
    private static final class Recorder {
        private final double[] epochs, times, losses;
        private final Animator animator;
        private int count;

        Recorder(int numEpochs, DataIter dataIter) {
            int most = (int) ((long) numEpochs * dataIter.numExamples() / RECORD_EVERY);
            epochs = new double[most];
            times = new double[most];
            losses = new double[most];
            animator = quiet ? null : new Animator().xlabel("epoch").ylabel("loss").xlim(0, numEpochs).ylim(Y_LO, Y_HI);
        }

        void add(double epoch, double time, double loss) {
            epochs[count] = epoch;
            times[count] = time;
            losses[count] = loss;
            count++;
            if (animator != null) animator.add(epoch, loss);
        }

        TrainResult finish(Timer timer, int numEpochs) {
            if (count == 0) {
                throw new IllegalArgumentException("no loss was recorded: the run saw fewer than " + RECORD_EVERY + " examples");
            }
            if (animator != null) {
                animator.finish();
                System.out.printf(Locale.ROOT, "loss: %.3f, %.3g sec/epoch%n", losses[count - 1], timer.sum() / numEpochs);
            }
            return new TrainResult(Arrays.copyOf(epochs, count), Arrays.copyOf(times, count), Arrays.copyOf(losses, count));
        }
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

    /** Stops training at the first NaN or infinite loss, saying where and what the last finite loss was. */
    private static final class Divergence {
        private final Double lr;
        private double lastFinite = Double.NaN;

        Divergence(Double lr) { this.lr = lr; }

        void check(double loss, int epoch, int step) {
            if (Double.isFinite(loss)) {
                lastFinite = loss;
                return;
            }
            throw new TrainingDivergedException("training diverged: loss is " + loss + " at epoch " + epoch
                    + ", step " + step + "; last finite loss " + lastFinite + ". "
                    + (lr != null ? "Try a smaller learning rate than lr=" + lr + "." : "Try a smaller learning rate."),
                    epoch, step, lastFinite);
        }
    }

    /** Thrown when the loss becomes NaN or infinite; says where and the last finite loss. */
    public static final class TrainingDivergedException extends ArithmeticException {
        private static final long serialVersionUID = 1L;
        public final int epoch, step;
        public final double lastFiniteLoss;

        TrainingDivergedException(String message, int epoch, int step, double lastFiniteLoss) {
            super(message);
            this.epoch = epoch;
            this.step = step;
            this.lastFiniteLoss = lastFiniteLoss;
        }
    }
}
