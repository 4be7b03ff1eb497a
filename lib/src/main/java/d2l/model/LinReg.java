package d2l.model;

import d2l.Rand;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;

/**
 * Linear regression {@code ŷ = X w + b} with the squared loss {@code (ŷ − y)² / 2} (the book's
 * {@code d2l.linreg} and {@code d2l.squared_loss}, section {@code sec_utils}). EJML has no autograd, so the
 * gradients are written out, as EJML matrix operations: for a batch of B examples with residuals {@code r = X w + b − y},
 * {@code ∂L/∂w = Xᵀ r / B} and {@code ∂L/∂b = Σ r / B}, where L is the mean loss.
 *
 * <p>As a {@link Model} ({@code new LinReg(d).initNormal(0.01)}) it holds w (d × 1) and b (1 × 1), the
 * book's from-scratch model of {@code train_ch11}; the static methods work on any matrices.
 */
public final class LinReg implements Model {
    private final Parameter w, b;
    private final List<Parameter> parameters;
    /** Residuals of the last batch or evaluation; reused so that training allocates nothing. */
    private final DMatrixRMaj r = new DMatrixRMaj(1, 1);

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
    public double backward(DMatrixRMaj X, DMatrixRMaj y) { return squaredLossBackward(X, y, w, b, r); }

    /** The mean of {@code (x·w + b − y)² / 2} over {@code (X, y)}. */
    @Override
    public double loss(DMatrixRMaj X, DMatrixRMaj y) { return evaluate(X, y, w.value, b.value, r); }

    @Override
    public String toString() { return "LinReg(featureDim=" + w.size() + ")"; }

    /** {@code out = X w + b}; w is d × 1 (or 1 × d), b holds one number, out is n × 1. */
    public static DMatrixRMaj linreg(DMatrixRMaj X, DMatrixRMaj w, DMatrixRMaj b, DMatrixRMaj out) {
        checkShapes(X, w, b);
        if (out.numRows != X.numRows || out.numCols != 1) {
            throw new IllegalArgumentException("out must be " + X.numRows + "x1, got " + shape(out));
        }
        if (w.numCols == 1) {
            CommonOps_DDRM.mult(X, w, out);
        } else {
            CommonOps_DDRM.multTransB(X, w, out);
        }
        CommonOps_DDRM.add(out, b.data[0], out);
        return out;
    }

    /** Mean of {@code (ŷ − y)² / 2} over the rows. */
    public static double squaredLoss(DMatrixRMaj yHat, DMatrixRMaj y) {
        if (yHat.getNumElements() != y.getNumElements()) {
            throw new IllegalArgumentException("yHat " + shape(yHat) + " and y " + shape(y) + " differ in size");
        }
        DMatrixRMaj r = new DMatrixRMaj(y.getNumElements(), 1);
        CommonOps_DDRM.subtract(DMatrixRMaj.wrap(r.numRows, 1, yHat.data), DMatrixRMaj.wrap(r.numRows, 1, y.data), r);
        return VectorVectorMult_DDRM.innerProd(r, r) / (2 * r.numRows);
    }

    /**
     * Mean squared loss {@code Σ (x_i·w + b − y_i)² / (2B)} of a batch; overwrites {@code w.grad} and
     * {@code b.grad} with its gradient {@code Xᵀ r / B} and {@code Σ r / B}.
     */
    public static double squaredLossBackward(DMatrixRMaj X, DMatrixRMaj y, Parameter w, Parameter b) {
        return squaredLossBackward(X, y, w, b, new DMatrixRMaj(X.numRows, 1));
    }

    /** As {@link #squaredLossBackward(DMatrixRMaj, DMatrixRMaj, Parameter, Parameter)}, with {@code r} as scratch space. */
    static double squaredLossBackward(DMatrixRMaj X, DMatrixRMaj y, Parameter w, Parameter b, DMatrixRMaj r) {
        int n = X.numRows;
        residuals(X, y, w.value, b.value, r);
        if (w.grad.numCols == 1) {
            CommonOps_DDRM.multTransA(X, r, w.grad); // d × 1
        } else {
            CommonOps_DDRM.multTransA(r, X, w.grad); // 1 × d
        }
        CommonOps_DDRM.divide(w.grad, n);
        b.grad.data[0] = CommonOps_DDRM.elementSum(r) / n;
        return VectorVectorMult_DDRM.innerProd(r, r) / (2 * n);
    }

    /** Mean squared loss over a whole data set, without touching gradients. */
    public static double evaluate(DMatrixRMaj X, DMatrixRMaj y, DMatrixRMaj w, DMatrixRMaj b) {
        return evaluate(X, y, w, b, new DMatrixRMaj(X.numRows, 1));
    }

    static double evaluate(DMatrixRMaj X, DMatrixRMaj y, DMatrixRMaj w, DMatrixRMaj b, DMatrixRMaj r) {
        residuals(X, y, w, b, r);
        return VectorVectorMult_DDRM.innerProd(r, r) / (2 * X.numRows);
    }

    /** {@code r = X w + b − y}, r reshaped to n × 1 (reusing its array when large enough). */
    private static void residuals(DMatrixRMaj X, DMatrixRMaj y, DMatrixRMaj w, DMatrixRMaj b, DMatrixRMaj r) {
        if (y.numRows != X.numRows || y.numCols != 1) {
            throw new IllegalArgumentException("y " + shape(y) + " must be " + X.numRows + "x1 like the rows of X " + shape(X));
        }
        r.reshape(X.numRows, 1);
        linreg(X, w, b, r);
        CommonOps_DDRM.subtractEquals(r, y);
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
