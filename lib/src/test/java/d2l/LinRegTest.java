package d2l;

import d2l.model.Linear;

import d2l.model.LinReg;

import d2l.model.Parameter;

import static org.junit.jupiter.api.Assertions.*;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LinRegTest {
    @Test
    void gradientsMatchHandComputation() {
        // X = [[1, 2], [3, 4]], y = [1, 0], w = [0.5, -1], b = 0.25
        // ŷ = [0.5 - 2 + 0.25, 1.5 - 4 + 0.25] = [-1.25, -2.25]; r = ŷ - y = [-2.25, -2.25]
        // loss = (2.25² + 2.25²) / (2·2) = 2.53125
        // ∂w = Xᵀ r / 2 = [(1 + 3)(-2.25), (2 + 4)(-2.25)] / 2 = [-4.5, -6.75]; ∂b = -4.5 / 2 = -2.25
        DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1}, {0}});
        Parameter w = new Parameter(new DMatrixRMaj(new double[][] {{0.5}, {-1}}));
        Parameter b = new Parameter(new DMatrixRMaj(new double[][] {{0.25}}));
        w.grad.data[0] = 99; // stale gradients are overwritten, not accumulated
        assertEquals(2.53125, LinReg.squaredLossBackward(X, y, w, b), 1e-15);
        assertArrayEquals(new double[] {-4.5, -6.75}, w.grad.data, 1e-15);
        assertEquals(-2.25, b.grad.data[0], 1e-15);
        assertEquals(2.53125, LinReg.evaluate(X, y, w.value, b.value), 1e-15);
        assertEquals(2.53125, LinReg.squaredLoss(LinReg.linreg(X, w.value, b.value, new DMatrixRMaj(2, 1)), y), 1e-15);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        java.util.Random r = new java.util.Random(1);
        DMatrixRMaj X = new DMatrixRMaj(7, 3), y = new DMatrixRMaj(7, 1);
        for (int i = 0; i < X.data.length; i++) X.data[i] = r.nextGaussian();
        for (int i = 0; i < y.data.length; i++) y.data[i] = r.nextGaussian();
        Parameter w = Parameter.zeros(3, 1), b = Parameter.zeros(1, 1);
        for (int j = 0; j < 3; j++) w.value.data[j] = r.nextGaussian();
        b.value.data[0] = 0.3;
        LinReg.squaredLossBackward(X, y, w, b);
        double h = 1e-6;
        for (int j = 0; j < 3; j++) {
            double keep = w.value.data[j];
            w.value.data[j] = keep + h;
            double up = LinReg.evaluate(X, y, w.value, b.value);
            w.value.data[j] = keep - h;
            double down = LinReg.evaluate(X, y, w.value, b.value);
            w.value.data[j] = keep;
            assertEquals((up - down) / (2 * h), w.grad.data[j], 1e-8);
        }
    }

    @Test
    void linearLayerUsesMseWithoutTheHalf() {
        Rand.manualSeed(0);
        Linear net = new Linear(2).initNormal(0.01);
        double bound = 1 / Math.sqrt(2);
        assertTrue(Math.abs(net.bias.value.data[0]) <= bound);
        DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1}, {0}});
        Parameter w = new Parameter(net.weight.value.copy()), b = new Parameter(net.bias.value.copy());
        double half = LinReg.squaredLossBackward(X, y, w, b);
        assertEquals(2 * half, net.mseBackward(X, y), 1e-15);
        assertEquals(2 * w.grad.data[1], net.weight.grad.data[1], 1e-15);
        assertEquals(2 * b.grad.data[0], net.bias.grad.data[0], 1e-15);
    }

    @Test
    void theModelsAgreeWithTheFormulasAcrossBatchSizes() {
        java.util.Random r = new java.util.Random(2);
        DMatrixRMaj X = new DMatrixRMaj(30, 3), y = new DMatrixRMaj(30, 1);
        for (int i = 0; i < X.data.length; i++) X.data[i] = r.nextGaussian();
        for (int i = 0; i < y.data.length; i++) y.data[i] = r.nextGaussian();
        DMatrixRMaj Xs = new DMatrixRMaj(4, 3), ys = new DMatrixRMaj(4, 1);
        System.arraycopy(X.data, 0, Xs.data, 0, 12);
        System.arraycopy(y.data, 0, ys.data, 0, 4);
        LinReg net = new LinReg(3);
        net.w().value.data[0] = 0.7;
        net.b().value.data[0] = -0.2;
        // By hand: the mean of (x·w + b − y)² / 2 over the 30 rows.
        double sum = 0;
        for (int i = 0; i < 30; i++) {
            double res = X.get(i, 0) * 0.7 - 0.2 - y.data[i];
            sum += res * res;
        }
        for (int round = 0; round < 2; round++) { // the residual buffer grows and shrinks between calls
            assertEquals(sum / 60, net.loss(X, y), 1e-14);
            double small = net.backward(Xs, ys);
            Parameter w = new Parameter(net.w().value.copy()), b = new Parameter(net.b().value.copy());
            assertEquals(LinReg.squaredLossBackward(Xs, ys, w, b), small, 0);
            assertArrayEquals(w.grad.data, net.w().grad.data, 0);
            assertEquals(b.grad.data[0], net.b().grad.data[0], 0);
        }
        // Linear keeps its weight as 1 x d and measures the MSE without the half, through its own API.
        Linear lin = new Linear(3);
        lin.weight.value.data[0] = 0.7;
        lin.bias.value.data[0] = -0.2;
        assertEquals(sum / 30, lin.loss(X, y), 1e-14);
        assertEquals(2 * net.backward(Xs, ys), lin.backward(Xs, ys), 1e-15);
        assertArrayEquals(new double[] {2 * net.w().grad.data[0], 2 * net.w().grad.data[1], 2 * net.w().grad.data[2]},
                lin.weight.grad.data, 1e-15);
        assertEquals(1, lin.weight.grad.numRows, "the gradient keeps the weight's 1 x d shape");
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        DMatrixRMaj X = new DMatrixRMaj(4, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> LinReg.linreg(X, new DMatrixRMaj(2, 1), new DMatrixRMaj(1, 1), new DMatrixRMaj(4, 1)));
        assertTrue(e.getMessage().contains("4x3") && e.getMessage().contains("2x1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinReg.squaredLoss(new DMatrixRMaj(4, 1), new DMatrixRMaj(3, 1)));
        assertTrue(e.getMessage().contains("4x1") && e.getMessage().contains("3x1"), e.getMessage());
    }
}
