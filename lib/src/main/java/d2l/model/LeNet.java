package d2l.model;

import java.util.ArrayList;
import java.util.List;

/**
 * LeNet-5 on 28 × 28 images (section {@code sec_lenet}), in PyTorch's terms
 * <pre>
 *   Conv2d(1, 6, 5, padding=2), act, pool(2, 2), Conv2d(6, 16, 5), act, pool(2, 2), Flatten,
 *   Linear(400, 120), act, Linear(120, 84), act, Linear(84, 10)
 * </pre>
 * with sigmoid and average pooling as in the original ({@code new LeNet()}), or ReLU and max pooling,
 * the "slightly modernized" LeNet of the learning-rate section {@code sec_scheduler}
 * ({@code new LeNet(Activation.RELU, Pooling.MAX)}). Trained with the cross-entropy of {@link Classifier}.
 *
 * <p>Each convolution is a matrix product on unfolded patches ("im2col"): with K = C_in · 5 · 5, the
 * patches of a few examples form a K × (examples · positions) matrix P, the output is
 * {@code Y = W P + b} with W the C_out × K weight, and backward
 * {@code dW = dY Pᵀ}, {@code db = Σ dY}, {@code dP = Wᵀ dY}, folded back onto the input ("col2im").
 * Average pooling passes a quarter of the gradient to each input of a window; max pooling passes it to
 * the first largest. Weights keep torch's layout (conv: C_out × C_in·5·5) and start from torch's
 * defaults, U(−1/√fan_in, 1/√fan_in).
 */
public final class LeNet extends Classifier {
    /** The activation after each convolution and hidden dense layer. */
    public enum Activation { SIGMOID, RELU }

    /** The 2 × 2, stride-2 pooling after each convolution. */
    public enum Pooling { AVG, MAX }

    static final int H0 = 28, C1 = 6, H1 = 28, P1 = 14, C2 = 16, H2 = 10, P2 = 5, K = 5;
    static final int HW0 = H0 * H0, HW1 = H1 * H1, PHW1 = P1 * P1, HW2 = H2 * H2, PHW2 = P2 * P2;
    static final int K1 = K * K, K2 = C1 * K * K, FLAT = C2 * PHW2;
    /** Examples unfolded at a time per thread: keeps the patch matrix within the L2 cache. */
    static final int CHUNK = 2;

    private final Activation act;
    private final Pooling pooling;
    private final DenseStack.Activation f;
    public final Parameter conv1Weight, conv1Bias, conv2Weight, conv2Bias;
    private final DenseStack dense;
    private final List<Parameter> parameters;

    // Activations in channel-major layout: buffer[c * (n * HW) + example * HW + position].
    private double[] a1, p1, a2, p2, flat, dFlat, dA1, dP1, dA2, dP2;
    private int[] arg1, arg2;
    private double[][] col, dCol;

    /** Sigmoid and average pooling, the book's LeNet. */
    public LeNet() { this(Activation.SIGMOID, Pooling.AVG); }

    public LeNet(Activation activation, Pooling pooling) {
        super(HW0, 10);
        if (activation == null || pooling == null) throw new IllegalArgumentException("activation and pooling must not be null");
        this.act = activation;
        this.pooling = pooling;
        this.f = activation == Activation.RELU ? DenseStack.Activation.RELU : DenseStack.Activation.SIGMOID;
        conv1Weight = Parameter.zeros(C1, K1);
        conv1Bias = Parameter.zeros(1, C1);
        conv2Weight = Parameter.zeros(C2, K2);
        conv2Bias = Parameter.zeros(1, C2);
        dense = new DenseStack(f, FLAT, 120, 84, 10);
        List<Parameter> ps = new ArrayList<>(List.of(conv1Weight, conv1Bias, conv2Weight, conv2Bias));
        ps.addAll(dense.parameters());
        parameters = List.copyOf(ps);
        initConvDefault();
    }

    private void initConvDefault() {
        DenseStack.fillUniform(conv1Weight.value.data, 1 / Math.sqrt(K1));
        DenseStack.fillUniform(conv1Bias.value.data, 1 / Math.sqrt(K1));
        DenseStack.fillUniform(conv2Weight.value.data, 1 / Math.sqrt(K2));
        DenseStack.fillUniform(conv2Bias.value.data, 1 / Math.sqrt(K2));
    }

