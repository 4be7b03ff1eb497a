package d2l.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/** The pass over the data that {@link DataIter} and {@link FashionMnist.Batches} share. */
final class Passes {
    private Passes() {}

    /** Copies example {@code example} into row {@code row} of {@code batch}. */
    interface RowCopier {
        void copy(DataIter.Batch batch, int row, int example);
    }

    /**
     * A new pass in minibatches: if {@code rng} is not null, {@code order} first becomes a fresh random
     * permutation (Fisher–Yates from the identity, so a pass depends only on the generator's state).
     * Every batch is {@code full} (reused) except a smaller final one, {@code last}. Modifies
     * {@code order} and the two batches' buffers.
     */
    static Iterator<DataIter.Batch> pass(int[] order, Random rng, DataIter.Batch full, DataIter.Batch last,
                                         RowCopier copier) {
        if (rng != null) {
            for (int i = 0; i < order.length; i++) order[i] = i;
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
        }
        int batchSize = full.size();
        return new Iterator<>() {
            private int start;

            @Override
            public boolean hasNext() { return start < order.length; }

            @Override
            public DataIter.Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                DataIter.Batch b = order.length - start >= batchSize ? full : last;
                for (int r = 0, n = b.size(); r < n; r++) copier.copy(b, r, order[start + r]);
                start += b.size();
                return b;
            }
        };
    }
}
