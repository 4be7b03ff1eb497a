package d2l.train;

import d2l.data.DataIter;
import d2l.data.FashionMnist;
import d2l.model.Classifier;
import d2l.model.Parameter;
import d2l.optim.Optimizer;
import d2l.plot.Animator;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;

/**
 * The book's {@code d2l.train_ch6} (section {@code sec_lenet}), as the learning-rate section
 * {@code sec_scheduler} uses it: minibatch training of a classifier with any {@link Optimizer} and an
 * optional learning-rate schedule, a live plot of training loss, training accuracy and test accuracy,
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

    /** {@link #trainCh6(Classifier, Iterable, Iterable, int, Optimizer, IntToDoubleFunction)} with a constant learning rate. */
    public static Result trainCh6(Classifier net, Iterable<DataIter.Batch> trainIter, Iterable<DataIter.Batch> testIter,
                                  int numEpochs, Optimizer optimizer) {
        return trainCh6(net, trainIter, testIter, numEpochs, optimizer, null);
    }

    /**
     * Trains {@code net} for {@code numEpochs} passes over {@code trainIter}. With a {@code scheduler},
     * the learning rate is set after epoch e (counting from 0) to {@code scheduler(e)}, exactly as the
     * book's loop does, so the first epoch runs at the optimizer's own rate. A learning-rate schedule
     * is any step → rate function, e.g. {@code scheduler::lr} for an {@code LrScheduler}.
     *
     * @throws IllegalArgumentException if numEpochs &lt; 1, or the loss becomes NaN or infinite (lower
     *     the learning rate)
     */
    public static Result trainCh6(Classifier net, Iterable<DataIter.Batch> trainIter, Iterable<DataIter.Batch> testIter,
                                  int numEpochs, Optimizer optimizer, IntToDoubleFunction scheduler) {
        if (numEpochs < 1) throw new IllegalArgumentException("numEpochs must be >= 1, got " + numEpochs);
        if (net == null || trainIter == null || testIter == null || optimizer == null) {
            throw new IllegalArgumentException("net, trainIter, testIter and optimizer must not be null");
        }
        List<Parameter> params = net.parameters();
        int numBatches = numBatches(trainIter);
        Animator animator = quiet ? null : new Animator().xlabel("epoch").xlim(1, numEpochs)
                .legend("train loss", "train acc", "test acc");
        double[] trainLoss = new double[numEpochs], trainAcc = new double[numEpochs], testAcc = new double[numEpochs];
        double[] lrs = new double[numEpochs];
        Timer timer = new Timer();
        long examples = 0;
        for (int epoch = 0; epoch < numEpochs; epoch++) {
            lrs[epoch] = Lr.get(optimizer);
            double lossSum = 0;
            long correct = 0, n = 0;
            int i = 0;
            for (DataIter.Batch batch : trainIter) {
                if (Thread.currentThread().isInterrupted()) throw new IllegalStateException("interrupted");
                timer.start();
                double l = net.lossAndGrad(batch.X(), batch.y());
                if (!Double.isFinite(l)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "the loss is %s at epoch %d, "
                            + "minibatch %d (learning rate %s): training diverged; lower the learning rate", l, epoch + 1,
                            i + 1, lrs[epoch]));
                }
                optimizer.step(params);
                timer.stop();
                lossSum += l * batch.size();
                correct += net.lastCorrect();
                n += batch.size();
                i++;
                if (animator != null && (i % Math.max(1, numBatches / 5) == 0 || i == numBatches)) {
                    animator.add(epoch + (double) i / numBatches, lossSum / n, (double) correct / n, Double.NaN);
                }
            }
            examples += n;
            trainLoss[epoch] = lossSum / n;
            trainAcc[epoch] = (double) correct / n;
            testAcc[epoch] = net.accuracy(testIter);
            if (animator != null) animator.add(epoch + 1, Double.NaN, Double.NaN, testAcc[epoch]);
            if (scheduler != null) Lr.set(optimizer, scheduler.applyAsDouble(epoch));
        }
        if (animator != null) animator.finish();
        double seconds = timer.sum();
        Result r = new Result(trainLoss, trainAcc, testAcc, lrs, seconds, examples / seconds);
        if (!quiet) {
            System.out.printf(Locale.ROOT, "loss %.3f, train acc %.3f, test acc %.3f%n", r.finalTrainLoss(),
                    r.finalTrainAcc(), r.finalTestAcc());
            System.out.printf(Locale.ROOT, "%.1f examples/sec on cpu (%d threads)%n", r.examplesPerSec(), net.threads());
        }
        return r;
    }

    static int numBatches(Iterable<DataIter.Batch> data) {
        if (data instanceof FashionMnist.Batches b) return b.numBatches();
        if (data instanceof DataIter d) return d.numBatches();
        int count = 0;
        for (DataIter.Batch ignored : data) count++;
        if (count == 0) throw new IllegalArgumentException("the training data has no minibatches");
        return count;
    }
}
