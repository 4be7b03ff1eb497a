package d2l.model;

import d2l.Rand;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Linear regression {@code ŷ = X w + b} with the squared loss {@code (ŷ − y)² / 2} (the book's
 * {@code d2l.linreg} and {@code d2l.squared_loss}, sections 3.2 and 3.4). EJML has no autograd, so the
 * gradients are written out: for a batch of B examples with residuals {@code r = X w + b − y},
 * {@code ∂L/∂w = Xᵀ r / B} and {@code ∂L/∂b = Σ r / B}, where L is the mean loss.
 *
 * <p>As a {@link Model} ({@code new LinReg(d).initNormal(0.01)}) it holds w (d × 1) and b (1 × 1), the
 * book's from-scratch model of {@code train_ch11}; the static methods work on any matrices.
 */
public final class LinReg implements Model {
    private final Parameter w, b;
    private final List<Parameter> parameters;

    /** The model {@code X w + b} for {@code featureDim} features, w and b zero. */
    public LinReg(int featureDim) {
        if (featureDim < 1) throw new IllegalArgumentException("featureDim must be >= 1, got " + featureDim);
        w = Parameter.zeros(featureDim, 1);
        b = Parameter.zeros(1, 1);
        parameters = List.of(w, b);
    }

    /** Refills w from N(0, std²) with the library's generator ({@code torch.normal(0, 0.01, ...)}); b stays. */
    public LinReg initNormal(double std) {
        for (int j = 0; j < w.size(); j++) w.value.data[j] = Rand.normal(0, std);
        return this;
    }

    public Parameter w() { return w; }

    public Parameter b() { return b; }

    /** [w, b], the order of the book's {@code params}. */
    @Override
    public List<Parameter> parameters() { return parameters; }

    /** The mean of {@code (x·w + b − y)² / 2} over the batch; sets w.grad and b.grad. */
    @Override
    public double backward(DMatrixRMaj X, DMatrixRMaj y) { return squaredLossBackward(X, y, w, b); }

    /** The mean of {@code (x·w + b − y)² / 2} over {@code (X, y)}. */
    @Override
    public double loss(DMatrixRMaj X, DMatrixRMaj y) { return evaluate(X, y, w.value, b.value); }

    @Override
    public String toString() { return "LinReg(featureDim=" + w.size() + ")"; }

    /** {@code out = X w + b}; w is d × 1 (or 1 × d), b holds one number, out is n × 1. */
    public static DMatrixRMaj linreg(DMatrixRMaj X, DMatrixRMaj w, DMatrixRMaj b, DMatrixRMaj out) {
        checkShapes(X, w, b);
        if (out.numRows != X.numRows || out.numCols != 1) {
            throw new IllegalArgumentException("out must be " + X.numRows + "x1, got " + shape(out));
        }
        int n = X.numRows, d = X.numCols;
        for (int i = 0; i < n; i++) {
            double s = b.data[0];
            for (int j = 0; j < d; j++) s += X.data[i * d + j] * w.data[j];
            out.data[i] = s;
        }
        return out;
    }

    /** Mean of {@code (ŷ − y)² / 2} over the rows. */
    public static double squaredLoss(DMatrixRMaj yHat, DMatrixRMaj y) {
        if (yHat.getNumElements() != y.getNumElements()) {
            throw new IllegalArgumentException("yHat " + shape(yHat) + " and y " + shape(y) + " differ in size");
        }
        int n = y.getNumElements();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = yHat.data[i] - y.data[i];
            sum += r * r / 2;
        }
        return sum / n;
    }

    /**
     * Mean squared loss {@code Σ (x_i·w + b − y_i)² / (2B)} of a batch; overwrites {@code w.grad} and
     * {@code b.grad} with its gradient. One pass over the batch, no allocation.
     */
    public static double squaredLossBackward(DMatrixRMaj X, DMatrixRMaj y, Parameter w, Parameter b) {
        checkShapes(X, w.value, b.value);
        if (y.numRows != X.numRows) {
            throw new IllegalArgumentException("y " + shape(y) + " must have " + X.numRows + " rows like X " + shape(X));
        }
        int n = X.numRows, d = X.numCols;
        double[] x = X.data, wv = w.value.data, gw = w.grad.data;
        w.zeroGrad();
        double gb = 0, loss = 0;
        for (int i = 0; i < n; i++) {
            double r = b.value.data[0] - y.data[i];
            for (int j = 0; j < d; j++) r += x[i * d + j] * wv[j];
            loss += r * r;
            for (int j = 0; j < d; j++) gw[j] += r * x[i * d + j];
            gb += r;
        }
        for (int j = 0; j < d; j++) gw[j] /= n;
        b.grad.data[0] = gb / n;
        return loss / (2 * n);
    }

    /** Mean squared loss over a whole data set, without touching gradients. */
    public static double evaluate(DMatrixRMaj X, DMatrixRMaj y, DMatrixRMaj w, DMatrixRMaj b) {
        checkShapes(X, w, b);
        int n = X.numRows, d = X.numCols;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double r = b.data[0] - y.data[i];
            for (int j = 0; j < d; j++) r += X.data[i * d + j] * w.data[j];
            loss += r * r;
        }
        return loss / (2 * n);
    }

    static void checkShapes(DMatrixRMaj X, DMatrixRMaj w, DMatrixRMaj b) {
        boolean vector = (w.numRows == X.numCols && w.numCols == 1) || (w.numRows == 1 && w.numCols == X.numCols);
        if (!vector) {
            throw new IllegalArgumentException("w must be " + X.numCols + "x1 (or 1x" + X.numCols + ") for X "
                    + shape(X) + ", got " + shape(w));
        }
        if (b.getNumElements() != 1) throw new IllegalArgumentException("b must hold one number, got " + shape(b));
    }

    static String shape(DMatrixRMaj m) { return m.numRows + "x" + m.numCols; }
}
