package d2l.data;

import d2l.Rand;

import java.util.Iterator;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Minibatches of (features, labels), reshuffled at the start of every pass (the book's
 * {@code d2l.load_array}, section {@code sec_utils}). Each pass yields {@code ceil(n / batchSize)} batches; the last
 * one is smaller when {@code batchSize} does not divide {@code n}.
 *
 * <p>The two {@link Batch} buffers are reused from batch to batch so training allocates nothing: copy a
 * batch if you need to keep it past the next call to {@code next()}.
 */
public final class DataIter implements Minibatches {

    /** One minibatch: {@code X} is batch × features, {@code y} is batch × 1. */
    public record Batch(DMatrixRMaj X, DMatrixRMaj y) {
        public int size() { return X.numRows; }
    }

    private final DMatrixRMaj features;
    private final DMatrixRMaj labels;
    private final int batchSize;
    private final boolean shuffle;
    private final Random rng;
    private final int[] order;
    private final Batch full;
    private final Batch last;
    /** One copier for all passes, so that a pass allocates only its iterator. */
    private final Passes.RowCopier copier = (b, r, src) -> {
        int dim = features().numCols;
        System.arraycopy(features().data, src * dim, b.X().data, r * dim, dim);
        b.y().data[r] = labels().data[src];
    };

    /**
     * @param features n × d
     * @param labels   n × 1
     * @param rng      source of the shuffles (the library's {@link Rand#generator()} by default)
     */
    public DataIter(DMatrixRMaj features, DMatrixRMaj labels, int batchSize, boolean shuffle, Random rng) {
        if (labels.numRows != features.numRows || labels.numCols != 1) {
            throw new IllegalArgumentException("labels must be " + features.numRows + "x1 to match features "
                    + features.numRows + "x" + features.numCols + ", got " + labels.numRows + "x" + labels.numCols);
        }
        int n = features.numRows;
        if (batchSize < 1 || batchSize > n) {
            throw new IllegalArgumentException("batchSize must be in [1, " + n + "], got " + batchSize);
        }
        this.features = features;
        this.labels = labels;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.rng = rng;
        this.order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int d = features.numCols;
        this.full = new Batch(new DMatrixRMaj(batchSize, d), new DMatrixRMaj(batchSize, 1));
        int rest = n % batchSize;
        this.last = rest == 0 ? full : new Batch(new DMatrixRMaj(rest, d), new DMatrixRMaj(rest, 1));
    }

    public DataIter(DMatrixRMaj features, DMatrixRMaj labels, int batchSize) {
        this(features, labels, batchSize, true, Rand.generator());
    }

    /** Number of batches in one pass (the book's {@code len(data_iter)}). */
    public int numBatches() { return (numExamples() + batchSize - 1) / batchSize; }

    public int numExamples() { return features.numRows; }

    public int featureDim() { return features.numCols; }

    public int batchSize() { return batchSize; }

    /** All examples, n × d (not a copy). */
    public DMatrixRMaj features() { return features; }

    /** All labels, n × 1 (not a copy). */
    public DMatrixRMaj labels() { return labels; }

    /** A new pass over the data, in a fresh random order when shuffling. */
    @Override
    public Iterator<Batch> iterator() {
        return Passes.pass(order, shuffle ? rng : null, full, last, copier);
    }

    @Override
    public String toString() {
        return "DataIter(examples=" + numExamples() + ", featureDim=" + featureDim() + ", batchSize=" + batchSize
                + ", batches=" + numBatches() + ", shuffle=" + shuffle + ")";
    }
}