    /**
     * Xavier's uniform initialisation of every weight, biases 0, as the book's {@code train_ch6} does
     * ({@code nn.init.xavier_uniform_} on each Linear and Conv2d); returns this model.
     */
    public LeNet initXavier() {
        DenseStack.fillUniform(conv1Weight.value.data, Math.sqrt(6.0 / (K1 + C1 * K1)));
        DenseStack.fillUniform(conv2Weight.value.data, Math.sqrt(6.0 / (K2 + C2 * K * K)));
        java.util.Arrays.fill(conv1Bias.value.data, 0.0);
        java.util.Arrays.fill(conv2Bias.value.data, 0.0);
        dense.initXavier();
        return this;
    }

    public Activation activation() { return act; }

    public Pooling pooling() { return pooling; }

    @Override
    public List<Parameter> parameters() { return parameters; }

    @Override
    public LeNet threads(int threads) {
        super.threads(threads);
        return this;
    }

    @Override
    void allocate(int capacity, int workers) {
        a1 = new double[C1 * capacity * HW1];
        dA1 = new double[C1 * capacity * HW1];
        p1 = new double[C1 * capacity * PHW1];
        dP1 = new double[C1 * capacity * PHW1];
        a2 = new double[C2 * capacity * HW2];
        dA2 = new double[C2 * capacity * HW2];
        p2 = new double[C2 * capacity * PHW2];
        dP2 = new double[C2 * capacity * PHW2];
        flat = new double[capacity * FLAT];
        dFlat = new double[capacity * FLAT];
        if (pooling == Pooling.MAX) {
            arg1 = new int[C1 * capacity * PHW1];
            arg2 = new int[C2 * capacity * PHW2];
        }
        col = new double[workers][Math.max(K1 * HW1, K2 * HW2) * CHUNK];
        dCol = new double[workers][K2 * HW2 * CHUNK];
        dense.allocate(capacity);
    }

    @Override
    void forwardRows(int worker, Gemm gemm, double[] x, int lo, int hi, int n) {
        double[] col = this.col[worker];
        for (int e0 = lo; e0 < hi; e0 += CHUNK) {
            int e = Math.min(CHUNK, hi - e0);
            // conv1: the input is n × 784, i.e. one channel of n·784 values.
            im2col(x, n * HW0, 1, H0, 2, H1, e0, e, col);
            conv(gemm, conv1Weight.value.data, conv1Bias.value.data, C1, K1, col, e * HW1, a1, e0 * HW1, n * HW1);
            pool(a1, n * HW1, C1, H1, p1, n * PHW1, arg1, e0, e);
            im2col(p1, n * PHW1, C1, P1, 0, H2, e0, e, col);
            conv(gemm, conv2Weight.value.data, conv2Bias.value.data, C2, K2, col, e * HW2, a2, e0 * HW2, n * HW2);
            pool(a2, n * HW2, C2, H2, p2, n * PHW2, arg2, e0, e);
            for (int i = e0; i < e0 + e; i++) {
                for (int c = 0; c < C2; c++) {
                    System.arraycopy(p2, c * n * PHW2 + i * PHW2, flat, i * FLAT + c * PHW2, PHW2);
                }
            }
        }
        dense.forwardRows(gemm, flat, lo, hi, logits);
    }

