package d2l.model;

import d2l.Rand;

import java.util.ArrayList;
import java.util.List;

/**
 * Fully connected layers {@code dims[0] → dims[1] → … → dims[L]} with an activation after every layer
 * but the last (PyTorch's {@code nn.Linear}s in an {@code nn.Sequential}). Layer l computes
 * {@code Z = A Wᵀ + b} with W of shape dims[l+1] × dims[l] (torch's layout) and b of 1 × dims[l+1].
 * Backward, with {@code dZ} the gradient at the layer's output:
 * <pre>
 *   dW = dZᵀ A,   db = Σ_rows dZ,   dA = dZ W,   and through the activation dZ_prev = dA ⊙ f'(Z_prev)
 * </pre>
 * Works on a range of rows so that threads can share one batch.
 */
final class DenseStack {
    enum Activation {
        RELU, SIGMOID;

        /** Applies the activation in place. */
        void apply(double[] a, int from, int to) {
            if (this == RELU) {
                for (int i = from; i < to; i++) a[i] = Math.max(a[i], 0.0);
            } else if (Gemm.VECTOR) {
                VectorKernel.sigmoid(a, from, to);
            } else {
                for (int i = from; i < to; i++) a[i] = 1.0 / (1.0 + Math.exp(-a[i]));
            }
        }

        /** d[i] *= f'(z) expressed through the activation's output a = f(z). */
        void backward(double[] a, double[] d, int from, int to) { backward(a, from, d, from, to - from); }

        /** d[dOff + i] *= f'(z) with a = f(z) at a[aOff + i], for i &lt; len. */
        void backward(double[] a, int aOff, double[] d, int dOff, int len) {
            if (this == RELU) {
                for (int i = 0; i < len; i++) if (!(a[aOff + i] > 0)) d[dOff + i] = 0;
            } else {
                for (int i = 0; i < len; i++) {
                    double ai = a[aOff + i];
                    d[dOff + i] *= ai * (1 - ai);
                }
            }
        }
    }

    final int[] dims;
    final Activation activation;
    final Parameter[] weights, biases;
    private final List<Parameter> parameters;
    /** out[l]: output of layer l after its activation (hidden layers); the last layer writes the logits. */
    private double[][] out;
    /** dz[l]: gradient at the output of hidden layer l (before its activation is undone, then after). */
    private double[][] dz;

    DenseStack(Activation activation, int... dims) {
        this.dims = dims.clone();
        this.activation = activation;
        int layers = dims.length - 1;
        weights = new Parameter[layers];
        biases = new Parameter[layers];
        List<Parameter> ps = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            weights[l] = Parameter.zeros(dims[l + 1], dims[l]);
            biases[l] = Parameter.zeros(1, dims[l + 1]);
            ps.add(weights[l]);
            ps.add(biases[l]);
        }
        parameters = List.copyOf(ps);
        initDefault();
    }

    List<Parameter> parameters() { return parameters; }

    int layers() { return weights.length; }

    /** PyTorch's default for {@code nn.Linear}: weight and bias from U(−1/√in, 1/√in). */
    void initDefault() {
        for (int l = 0; l < layers(); l++) {
            double bound = 1 / Math.sqrt(dims[l]);
            fillUniform(weights[l].value.data, bound);
            fillUniform(biases[l].value.data, bound);
        }
    }

    /** Weights from N(0, std²), biases 0 (the book's {@code init_weights} with {@code normal_(std=0.01)}). */
    void initNormal(double std) {
        for (int l = 0; l < layers(); l++) {
            double[] w = weights[l].value.data;
            for (int i = 0; i < w.length; i++) w[i] = Rand.normal(0, std);
            java.util.Arrays.fill(biases[l].value.data, 0.0);
        }
    }

    /** Weights from Xavier's uniform U(−a, a), a = √(6 / (in + out)); biases 0 ({@code nn.init.xavier_uniform_}). */
    void initXavier() {
        for (int l = 0; l < layers(); l++) {
            fillUniform(weights[l].value.data, Math.sqrt(6.0 / (dims[l] + dims[l + 1])));
            java.util.Arrays.fill(biases[l].value.data, 0.0);
        }
    }

    static void fillUniform(double[] a, double bound) {
        for (int i = 0; i < a.length; i++) a[i] = Rand.uniform(-bound, bound);
    }

    void allocate(int capacity) {
        int layers = layers();
        out = new double[layers - 1][];
        dz = new double[layers - 1][];
        for (int l = 0; l < layers - 1; l++) {
            out[l] = new double[capacity * dims[l + 1]];
            dz[l] = new double[capacity * dims[l + 1]];
        }
    }

    /** Rows [lo, hi) of {@code in} (width dims[0]) through all layers; the last layer's output into {@code logits}. */
    void forwardRows(Gemm gemm, double[] in, int lo, int hi, double[] logits) {
        int rows = hi - lo;
        double[] a = in;
        for (int l = 0; l < layers(); l++) {
            int din = dims[l], dout = dims[l + 1];
            double[] z = l == layers() - 1 ? logits : out[l];
            gemm.gemm(false, true, rows, dout, din, a, lo * din, din, weights[l].value.data, 0, din, 0, z, lo * dout, dout);
            double[] b = biases[l].value.data;
            for (int i = lo; i < hi; i++) {
                int off = i * dout;
                for (int j = 0; j < dout; j++) z[off + j] += b[j];
            }
            if (l < layers() - 1) activation.apply(z, lo * dout, hi * dout);
            a = z;
        }
    }

    /**
     * From {@code dLogits} rows [lo, hi), adds the gradients of the weights and biases into
     * {@code grads[first + 2l]} and {@code grads[first + 2l + 1]}, and writes the gradient with respect
     * to the input rows into {@code dIn} unless it is null.
     */
    void backwardRows(Gemm gemm, double[] in, int lo, int hi, double[] dLogits, double[][] grads, int first, double[] dIn) {
        int rows = hi - lo;
        double[] d = dLogits;
        for (int l = layers() - 1; l >= 0; l--) {
            int din = dims[l], dout = dims[l + 1];
            double[] a = l == 0 ? in : out[l - 1];
            double[] gW = grads[first + 2 * l], gb = grads[first + 2 * l + 1];
            gemm.gemm(true, false, dout, din, rows, d, lo * dout, dout, a, lo * din, din, 1, gW, 0, din);
            for (int i = lo; i < hi; i++) {
                int off = i * dout;
                for (int j = 0; j < dout; j++) gb[j] += d[off + j];
            }
            if (l == 0 && dIn == null) break;
            double[] da = l == 0 ? dIn : dz[l - 1];
            gemm.gemm(false, false, rows, din, dout, d, lo * dout, dout, weights[l].value.data, 0, din, 0, da, lo * din, din);
            if (l > 0) activation.backward(a, da, lo * din, hi * din);
            d = da;
        }
    }
}
