package d2l.train;

import d2l.data.DataIter;
import d2l.data.Minibatches;
import d2l.model.Classifier;
import d2l.optim.Optimizer;
import d2l.optim.lr.LrScheduler;
import d2l.plot.Animator;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The book's {@code d2l.train_ch6} (section {@code sec_lenet}), as the learning-rate section
 * {@code sec_scheduler} uses it: minibatch training of a classifier with any {@link Optimizer} and an
 * optional learning-rate schedule ({@link LrScheduler}), on the library's {@link Trainer} loop, a live plot of training loss, training accuracy and test accuracy,
 * and the closing lines
 * <pre>
 *   loss 0.469, train acc 0.823, test acc 0.779
 *   41234.5 examples/sec on cpu (2 threads)
 * </pre>
 * Training loss and accuracy are running means over the epoch's minibatches (weighted by batch size);
 * test accuracy is measured after each epoch. Examples per second count training only (the book's
 * {@code Timer} runs around each minibatch), not the test evaluation.
 */
public final class Ch6 {
    private static boolean quiet;

    private Ch6() {}

    /** Runs {@code training} without the live plot and the printed lines (e.g. to compare runs afterwards). */
    public static <T> T quietly(Supplier<T> training) {
        boolean before = quiet;
        quiet = true;
        try {
            return training.get();
        } finally {
            quiet = before;
        }
    }

    /**
     * What a run recorded per epoch: the running training loss and accuracy at the epoch's end, the
     * test accuracy after it, and the learning rate it used; plus training seconds and throughput.
     */
    public record Result(double[] trainLoss, double[] trainAcc, double[] testAcc, double[] lr, double seconds,
                         double examplesPerSec) {
        public int epochs() { return trainLoss.length; }

        public double finalTrainLoss() { return trainLoss[trainLoss.length - 1]; }

        public double finalTrainAcc() { return trainAcc[trainAcc.length - 1]; }

        public double finalTestAcc() { return testAcc[testAcc.length - 1]; }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Ch6.Result(epochs=%d, loss %.3f, train acc %.3f, test acc %.3f, "
                    + "%.1f examples/sec, lr per epoch %s)", epochs(), finalTrainLoss(), finalTrainAcc(), finalTestAcc(),
                    examplesPerSec, Arrays.toString(lr));
        }
    }

    /** {@link #trainCh6(Classifier, Minibatches, Minibatches, int, Optimizer, LrScheduler)} with a constant learning rate. */
    public static Result trainCh6(Classifier net, Minibatches trainIter, Minibatches testIter, int numEpochs,
                                  Optimizer optimizer) {
        return trainCh6(net, trainIter, testIter, numEpochs, optimizer, null);
    }

    /**
     * Trains {@code net} for {@code numEpochs} passes over {@code trainIter} with {@link Trainer}. With a
     * {@code scheduler}, epoch e (counting from 0) runs at the rate {@code scheduler.lr(e)}
     * ({@link LrScheduleListener#eachEpoch}, torch's convention, which the book's code follows for
     * torch's built-in schedulers). The book's loop applies its own scheduler classes one epoch later
     * (after epoch e it sets {@code scheduler(e)}, so its first epoch runs at the optimizer's rate).
     *
     * @throws IllegalArgumentException if numEpochs &lt; 1
     * @throws TrainingDivergedException if the loss becomes NaN or infinite (lower the learning rate)
     */
    public static Result trainCh6(Classifier net, Minibatches trainIter, Minibatches testIter, int numEpochs,
                                  Optimizer optimizer, LrScheduler scheduler) {
        if (numEpochs < 1) throw new IllegalArgumentException("numEpochs must be >= 1, got " + numEpochs);
        if (net == null || trainIter == null || testIter == null || optimizer == null) {
            throw new IllegalArgumentException("net, trainIter, testIter and optimizer must not be null");
        }
        Recorder recorder = new Recorder(net, testIter, numEpochs, trainIter.numBatches(), optimizer);
        Trainer trainer = new Trainer(net, optimizer, trainIter).epochs(numEpochs);
        // The schedule first, so that the recorder sees the rate the epoch runs at.
        if (scheduler != null) trainer.listeners(LrScheduleListener.eachEpoch(optimizer, scheduler));
        TrainResult run = trainer.listeners(new DivergenceGuard(optimizer::lr), recorder).fit();
        Result r = new Result(recorder.trainLoss, recorder.trainAcc, recorder.testAcc, recorder.lrs, run.seconds(),
                recorder.examples / run.seconds());
        if (!quiet) {
            System.out.printf(Locale.ROOT, "loss %.3f, train acc %.3f, test acc %.3f%n", r.finalTrainLoss(),
                    r.finalTrainAcc(), r.finalTestAcc());
            System.out.printf(Locale.ROOT, "%.1f examples/sec on cpu (%d threads)%n", r.examplesPerSec(), net.threads());
        }
        return r;
    }

    /** The book's Accumulator and Animator of train_ch6, as a listener of the loop. */
    private static final class Recorder implements TrainListener {
        final Classifier net;
        final Minibatches testIter;
        final int numBatches;
        final Optimizer optimizer;
        final Animator animator;
        final double[] trainLoss, trainAcc, testAcc, lrs;
        double lossSum;
        long correct, seen, examples;

        Recorder(Classifier net, Minibatches testIter, int numEpochs, int numBatches, Optimizer optimizer) {
            this.net = net;
            this.testIter = testIter;
            this.numBatches = numBatches;
            this.optimizer = optimizer;
            animator = quiet ? null : new Animator().xlabel("epoch").xlim(0, numEpochs)
                    .legend("train loss", "train acc", "test acc");
            trainLoss = new double[numEpochs];
            trainAcc = new double[numEpochs];
            testAcc = new double[numEpochs];
            lrs = new double[numEpochs];
        }

        @Override
        public void onEpochStart(Progress p) {
            lossSum = 0;
            correct = 0;
            seen = 0;
            lrs[p.epoch() - 1] = optimizer.lr();
        }

        @Override
        public void onBatch(Progress p, DataIter.Batch batch, double loss) {
            lossSum += loss * batch.size();
            correct += net.lastCorrect();
            seen += batch.size();
            int i = p.step();
            if (animator != null && (i % Math.max(1, numBatches / 5) == 0 || i == numBatches)) {
                p.timer.stop(); // drawing is not training
                animator.add(p.epoch() - 1 + (double) i / numBatches, lossSum / seen, (double) correct / seen, Double.NaN);
                p.timer.start();
            }
        }

        @Override
        public void onEpochEnd(Progress p) {
            int e = p.epoch() - 1;
            examples += seen;
            trainLoss[e] = lossSum / seen;
            trainAcc[e] = (double) correct / seen;
            testAcc[e] = net.accuracy(testIter);
            if (animator != null) animator.add(e + 1, Double.NaN, Double.NaN, testAcc[e]);
        }

        @Override
        public void onEnd(Progress p, TrainResult result) {
            if (animator != null) animator.finish();
        }
    }
}
