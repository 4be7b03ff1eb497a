package d2l.model;

import java.util.List;

/**
 * A classifier that is a stack of fully connected layers with ReLU between them ({@link SoftmaxRegression}
 * has one layer, {@link Mlp} two or more): its parameters and passes are those of its {@link DenseStack}.
 */
abstract sealed class DenseClassifier extends Classifier permits SoftmaxRegression, Mlp {
    final DenseStack net;

    /** Layer widths from the input to the logits, already checked by the subclass. */
    DenseClassifier(int... widths) {
        super(widths[0], widths[widths.length - 1]);
        net = new DenseStack(DenseStack.Activation.RELU, widths);
    }

    @Override
    public List<Parameter> parameters() { return net.parameters(); }

    @Override
    void allocate(int capacity, int workers) { net.allocate(capacity); }

    @Override
    void forwardRows(int worker, Gemm gemm, double[] x, int lo, int hi, int n) { net.forwardRows(gemm, x, lo, hi, logits); }

    @Override
    void backwardRows(int worker, Gemm gemm, double[] x, int lo, int hi, int n, double[][] grads) {
        net.backwardRows(gemm, x, lo, hi, dLogits, grads, 0, null);
    }
}