    @Override
    void backwardRows(int worker, Gemm gemm, double[] x, int lo, int hi, int n, double[][] grads) {
        dense.backwardRows(gemm, flat, lo, hi, dLogits, grads, 4, dFlat);
        double[] col = this.col[worker], dCol = this.dCol[worker];
        double[] gW1 = grads[0], gb1 = grads[1], gW2 = grads[2], gb2 = grads[3];
        for (int e0 = lo; e0 < hi; e0 += CHUNK) {
            int e = Math.min(CHUNK, hi - e0);
            for (int i = e0; i < e0 + e; i++) {
                for (int c = 0; c < C2; c++) {
                    System.arraycopy(dFlat, i * FLAT + c * PHW2, dP2, c * n * PHW2 + i * PHW2, PHW2);
                }
            }
            // conv2 and its pooling
            poolBackward(dP2, n * PHW2, C2, H2, dA2, n * HW2, arg2, e0, e);
            activationBackward(a2, dA2, n * HW2, C2, HW2, e0, e, gb2);
            im2col(p1, n * PHW1, C1, P1, 0, H2, e0, e, col);
            gemm.gemm(false, true, C2, K2, e * HW2, dA2, e0 * HW2, n * HW2, col, 0, e * HW2, 1, gW2, 0, K2);
            gemm.gemm(true, false, K2, e * HW2, C2, conv2Weight.value.data, 0, K2, dA2, e0 * HW2, n * HW2, 0, dCol, 0, e * HW2);
            col2im(dCol, C1, P1, 0, H2, e0, e, dP1, n * PHW1);
            // conv1 and its pooling
            poolBackward(dP1, n * PHW1, C1, H1, dA1, n * HW1, arg1, e0, e);
            activationBackward(a1, dA1, n * HW1, C1, HW1, e0, e, gb1);
            im2col(x, n * HW0, 1, H0, 2, H1, e0, e, col);
            gemm.gemm(false, true, C1, K1, e * HW1, dA1, e0 * HW1, n * HW1, col, 0, e * HW1, 1, gW1, 0, K1);
        }
    }

