package d2l.train;

import d2l.data.DataIter;
import d2l.data.Minibatches;
import d2l.model.Model;
import d2l.model.Parameter;
import d2l.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The one training loop of the library, for any {@link Model}: per minibatch, the model computes the
 * loss and its gradients, listeners see them, the update changes the parameters. Plots, printing, the
 * divergence check and learning-rate schedules are {@link TrainListener}s; the loop itself prints and
 * draws nothing.
 *
 * <pre>{@code
 * TrainResult r = new Trainer(model, new Adam(0.01), data)
 *         .epochs(2)
 *         .evaluateEvery(200, () -> model.loss(data.features(), data.labels()))
 *         .listeners(new DivergenceGuard(), new LossReporter())
 *         .fit();
 * }</pre>
 *
 * <p>The book's other trainer, {@code train_ch6} (and {@code train} of section {@code sec_scheduler}),
 * fits the same loop: a classifier implementing {@link Model}, a listener that sums loss and correct
 * predictions per minibatch in {@code onBatch} (the gradients and the batch are fresh there) and, in
 * {@code onEpochEnd}, where the timer is stopped, computes the test accuracy and adds the epoch's
 * point to an animator; an {@link LrScheduleListener} changes the rate between epochs.
 *
 * <p>A run with no listeners is silent: that is the option behind {@code Ch11.quietly}. Timing follows
 * the book's {@code train_ch11}: the timer runs over backward, update and {@code onBatch}, and stops for
 * evaluations and the other events. Each minibatch starts with {@link Interrupts#check()}, so an
 * interrupted thread stops the run with a {@link TrainingInterruptedException}.
 */
public final class Trainer {
    private final Model model;
    private final Update update;
    private final Minibatches data;
    private int numEpochs = 1;
    private final List<TrainListener> listeners = new ArrayList<>();
    private int evaluateEvery;
    private DoubleSupplier evaluation;

    /** Trains {@code model} on {@code data}, changing its parameters with {@code update} after each minibatch. */
    public Trainer(Model model, Update update, Minibatches data) {
        this.model = Objects.requireNonNull(model, "model");
        this.update = Objects.requireNonNull(update, "update");
        this.data = Objects.requireNonNull(data, "data");
    }

    /** Trains with a library optimizer: {@code optimizer.step(model.parameters())} after each minibatch. */
    public Trainer(Model model, Optimizer optimizer, Minibatches data) {
        this(model, Objects.requireNonNull(optimizer, "optimizer")::step, data);
    }

    /** The number of passes over the data (default 1). */
    public Trainer epochs(int numEpochs) {
        if (numEpochs < 1) throw new IllegalArgumentException("numEpochs must be >= 1, got " + numEpochs);
        this.numEpochs = numEpochs;
        return this;
    }

    /** Adds listeners; they are called in the order added. */
    public Trainer listeners(TrainListener... more) {
        for (TrainListener l : more) listeners.add(Objects.requireNonNull(l, "listener"));
        return this;
    }

    /**
     * Evaluates {@code evaluation} (e.g. the loss on the whole data set) every {@code examples} examples,
     * counted over the whole run (the book's {@code train_ch11}: every 200), records it in the result
     * and tells the listeners. Without it the result has no records.
     */
    public Trainer evaluateEvery(int examples, DoubleSupplier evaluation) {
        if (examples < 1) throw new IllegalArgumentException("evaluateEvery needs examples >= 1, got " + examples);
        this.evaluateEvery = examples;
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
        return this;
    }

    /**
     * Runs the loop and returns what it recorded.
     *
     * @throws IllegalArgumentException if an evaluation was asked for but the run was too short to make one
     * @throws TrainingInterruptedException if the thread was interrupted
     */
    public TrainResult fit() {
        List<Parameter> params = model.parameters();
        Timer timer = new Timer();
        Progress p = new Progress(model, numEpochs, data.numExamples(), timer);
        Records records = new Records();
        TrainListener[] ls = listeners.toArray(TrainListener[]::new);
        timer.stop();
        for (TrainListener l : ls) l.onStart(p);
        for (int epoch = 1; epoch <= numEpochs; epoch++) {
            p.epoch = epoch;
            p.step = 0;
            for (TrainListener l : ls) l.onEpochStart(p);
            timer.start();
            for (DataIter.Batch batch : data) {
                Interrupts.check();
                p.step++;
                p.examples += batch.size();
                double loss = model.backward(batch.X(), batch.y());
                for (TrainListener l : ls) l.onBatch(p, batch, loss);
                update.step(params);
                p.updates++;
                if (evaluateEvery > 0 && p.examples % evaluateEvery == 0) {
                    timer.stop();
                    double value = evaluation.getAsDouble();
                    records.add(p.epochProgress(), timer.sum(), value);
                    for (TrainListener l : ls) l.onEvaluation(p, value);
                    timer.start();
                }
            }
            timer.stop();
            for (TrainListener l : ls) l.onEpochEnd(p);
        }
        if (evaluateEvery > 0 && records.count == 0) {
            throw new IllegalArgumentException("no loss was recorded: the run saw fewer than " + evaluateEvery + " examples");
        }
        TrainResult result = records.result(numEpochs, timer.sum());
        for (TrainListener l : ls) l.onEnd(p, result);
        return result;
    }

    /** Growable columns of the records. */
    private static final class Records {
        double[] epochs = new double[16], times = new double[16], losses = new double[16];
        int count;

        void add(double epoch, double time, double loss) {
            if (count == epochs.length) {
                epochs = Arrays.copyOf(epochs, 2 * count);
                times = Arrays.copyOf(times, 2 * count);
                losses = Arrays.copyOf(losses, 2 * count);
            }
            epochs[count] = epoch;
            times[count] = time;
            losses[count] = loss;
            count++;
        }

        TrainResult result(int numEpochs, double seconds) {
            return new TrainResult(Arrays.copyOf(epochs, count), Arrays.copyOf(times, count),
                    Arrays.copyOf(losses, count), numEpochs, seconds);
        }
    }

    @Override
    public String toString() {
        return "Trainer[" + model + ", " + numEpochs + " epoch(s), " + data + ", " + listeners.size() + " listener(s)]";
    }
}
