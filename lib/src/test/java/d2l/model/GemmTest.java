package d2l.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GemmTest {
    /** Surefire starts the JVM with the vector module, so the fast kernel is the one the golden tests check. */
    @Test
    void vectorKernelIsUsedUnderTest() {
        assertTrue(Gemm.VECTOR, "expected --add-modules jdk.incubator.vector in the test JVM");
    }

    @Test
    void matchesTheDefinitionForEveryTransposeAndBlockEdge() {
        Random r = new Random(3);
        int[][] shapes = {{1, 1, 1}, {5, 9, 3}, {13, 21, 300}, {130, 17, 257}, {4, 1030, 8}, {129, 8, 520}};
        Gemm g = new Gemm();
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (int ta = 0; ta < 2; ta++) {
                for (int tb = 0; tb < 2; tb++) {
                    for (double beta : new double[] {0, 1}) {
                        boolean transA = ta == 1, transB = tb == 1;
                        int lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 2, ldc = n + 5;
                        int aOff = 7, bOff = 2, cOff = 11;
                        double[] a = rand(r, aOff + lda * (transA ? k : m)), b = rand(r, bOff + ldb * (transB ? n : k));
                        double[] c = rand(r, cOff + ldc * m), expected = c.clone();
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double sum = 0;
                                for (int p = 0; p < k; p++) {
                                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                                    sum += av * bv;
                                }
                                expected[cOff + i * ldc + j] = sum + beta * c[cOff + i * ldc + j];
                            }
                        }
                        g.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                        for (int i = 0; i < c.length; i++) {
                            assertEquals(expected[i], c[i], 1e-12 * Math.max(1, k),
                                    "m=" + m + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB
                                            + " beta=" + beta + " at " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void scalarAndVectorKernelsAgree() {
        Random r = new Random(4);
        int kc = 37;
        double[] ap = rand(r, 4 * kc + 3), bp = rand(r, 8 * kc + 5);
        double[] c1 = rand(r, 3 * 10 + 8 + 2), c2 = c1.clone();
        Gemm.scalarKernel(kc, ap, 3, bp, 5, c1, 2, 10);
        VectorKernel.kernel(kc, ap, 3, bp, 5, c2, 2, 10);
        assertArrayEquals(c1, c2, 1e-13);
    }

    static double[] rand(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble() - 0.5;
        return a;
    }
}
