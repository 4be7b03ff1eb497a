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
}
