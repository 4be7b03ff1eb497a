package d2l.data;

/**
 * Data that a training loop walks through in minibatches, one pass per epoch: {@link DataIter} (a
 * matrix of features, the book's {@code load_array}) and {@link FashionMnist.Batches} (images kept as
 * bytes). Each {@code iterator()} is a new pass; the batches it yields may reuse their buffers.
 */
public interface Minibatches extends Iterable<DataIter.Batch> {
    /** Examples in one pass. */
    int numExamples();

    /** Minibatches in one pass (the book's {@code len(data_iter)}). */
    int numBatches();

    /** Examples per minibatch (the last one of a pass may have fewer). */
    int batchSize();

    /**
     * Fills {@code order} with a random permutation of 0 … n−1 (Fisher–Yates), starting from the
     * identity so that a pass depends only on the generator's state. Modifies {@code order}.
     */
    static void shuffle(int[] order, java.util.Random rng) {
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
    }
}