    /**
     * Unfolds the 5 × 5 patches of examples [e0, e0 + e) of {@code in} (channels × (n·h·h), channel
     * stride {@code ld}) with zero padding {@code pad} into {@code col}: row (c, kh, kw), column
     * (example, output row, output column), {@code ho × ho} outputs per example.
     */
    static void im2col(double[] in, int ld, int channels, int h, int pad, int ho, int e0, int e, double[] col) {
        int hwo = ho * ho, cols = e * hwo;
        for (int c = 0; c < channels; c++) {
            for (int kh = 0; kh < K; kh++) {
                for (int kw = 0; kw < K; kw++) {
                    int row = (c * K + kh) * K + kw;
                    int dst0 = row * cols;
                    for (int ee = 0; ee < e; ee++) {
                        int src0 = c * ld + (e0 + ee) * h * h;
                        for (int oh = 0; oh < ho; oh++) {
                            int ih = oh + kh - pad;
                            int dst = dst0 + ee * hwo + oh * ho;
                            if (ih < 0 || ih >= h) {
                                java.util.Arrays.fill(col, dst, dst + ho, 0.0);
                                continue;
                            }
                            int src = src0 + ih * h;
                            for (int ow = 0; ow < ho; ow++) {
                                int iw = ow + kw - pad;
                                col[dst + ow] = iw >= 0 && iw < h ? in[src + iw] : 0.0;
                            }
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: sums {@code col}'s entries back onto examples [e0, e0 + e) of {@code out} (zeroed first). */
    static void col2im(double[] col, int channels, int h, int pad, int ho, int e0, int e, double[] out, int ld) {
        int hwo = ho * ho, cols = e * hwo;
        for (int c = 0; c < channels; c++) {
            java.util.Arrays.fill(out, c * ld + e0 * h * h, c * ld + (e0 + e) * h * h, 0.0);
        }
        for (int c = 0; c < channels; c++) {
            for (int kh = 0; kh < K; kh++) {
                for (int kw = 0; kw < K; kw++) {
                    int row = (c * K + kh) * K + kw;
                    int src0 = row * cols;
                    for (int ee = 0; ee < e; ee++) {
                        int dst0 = c * ld + (e0 + ee) * h * h;
                        for (int oh = 0; oh < ho; oh++) {
                            int ih = oh + kh - pad;
                            if (ih < 0 || ih >= h) continue;
                            int src = src0 + ee * hwo + oh * ho, dst = dst0 + ih * h;
                            for (int ow = 0; ow < ho; ow++) {
                                int iw = ow + kw - pad;
                                if (iw >= 0 && iw < h) out[dst + iw] += col[src + ow];
                            }
                        }
                    }
                }
            }
        }
    }

    /** out[c, chunk] = f(W col + b) for a chunk of {@code cols} columns starting at {@code outOff} in each channel row. */
    private void conv(Gemm gemm, double[] w, double[] b, int cout, int k, double[] col, int cols,
                      double[] out, int outOff, int ld) {
        gemm.gemm(false, false, cout, cols, k, w, 0, k, col, 0, cols, 0, out, outOff, ld);
        for (int c = 0; c < cout; c++) {
            int from = c * ld + outOff, to = from + cols;
            double bc = b[c];
            for (int i = from; i < to; i++) out[i] += bc;
            f.apply(out, from, to);
        }
    }

    /** 2 × 2 pooling with stride 2 of examples [e0, e0 + e): {@code h × h} maps to {@code h/2 × h/2}. */
    private void pool(double[] in, int ldIn, int channels, int h, double[] out, int ldOut, int[] arg, int e0, int e) {
        int ph = h / 2;
        for (int c = 0; c < channels; c++) {
            for (int ee = e0; ee < e0 + e; ee++) {
                int src0 = c * ldIn + ee * h * h, dst0 = c * ldOut + ee * ph * ph;
                for (int i = 0; i < ph; i++) {
                    for (int j = 0; j < ph; j++) {
                        int s = src0 + 2 * i * h + 2 * j, d = dst0 + i * ph + j;
                        double v00 = in[s], v01 = in[s + 1], v10 = in[s + h], v11 = in[s + h + 1];
                        if (pooling == Pooling.AVG) {
                            out[d] = (v00 + v01 + v10 + v11) / 4;
                        } else {
                            int best = s;
                            double m = v00;
                            if (v01 > m) { m = v01; best = s + 1; }
                            if (v10 > m) { m = v10; best = s + h; }
                            if (v11 > m) { m = v11; best = s + h + 1; }
                            out[d] = m;
                            arg[d] = best;
                        }
                    }
                }
            }
        }
    }

    /** Gradient of {@link #pool}: from dOut of examples [e0, e0 + e) into dIn (every entry of the chunk written). */
    private void poolBackward(double[] dOut, int ldOut, int channels, int h, double[] dIn, int ldIn, int[] arg, int e0, int e) {
        int ph = h / 2;
        for (int c = 0; c < channels; c++) {
            for (int ee = e0; ee < e0 + e; ee++) {
                int in0 = c * ldIn + ee * h * h, out0 = c * ldOut + ee * ph * ph;
                if (pooling == Pooling.MAX) java.util.Arrays.fill(dIn, in0, in0 + h * h, 0.0);
                for (int i = 0; i < ph; i++) {
                    for (int j = 0; j < ph; j++) {
                        int s = in0 + 2 * i * h + 2 * j, d = out0 + i * ph + j;
                        if (pooling == Pooling.AVG) {
                            double g = dOut[d] / 4;
                            dIn[s] = g;
                            dIn[s + 1] = g;
                            dIn[s + h] = g;
                            dIn[s + h + 1] = g;
                        } else {
                            dIn[arg[d]] = dOut[d];
                        }
                    }
                }
            }
        }
    }

    /** dA ⊙= f'(A) over a chunk, and the bias gradient: gb[c] += Σ over the chunk of channel c. */
    private void activationBackward(double[] a, double[] d, int ld, int channels, int hw, int e0, int e, double[] gb) {
        for (int c = 0; c < channels; c++) {
            int from = c * ld + e0 * hw, to = from + e * hw;
            f.backward(a, d, from, to);
            double s = 0;
            for (int i = from; i < to; i++) s += d[i];
            gb[c] += s;
        }
    }

    @Override
    public String toString() {
        String a = act == Activation.SIGMOID ? "Sigmoid" : "ReLU", p = pooling == Pooling.AVG ? "AvgPool2d" : "MaxPool2d";
        return "LeNet(Conv2d(1, 6, 5, padding=2), " + a + ", " + p + "(2, 2), Conv2d(6, 16, 5), " + a + ", " + p
                + "(2, 2), Flatten, Linear(400, 120), " + a + ", Linear(120, 84), " + a + ", Linear(84, 10), threads="
                + threads() + ")";
    }
}
