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
    /** Side of the zero-padded input of conv1 (28 + 2 · 2). */
    static final int PAD = 32;

    private final Activation act;
    private final Pooling pooling;
    private final DenseStack.Activation f;
    public final Parameter conv1Weight, conv1Bias, conv2Weight, conv2Bias;
    private final DenseStack dense;
    private final List<Parameter> parameters;

    // Activations in channel-major layout: buffer[c * (n * HW) + example * HW + position].
    private double[] a1, p1, a2, p2, flat, dFlat;
    /** Max pooling: which input of each window was largest (0..3, row-major in the window). */
    private byte[] arg1, arg2;
    /** Per thread, for one chunk of examples at a time: gradients below the dense layers (chunk layout). */
    private double[][] dA1, dP1, dA2, dP2;
    /** Per thread: packed patches of conv2, the gradient of its unfolded input, a zero-padded input image. */
    private double[][] packed, dCol, pad;
    /** Per thread: offset of each row (c, kh, kw) of conv2's unfolded input relative to its patch corner. */
    private int[][] rowOffset;

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
        p1 = new double[C1 * capacity * PHW1];
        a2 = new double[C2 * capacity * HW2];
        p2 = new double[C2 * capacity * PHW2];
        flat = new double[capacity * FLAT];
        dFlat = new double[capacity * FLAT];
        if (pooling == Pooling.MAX) {
            arg1 = new byte[C1 * capacity * PHW1];
            arg2 = new byte[C2 * capacity * PHW2];
        }
        int cols = CHUNK * HW2, panels = (cols + Gemm.NR - 1) / Gemm.NR, rowPanels = (K2 + Gemm.NR - 1) / Gemm.NR;
        packed = new double[workers][Gemm.NR * Math.max(panels * K2, rowPanels * cols)];
        dCol = new double[workers][K2 * cols];
        pad = new double[workers][PAD * PAD];
        dA1 = new double[workers][C1 * CHUNK * HW1];
        dP1 = new double[workers][C1 * CHUNK * PHW1];
        dA2 = new double[workers][C2 * CHUNK * HW2];
        dP2 = new double[workers][C2 * CHUNK * PHW2];
        rowOffset = new int[workers][K2];
        dense.allocate(capacity);
    }

    @Override
    void forwardRows(int worker, Gemm gemm, double[] x, int lo, int hi, int n) {
        double[] packed = this.packed[worker], pad = this.pad[worker];
        int[] rows = offsets(worker, n);
        for (int e0 = lo; e0 < hi; e0 += CHUNK) {
            int e = Math.min(CHUNK, hi - e0);
            for (int i = e0; i < e0 + e; i++) {
                padImage(x, i, pad);
                if (Gemm.VECTOR) VectorKernel.conv1Forward(pad, conv1Weight.value.data, conv1Bias.value.data, a1, i * HW1, n * HW1);
                else conv1Forward(pad, conv1Weight.value.data, conv1Bias.value.data, a1, i * HW1, n * HW1);
            }
            for (int c = 0; c < C1; c++) f.apply(a1, c * n * HW1 + e0 * HW1, c * n * HW1 + (e0 + e) * HW1);
            pool(a1, n * HW1, C1, H1, p1, n * PHW1, arg1, e0, e);
            packPatches(p1, rows, P1, H2, e0, e, packed);
            gemm.gemmPackedB(false, C2, e * HW2, K2, conv2Weight.value.data, 0, K2, packed, 0, a2, e0 * HW2, n * HW2);
            double[] b2 = conv2Bias.value.data;
            for (int c = 0; c < C2; c++) {
                int from = c * n * HW2 + e0 * HW2, to = from + e * HW2;
                for (int i = from; i < to; i++) a2[i] += b2[c];
                f.apply(a2, from, to);
            }
            pool(a2, n * HW2, C2, H2, p2, n * PHW2, arg2, e0, e);
            for (int i = e0; i < e0 + e; i++) {
                for (int c = 0; c < C2; c++) {
                    System.arraycopy(p2, c * n * PHW2 + i * PHW2, flat, i * FLAT + c * PHW2, PHW2);
                }
            }
        }
        dense.forwardRows(gemm, flat, lo, hi, logits);
    }

    /** Row offsets of conv2's unfolded input for batches of n: (c, kh, kw) ↦ c · n · 196 + 14 kh + kw. */
    private int[] offsets(int worker, int n) {
        int[] r = rowOffset[worker];
        for (int c = 0; c < C1; c++) {
            for (int kh = 0; kh < K; kh++) {
                for (int kw = 0; kw < K; kw++) r[(c * K + kh) * K + kw] = c * n * PHW1 + kh * P1 + kw;
            }
        }
        return r;
    }

    /** Example i of x into the middle of the 32 × 32 buffer, whose 2-pixel border stays 0. */
    private static void padImage(double[] x, int i, double[] pad) {
        for (int r = 0; r < H0; r++) System.arraycopy(x, i * HW0 + r * H0, pad, (r + 2) * PAD + 2, H0);
    }

    /** Plain-Java twin of {@link VectorKernel#conv1Forward}. */
    static void conv1Forward(double[] pad, double[] w, double[] b, double[] out, int off, int ld) {
        for (int c = 0; c < C1; c++) {
            for (int oh = 0; oh < H1; oh++) {
                int r = c * ld + off + H1 * oh;
                java.util.Arrays.fill(out, r, r + H1, b[c]);
                for (int kh = 0; kh < K; kh++) {
                    for (int kw = 0; kw < K; kw++) {
                        double wv = w[c * K1 + kh * K + kw];
                        int at = PAD * (oh + kh) + kw;
                        for (int ow = 0; ow < H1; ow++) out[r + ow] += wv * pad[at + ow];
                    }
                }
            }
        }
    }

    /** Plain-Java twin of {@link VectorKernel#conv1WeightGrad}. */
    static void conv1WeightGrad(double[] pad, double[] dy, int off, int ld, double[] gW) {
        for (int c = 0; c < C1; c++) {
            for (int kh = 0; kh < K; kh++) {
                for (int kw = 0; kw < K; kw++) {
                    double s = 0;
                    for (int oh = 0; oh < H1; oh++) {
                        int d = c * ld + off + H1 * oh, at = PAD * (oh + kh) + kw;
                        for (int ow = 0; ow < H1; ow++) s += dy[d + ow] * pad[at + ow];
                    }
                    gW[c * K1 + kh * K + kw] += s;
                }
            }
        }
    }

    /**
     * conv2's unfolded input for examples [e0, e0 + e), written straight into {@link Gemm}'s packed
     * layout: panel j holds output positions 8j..8j + 7 and, for each row (c, kh, kw), their 8 values.
     */
    private static void packPatches(double[] in, int[] rows, int h, int ho, int e0, int e, double[] dst) {
        int hwo = ho * ho, cols = e * hwo, k = rows.length;
        for (int j0 = 0; j0 < cols; j0 += Gemm.NR) {
            int panel = j0 * k;
            if (cols - j0 < Gemm.NR) {
                for (int j = 0; j < Gemm.NR; j++) {
                    int p = j0 + j;
                    if (p >= cols) {
                        for (int r = 0; r < k; r++) dst[panel + r * Gemm.NR + j] = 0;
                    } else {
                        int base = corner(p, hwo, ho, h, e0);
                        for (int r = 0; r < k; r++) dst[panel + r * Gemm.NR + j] = in[base + rows[r]];
                    }
                }
                continue;
            }
            // Row by row: 8 contiguous writes from 8 nearby reads (neighbouring outputs share a patch row).
            int b0 = corner(j0, hwo, ho, h, e0), b1 = corner(j0 + 1, hwo, ho, h, e0), b2 = corner(j0 + 2, hwo, ho, h, e0),
                b3 = corner(j0 + 3, hwo, ho, h, e0), b4 = corner(j0 + 4, hwo, ho, h, e0), b5 = corner(j0 + 5, hwo, ho, h, e0),
                b6 = corner(j0 + 6, hwo, ho, h, e0), b7 = corner(j0 + 7, hwo, ho, h, e0);
            for (int r = 0, at = panel; r < k; r++, at += Gemm.NR) {
                int o = rows[r];
                dst[at] = in[b0 + o];
                dst[at + 1] = in[b1 + o];
                dst[at + 2] = in[b2 + o];
                dst[at + 3] = in[b3 + o];
                dst[at + 4] = in[b4 + o];
                dst[at + 5] = in[b5 + o];
                dst[at + 6] = in[b6 + o];
                dst[at + 7] = in[b7 + o];
            }
        }
    }

    /** Offset of the top-left input pixel of output position p (example-major) of the chunk starting at e0. */
    private static int corner(int p, int hwo, int ho, int h, int e0) {
        int q = p % hwo;
        return (e0 + p / hwo) * h * h + (q / ho) * h + q % ho;
    }

    /**
     * The transpose of {@link #packPatches} in the packed layout, for dW = dY Pᵀ: panel j holds rows
     * (c, kh, kw) 8j..8j + 7 and, for each output position, their 8 values.
     */
    private static void packPatchesT(double[] in, int[] rows, int h, int ho, int e0, int e, double[] dst) {
        int hwo = ho * ho, cols = e * hwo, k = rows.length;
        for (int r0 = 0; r0 < k; r0 += Gemm.NR) {
            int w = Math.min(Gemm.NR, k - r0), panel = r0 * cols;
            for (int j = 0; j < Gemm.NR; j++) {
                if (j >= w) {
                    for (int p = 0; p < cols; p++) dst[panel + p * Gemm.NR + j] = 0;
                    continue;
                }
                int o = rows[r0 + j];
                // Along one output row the reads are contiguous.
                for (int p = 0; p < cols; p += ho) {
                    int base = corner(p, hwo, ho, h, e0) + o, at = panel + p * Gemm.NR + j;
                    for (int ow = 0; ow < ho; ow++) dst[at + ow * Gemm.NR] = in[base + ow];
                }
            }
        }
    }

    @Override
    void backwardRows(int worker, Gemm gemm, double[] x, int lo, int hi, int n, double[][] grads) {
        dense.backwardRows(gemm, flat, lo, hi, dLogits, grads, 4, dFlat);
        double[] packed = this.packed[worker], dCol = this.dCol[worker], pad = this.pad[worker];
        int[] rows = offsets(worker, n);
        double[] gW1 = grads[0], gb1 = grads[1], gW2 = grads[2], gb2 = grads[3];
        double[] dA1 = this.dA1[worker], dP1 = this.dP1[worker], dA2 = this.dA2[worker], dP2 = this.dP2[worker];
        // Gradients of a chunk stay in small per-thread buffers (channel-major, e examples), in cache.
        for (int e0 = lo; e0 < hi; e0 += CHUNK) {
            int e = Math.min(CHUNK, hi - e0);
            for (int ee = 0; ee < e; ee++) {
                for (int c = 0; c < C2; c++) {
                    System.arraycopy(dFlat, (e0 + ee) * FLAT + c * PHW2, dP2, c * e * PHW2 + ee * PHW2, PHW2);
                }
            }
            // conv2 and its pooling
            poolBackward(dP2, e * PHW2, dA2, e * HW2, arg2, n * PHW2, e0, C2, H2, e);
            activationBackward(a2, n * HW2, e0, dA2, e * HW2, C2, HW2, e, gb2);
            packPatchesT(p1, rows, P1, H2, e0, e, packed);
            gemm.gemmPackedB(false, C2, K2, e * HW2, dA2, 0, e * HW2, packed, 1, gW2, 0, K2);
            gemm.gemm(true, false, K2, e * HW2, C2, conv2Weight.value.data, 0, K2, dA2, 0, e * HW2, 0, dCol, 0, e * HW2);
            col2im(dCol, C1, P1, 0, H2, 0, e, dP1, e * PHW1);
            // conv1 and its pooling
            poolBackward(dP1, e * PHW1, dA1, e * HW1, arg1, n * PHW1, e0, C1, H1, e);
            activationBackward(a1, n * HW1, e0, dA1, e * HW1, C1, HW1, e, gb1);
            for (int ee = 0; ee < e; ee++) {
                padImage(x, e0 + ee, pad);
                if (Gemm.VECTOR) VectorKernel.conv1WeightGrad(pad, dA1, ee * HW1, e * HW1, gW1);
                else conv1WeightGrad(pad, dA1, ee * HW1, e * HW1, gW1);
            }
        }
    }

    /** The adjoint of unfolding the 5 × 5 patches (im2col): sums {@code col}'s entries (rows (c, kh, kw), columns (example, position)) back onto examples [e0, e0 + e) of {@code out} (zeroed first). */
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
                            if (pad == 0) {
                                // Every tap lands inside (ho + 4 = h): a plain, vectorisable row sum.
                                for (int ow = 0, d = dst + kw; ow < ho; ow++) out[d + ow] += col[src + ow];
                                continue;
                            }
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
    private void pool(double[] in, int ldIn, int channels, int h, double[] out, int ldOut, byte[] arg, int e0, int e) {
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
                            byte best = 0;
                            double m = v00;
                            if (v01 > m) { m = v01; best = 1; }
                            if (v10 > m) { m = v10; best = 2; }
                            if (v11 > m) { m = v11; best = 3; }
                            out[d] = m;
                            arg[d] = best;
                        }
                    }
                }
            }
        }
    }

    /**
     * Gradient of {@link #pool} for e examples: dOut and dIn in chunk layout (channel stride ldOut, ldIn,
     * example 0 first), the argmax codes of max pooling in batch layout (channel stride ldArg, from e0).
     */
    private void poolBackward(double[] dOut, int ldOut, double[] dIn, int ldIn, byte[] arg, int ldArg, int e0,
                              int channels, int h, int e) {
        int ph = h / 2;
        for (int c = 0; c < channels; c++) {
            for (int ee = 0; ee < e; ee++) {
                int in0 = c * ldIn + ee * h * h, out0 = c * ldOut + ee * ph * ph, arg0 = c * ldArg + (e0 + ee) * ph * ph;
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
                            int code = arg[arg0 + i * ph + j];
                            dIn[s + (code >> 1) * h + (code & 1)] = dOut[d];
                        }
                    }
                }
            }
        }
    }

    /**
     * d ⊙= f'(a) for e examples (a in batch layout from e0, d in chunk layout), and the bias gradient:
     * gb[c] += Σ of channel c's entries.
     */
    private void activationBackward(double[] a, int ldA, int e0, double[] d, int ldD, int channels, int hw, int e,
                                    double[] gb) {
        for (int c = 0; c < channels; c++) {
            int from = c * ldD, len = e * hw;
            f.backward(a, c * ldA + e0 * hw, d, from, len);
            double s = 0;
            for (int i = from; i < from + len; i++) s += d[i];
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
