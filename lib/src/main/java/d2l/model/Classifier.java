package d2l.model;

import d2l.data.DataIter;

import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * What the classification models share: logits from a batch of flattened images, the cross-entropy
 * loss on logits with its gradients written out by hand (no autograd), accuracy, and the threads.
 *
 * <p><b>Loss.</b> For logits z of one example and its class y, with the log-sum-exp computed stably
 * around m = max z (PyTorch's {@code nn.CrossEntropyLoss}, mean over the batch of n examples):
 * <pre>
 *   ℓ = log Σ_j exp(z_j − m) + m − z_y,        ∂ℓ/∂z_j = (softmax(z)_j − [j = y]) / n
 * </pre>
 *
 * <p><b>Precision.</b> Everything is float64 ({@code double}), like {@link Parameter} and the
 * optimizers of {@code d2l.optim}, so a model's gradients can be checked against torch in float64 to
 * 1e-10 and no conversions sit between the model and the optimizer step.
 *
 * <p><b>Threads.</b> The examples of a batch are split into {@link #threads()} contiguous ranges, one
 * per thread; each thread runs the whole forward and backward pass on its range and accumulates its
 * own copy of the weight gradients, which are summed at the end. The default is the system property
 * {@code d2l.threads} (or environment variable {@code D2L_THREADS}), else the number of processors.
 *
 * <p>Buffers grow to the largest batch seen and are reused, so training in steady state allocates
 * nothing. A model is not meant to be used from several threads at once.
 */
public abstract sealed class Classifier implements Model permits DenseClassifier, LeNet {
    /** Number of classes, the width of the logits. */
    final int numClasses;
    /** Values per example in the input ({@code X} is n × inputSize). */
    final int inputSize;

    private Workers workers;
    private Gemm[] gemms = new Gemm[0];
    private int capacity;
    /** Per-thread gradient copies: partial[w][k] for parameter k; partial[0] are the grads themselves. */
    private double[][][] partial = new double[0][][];

    /** Logits of the current batch, n × numClasses (capacity rows). */
    double[] logits = new double[0];
    /** Gradient of the mean loss with respect to the logits. */
    double[] dLogits = new double[0];

    // State of the current pass, read by the worker tasks.
    private double[] x, labels;
    private int n;
    private boolean withLoss, withGrad;
    private final double[] lossSum = new double[64];
    private final int[] correctCount = new int[64];
    private int lastCorrect;
    private double lastLoss = Double.NaN;
    private int lastSize;

    private final Workers.Task passTask = this::pass;
    private final Workers.Task reduceTask = this::reduce;

    Classifier(int inputSize, int numClasses) {
        this.inputSize = inputSize;
        this.numClasses = numClasses;
        threads(Workers.defaultThreads());
    }

    /** The trainable parameters, in the order torch's {@code net.parameters()} lists them. */
    @Override
    public abstract List<Parameter> parameters();

    /** Total number of trainable values. */
    public long numParameters() {
        long s = 0;
        for (Parameter p : parameters()) s += p.size();
        return s;
    }

    /**
     * Whether the matrix kernels use the JDK's vector API: true when the JVM was started with
     * {@code --add-modules jdk.incubator.vector} (the notebooks' kernel is), false for plain Java.
     */
    public static boolean vectorKernels() { return Gemm.VECTOR; }

    /** Threads a pass uses. */
    public int threads() { return workers.size(); }

    /** Sets the number of threads (≥ 1; at most 64) and returns this model. */
    public Classifier threads(int threads) {
        if (threads < 1 || threads > lossSum.length) {
            throw new IllegalArgumentException("threads must be in [1, " + lossSum.length + "], got " + threads);
        }
        if (workers != null && workers.size() == threads) return this;
        workers = Workers.of(threads);
        gemms = new Gemm[threads];
        for (int w = 0; w < threads; w++) gemms[w] = new Gemm();
        capacity = 0; // per-thread buffers are made again for the new count
        return this;
    }

    /** The logits of {@code X} (n × inputSize) in {@code out} (reshaped to n × numClasses; may be null). */
    public DMatrixRMaj forward(DMatrixRMaj X, DMatrixRMaj out) {
        run(X, null, false, false);
        if (out == null) out = new DMatrixRMaj(n, numClasses);
        else out.reshape(n, numClasses);
        System.arraycopy(logits, 0, out.data, 0, n * numClasses);
        return out;
    }

    /**
     * The mean cross-entropy loss of the batch (X n × inputSize, y n × 1 holding class indices);
     * overwrites every parameter's gradient with the gradient of that loss.
     */
    public double lossAndGrad(DMatrixRMaj X, DMatrixRMaj y) {
        run(X, y, true, true);
        return lastLoss;
    }

    /** {@link #lossAndGrad}, under the name {@link Model} gives it. */
    @Override
    public double backward(DMatrixRMaj X, DMatrixRMaj y) { return lossAndGrad(X, y); }

    /** Mean loss and accuracy of a batch without touching the gradients; returns the mean loss. */
    @Override
    public double loss(DMatrixRMaj X, DMatrixRMaj y) {
        run(X, y, true, false);
        return lastLoss;
    }

    /** Correct predictions (argmax of the logits equals the label) in the last batch with labels. */
    public int lastCorrect() { return lastCorrect; }

    /** Size of the last batch passed in. */
    public int lastSize() { return lastSize; }

    /** Fraction of correct predictions over all batches of {@code data} (the book's {@code evaluate_accuracy}). */
    public double accuracy(Iterable<DataIter.Batch> data) {
        long correct = 0, total = 0;
        for (DataIter.Batch b : data) {
            run(b.X(), b.y(), true, false);
            correct += lastCorrect;
            total += lastSize;
        }
        if (total == 0) throw new IllegalArgumentException("accuracy: the data has no examples");
        return (double) correct / total;
    }

    private void run(DMatrixRMaj X, DMatrixRMaj y, boolean loss, boolean grad) {
        int rows = X.numRows;
        if (X.numCols != inputSize) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": X must have " + inputSize
                    + " columns (one flattened example per row), got " + X.numRows + "x" + X.numCols);
        }
        if (rows < 1) throw new IllegalArgumentException("X has no rows");
        if (y != null && (y.numRows != rows || y.numCols != 1)) {
            throw new IllegalArgumentException("y must be " + rows + "x1 (one class index per example), got "
                    + y.numRows + "x" + y.numCols);
        }
        if (y != null) {
            for (int i = 0; i < rows; i++) {
                double v = y.data[i];
                if (!(v >= 0 && v < numClasses && v == Math.rint(v))) {
                    throw new IllegalArgumentException("y[" + i + "] = " + v + " is not a class index in [0, "
                            + (numClasses - 1) + "]");
                }
            }
        }
        ensureCapacity(rows);
        x = X.data;
        labels = y == null ? null : y.data;
        n = rows;
        withLoss = loss;
        withGrad = grad;
        workers.run(passTask);
        if (grad && workers.size() > 1) workers.run(reduceTask);
        lastSize = rows;
        if (loss) {
            double s = 0;
            int c = 0;
            for (int w = 0; w < workers.size(); w++) {
                s += lossSum[w];
                c += correctCount[w];
            }
            lastLoss = s / rows;
            lastCorrect = c;
        }
        x = null;
        labels = null;
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacity) return;
        int cap = Math.max(rows, capacity);
        logits = new double[cap * numClasses];
        dLogits = new double[cap * numClasses];
        allocate(cap, workers.size());
        List<Parameter> ps = parameters();
        partial = new double[workers.size()][ps.size()][];
        for (int k = 0; k < ps.size(); k++) partial[0][k] = ps.get(k).grad.data;
        for (int w = 1; w < workers.size(); w++) {
            for (int k = 0; k < ps.size(); k++) partial[w][k] = new double[ps.get(k).size()];
        }
        capacity = cap;
    }

    private void pass(int w, int workerCount) {
        int lo = (int) ((long) n * w / workerCount), hi = (int) ((long) n * (w + 1) / workerCount);
        lossSum[w] = 0;
        correctCount[w] = 0;
        if (withGrad) for (double[] g : partial[w]) Arrays.fill(g, 0.0);
        if (lo == hi) return;
        forwardRows(w, gemms[w], x, lo, hi, n);
        if (withLoss) crossEntropyRows(w, lo, hi);
        if (withGrad) backwardRows(w, gemms[w], x, lo, hi, n, partial[w]);
    }

    private void crossEntropyRows(int w, int lo, int hi) {
        int c = numClasses;
        double s = 0, invN = 1.0 / n;
        int correct = 0;
        for (int i = lo; i < hi; i++) {
            int off = i * c, y = (int) labels[i];
            double m = logits[off];
            int arg = 0;
            for (int j = 1; j < c; j++) {
                if (logits[off + j] > m) {
                    m = logits[off + j];
                    arg = j;
                }
            }
            if (arg == y) correct++;
            double sum = 0;
            for (int j = 0; j < c; j++) {
                double e = Math.exp(logits[off + j] - m);
                dLogits[off + j] = e;
                sum += e;
            }
            s += Math.log(sum) + m - logits[off + y];
            double scale = invN / sum;
            for (int j = 0; j < c; j++) dLogits[off + j] *= scale;
            dLogits[off + y] -= invN;
        }
        lossSum[w] = s;
        correctCount[w] = correct;
    }

    /** Sums the per-thread gradient copies into the gradients; each thread takes a slice of every parameter. */
    private void reduce(int w, int workerCount) {
        double[][] total = partial[0];
        for (int k = 0; k < total.length; k++) {
            double[] g = total[k];
            int lo = (int) ((long) g.length * w / workerCount), hi = (int) ((long) g.length * (w + 1) / workerCount);
            for (int t = 1; t < workerCount; t++) {
                double[] p = partial[t][k];
                for (int i = lo; i < hi; i++) g[i] += p[i];
            }
        }
    }

    /** Makes the buffers for batches of up to {@code capacity} examples and {@code workers} threads. */
    abstract void allocate(int capacity, int workers);

    /** Writes the logits of examples [lo, hi) of {@code x} (n rows in all) into {@link #logits}. */
    abstract void forwardRows(int worker, Gemm gemm, double[] x, int lo, int hi, int n);

    /**
     * From {@link #dLogits} of examples [lo, hi), adds this range's contribution to the gradient of each
     * parameter k into {@code grads[k]} (zeroed before; thread {@code worker}'s own copy).
     */
    abstract void backwardRows(int worker, Gemm gemm, double[] x, int lo, int hi, int n, double[][] grads);
}
