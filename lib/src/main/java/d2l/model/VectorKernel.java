package d2l.model;

import jdk.incubator.vector.DoubleVector;
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
}
