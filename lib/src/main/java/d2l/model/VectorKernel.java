package d2l.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector API parts of the models (module {@code jdk.incubator.vector}). Loaded only when that
 * module is in the boot layer; {@link #usable()} also requires 256-bit double vectors (4 lanes), the
 * shape the micro-kernel is written for.
 */
final class VectorKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    private VectorKernel() {}

    static boolean usable() {
        try {
            return DoubleVector.SPECIES_PREFERRED.length() >= 4;
        } catch (Throwable t) {
            return false;
        }
    }

    /** C[4 × 8] += Ap panel (4 rows, k-major) · Bp panel (8 columns, k-major), over kc steps. */
    static void kernel(int kc, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bOff + 8 * p, ai = aOff + 4 * p;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + 4);
            DoubleVector a = DoubleVector.broadcast(S, ap[ai]);
            c00 = b0.fma(a, c00);
            c01 = b1.fma(a, c01);
            a = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = b0.fma(a, c10);
            c11 = b1.fma(a, c11);
            a = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = b0.fma(a, c20);
            c21 = b1.fma(a, c21);
            a = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = b0.fma(a, c30);
            c31 = b1.fma(a, c31);
        }
        add(c, cOff, c00, c01);
        add(c, cOff + ldc, c10, c11);
        add(c, cOff + 2 * ldc, c20, c21);
        add(c, cOff + 3 * ldc, c30, c31);
    }

    private static void add(double[] c, int at, DoubleVector v0, DoubleVector v1) {
        DoubleVector.fromArray(S, c, at).add(v0).intoArray(c, at);
        DoubleVector.fromArray(S, c, at + 4).add(v1).intoArray(c, at + 4);
    }

    /** a[i] = 1 / (1 + exp(−a[i])) for i in [from, to). */
    static void sigmoid(double[] a, int from, int to) {
        int i = from, bound = from + S.loopBound(to - from);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (; i < bound; i += 4) {
            DoubleVector v = DoubleVector.fromArray(S, a, i);
            one.div(v.neg().lanewise(VectorOperators.EXP).add(one)).intoArray(a, i);
        }
        for (; i < to; i++) a[i] = 1.0 / (1.0 + Math.exp(-a[i]));
    }

    /**
     * LeNet's first convolution of one example, straight from its zero-padded 32 × 32 image:
     * {@code out[c·ld + off + 28·oh + ow] = b[c] + Σ_kh,kw w[c, kh, kw] · pad[32(oh + kh) + ow + kw]}
     * for 6 channels and 28 × 28 outputs; each output row is seven vectors held in registers.
     */
    static void conv1Forward(double[] pad, double[] w, double[] b, double[] out, int off, int ld) {
        for (int c = 0; c < 6; c++) {
            int o = c * ld + off;
            for (int oh = 0; oh < 28; oh++) {
                DoubleVector bias = DoubleVector.broadcast(S, b[c]);
                DoubleVector a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias;
                for (int kh = 0; kh < 5; kh++) {
                    int row = 32 * (oh + kh);
                    for (int kw = 0; kw < 5; kw++) {
                        DoubleVector wv = DoubleVector.broadcast(S, w[c * 25 + kh * 5 + kw]);
                        int at = row + kw;
                        a0 = DoubleVector.fromArray(S, pad, at).fma(wv, a0);
                        a1 = DoubleVector.fromArray(S, pad, at + 4).fma(wv, a1);
                        a2 = DoubleVector.fromArray(S, pad, at + 8).fma(wv, a2);
                        a3 = DoubleVector.fromArray(S, pad, at + 12).fma(wv, a3);
                        a4 = DoubleVector.fromArray(S, pad, at + 16).fma(wv, a4);
                        a5 = DoubleVector.fromArray(S, pad, at + 20).fma(wv, a5);
                        a6 = DoubleVector.fromArray(S, pad, at + 24).fma(wv, a6);
                    }
                }
                int r = o + 28 * oh;
                a0.intoArray(out, r);
                a1.intoArray(out, r + 4);
                a2.intoArray(out, r + 8);
                a3.intoArray(out, r + 12);
                a4.intoArray(out, r + 16);
                a5.intoArray(out, r + 20);
                a6.intoArray(out, r + 24);
            }
        }
    }

    /**
     * Adds one example's contribution to the first convolution's weight gradient:
     * {@code gW[c, kh, kw] += Σ_oh,ow dy[c·ld + off + 28·oh + ow] · pad[32(oh + kh) + ow + kw]}.
     */
    static void conv1WeightGrad(double[] pad, double[] dy, int off, int ld, double[] gW) {
        for (int c = 0; c < 6; c++) {
            int o = c * ld + off;
            for (int kh = 0; kh < 5; kh++) {
                DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0;
                for (int oh = 0; oh < 28; oh++) {
                    int row = 32 * (oh + kh), d = o + 28 * oh;
                    for (int v = 0; v < 28; v += 4) {
                        DoubleVector g = DoubleVector.fromArray(S, dy, d + v);
                        int at = row + v;
                        s0 = DoubleVector.fromArray(S, pad, at).fma(g, s0);
                        s1 = DoubleVector.fromArray(S, pad, at + 1).fma(g, s1);
                        s2 = DoubleVector.fromArray(S, pad, at + 2).fma(g, s2);
                        s3 = DoubleVector.fromArray(S, pad, at + 3).fma(g, s3);
                        s4 = DoubleVector.fromArray(S, pad, at + 4).fma(g, s4);
                    }
                }
                int k = c * 25 + kh * 5;
                gW[k] += s0.reduceLanes(VectorOperators.ADD);
                gW[k + 1] += s1.reduceLanes(VectorOperators.ADD);
                gW[k + 2] += s2.reduceLanes(VectorOperators.ADD);
                gW[k + 3] += s3.reduceLanes(VectorOperators.ADD);
                gW[k + 4] += s4.reduceLanes(VectorOperators.ADD);
            }
        }
    }
}
