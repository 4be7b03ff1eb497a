package d2l.model;

/**
 * Single-threaded double-precision matrix product {@code C = op(A) op(B) + beta C} on raw row-major
 * arrays with offsets and leading dimensions, op being the identity or the transpose (BLAS's
 * {@code dgemm} with alpha = 1). The models call it on their own slices from several threads, one
 * {@link Gemm} (with its packing buffers) per thread.
 *
 * <p>Blocked as in GotoBLAS: a KC × NC block of op(B) and an MC × KC block of op(A) are copied
 * ("packed") into contiguous panels of {@link #NR} columns and {@link #MR} rows, and a register-tiled
 * micro-kernel multiplies one panel pair into an MR × NR tile of C. The micro-kernel uses the JDK's
 * vector API (module {@code jdk.incubator.vector}, JDK 17+) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, and plain Java otherwise (same results up to rounding
 * order; both are checked against torch).
 */
final class Gemm {
    static final int MR = 4, NR = 8;
    static final int KC = 256, MC = 128, NC = 1024;

    /** Whether the vector micro-kernel is in use (module present and not disabled with -Dd2l.vector=false). */
    static final boolean VECTOR = !"false".equals(System.getProperty("d2l.vector"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorKernel.usable();

    private final double[] ap = new double[MC * KC];
    private final double[] bp = new double[KC * NC];
    private final double[] tile = new double[MR * NR];

    /**
     * {@code C[m × n] = op(A)[m × k] · op(B)[k × n] + beta · C}, beta 0 or 1. {@code transA}: A is stored
     * k × m (so op(A) = Aᵀ); {@code transB}: B is stored n × k.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
              double beta, double[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (beta == 0) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        } else if (beta != 1) {
            throw new IllegalArgumentException("beta must be 0 or 1, got " + beta);
        }
        if (k <= 0) return;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, jc, kc, nc);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, a, aOff, lda, ic, pc, mc, kc);
                    macroKernel(bp, mc, nc, kc, c, cOff + ic * ldc + jc, ldc);
                }
            }
        }
    }

    /**
     * As {@link #gemm} with op(B) given already packed: panel j (columns 8j to 8j + 7) starts at
     * {@code 8j · k} and holds, for each p &lt; k, its 8 values (zeros past n). Needs k ≤ KC and n ≤ NC.
     * The convolutions pack their unfolded patches straight into this layout.
     */
    void gemmPackedB(boolean transA, int m, int n, int k, double[] a, int aOff, int lda, double[] packedB,
                     double beta, double[] c, int cOff, int ldc) {
        if (k > KC || n > NC) throw new IllegalArgumentException("packed B must have k <= " + KC + " and n <= " + NC);
        if (m <= 0 || n <= 0) return;
        if (beta == 0) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        }
        if (k <= 0) return;
        for (int ic = 0; ic < m; ic += MC) {
            int mc = Math.min(MC, m - ic);
            packA(transA, a, aOff, lda, ic, 0, mc, k);
            macroKernel(packedB, mc, n, k, c, cOff + ic * ldc, ldc);
        }
    }

    /** op(B)[pc.., jc..] into panels of NR columns: panel j holds, for each p, NR consecutive values. */
    private void packB(boolean transB, double[] b, int bOff, int ldb, int pc, int jc, int kc, int nc) {
        double[] bp = this.bp;
        for (int j0 = 0; j0 < nc; j0 += NR) {
            int w = Math.min(NR, nc - j0);
            int base = j0 * kc;
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + j0, dst = base + p * NR;
                    for (int j = 0; j < w; j++) bp[dst + j] = b[src + j];
                    for (int j = w; j < NR; j++) bp[dst + j] = 0;
                }
            } else {
                for (int j = 0; j < w; j++) {
                    int src = bOff + (jc + j0 + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) bp[base + p * NR + j] = b[src + p];
                }
                for (int j = w; j < NR; j++) for (int p = 0; p < kc; p++) bp[base + p * NR + j] = 0;
            }
        }
    }

    /** op(A)[ic.., pc..] into panels of MR rows: panel i holds, for each p, MR consecutive values. */
    private void packA(boolean transA, double[] a, int aOff, int lda, int ic, int pc, int mc, int kc) {
        double[] ap = this.ap;
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int h = Math.min(MR, mc - i0);
            int base = i0 * kc;
            if (transA) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + i0, dst = base + p * MR;
                    for (int i = 0; i < h; i++) ap[dst + i] = a[src + i];
                    for (int i = h; i < MR; i++) ap[dst + i] = 0;
                }
            } else {
                for (int i = 0; i < h; i++) {
                    int src = aOff + (ic + i0 + i) * lda + pc;
                    for (int p = 0; p < kc; p++) ap[base + p * MR + i] = a[src + p];
                }
                for (int i = h; i < MR; i++) for (int p = 0; p < kc; p++) ap[base + p * MR + i] = 0;
            }
        }
    }

    private void macroKernel(double[] bp, int mc, int nc, int kc, double[] c, int cOff, int ldc) {
        for (int j0 = 0; j0 < nc; j0 += NR) {
            int w = Math.min(NR, nc - j0);
            for (int i0 = 0; i0 < mc; i0 += MR) {
                int h = Math.min(MR, mc - i0);
                int cAt = cOff + i0 * ldc + j0;
                boolean full = h == MR && w == NR;
                // One call site only: two inlined copies of the vector kernel exceed C2's inlining budget,
                // and a vector op that is not inlined runs as slow, allocating Java code.
                double[] dst = full ? c : tile;
                if (!full) java.util.Arrays.fill(tile, 0.0);
                if (VECTOR) VectorKernel.kernel(kc, ap, i0 * kc, bp, j0 * kc, dst, full ? cAt : 0, full ? ldc : NR);
                else scalarKernel(kc, ap, i0 * kc, bp, j0 * kc, dst, full ? cAt : 0, full ? ldc : NR);
                if (!full) {
                    for (int i = 0; i < h; i++) {
                        for (int j = 0; j < w; j++) c[cAt + i * ldc + j] += tile[i * NR + j];
                    }
                }
            }
        }
    }

    /**
     * C[4 × 8] += Ap panel · Bp panel in plain Java: one row at a time with eight scalar accumulators
     * (measured 4x faster than a 4 × 8 accumulator array, which C2 neither keeps in registers nor vectorises).
     */
    static void scalarKernel(int kc, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc) {
        for (int i = 0; i < MR; i++) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int p = 0; p < kc; p++) {
                double a = ap[aOff + MR * p + i];
                int bi = bOff + NR * p;
                s0 += a * bp[bi];
                s1 += a * bp[bi + 1];
                s2 += a * bp[bi + 2];
                s3 += a * bp[bi + 3];
                s4 += a * bp[bi + 4];
                s5 += a * bp[bi + 5];
                s6 += a * bp[bi + 6];
                s7 += a * bp[bi + 7];
            }
            int r = cOff + i * ldc;
            c[r] += s0;
            c[r + 1] += s1;
            c[r + 2] += s2;
            c[r + 3] += s3;
            c[r + 4] += s4;
            c[r + 5] += s5;
            c[r + 6] += s6;
            c[r + 7] += s7;
        }
    }
}
