package d2l.model;

import d2l.Rand;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A fully connected layer with one output, {@code ŷ = X Wᵀ + b} (PyTorch's {@code nn.Linear(in, 1)}),
 * trained with the mean squared error {@code mean((ŷ − y)²)} (PyTorch's {@code nn.MSELoss}, no ½).
 * Weight is 1 × in; bias starts at U(−1/√in, 1/√in) as PyTorch's default does.
 */
public final class Linear implements Model {
    public final Parameter weight;
    public final Parameter bias;
    private final List<Parameter> parameters;
    /** Residuals of the last batch or evaluation; reused so that training allocates nothing. */
    private final DMatrixRMaj r = new DMatrixRMaj(1, 1);

    public Linear(int in) {
        if (in < 1) throw new IllegalArgumentException("in must be >= 1, got " + in);
        weight = Parameter.zeros(1, in);
        bias = Parameter.zeros(1, 1);
        double bound = 1 / Math.sqrt(in);
        bias.value.data[0] = Rand.uniform(-bound, bound);
        parameters = List.of(weight, bias);
    }

    /** Refills the weight from N(0, std²), as {@code torch.nn.init.normal_(weight, std=std)}. */
    public Linear initNormal(double std) {
        for (int j = 0; j < weight.size(); j++) weight.value.data[j] = Rand.normal(0, std);
        return this;
    }

    /** [weight, bias]. */
    @Override
    public List<Parameter> parameters() { return parameters; }

    /** {@link #mseBackward}. */
    @Override
    public double backward(DMatrixRMaj X, DMatrixRMaj y) { return mseBackward(X, y); }

    /** {@code mean((ŷ − y)²)} over {@code (X, y)}, gradients untouched. */
    @Override
    public double loss(DMatrixRMaj X, DMatrixRMaj y) {
        // Twice the halved squared loss; doubling is exact in binary floating point.
        return 2 * LinReg.evaluate(X, y, weight.value, bias.value, r);
    }

    public DMatrixRMaj forward(DMatrixRMaj X, DMatrixRMaj out) { return LinReg.linreg(X, weight.value, bias.value, out); }

    /** {@code mean((ŷ − y)²)} of a batch; overwrites the gradients with its gradient. */
    public double mseBackward(DMatrixRMaj X, DMatrixRMaj y) {
        // The MSE is twice the halved squared loss, and so is its gradient.
        double halfLoss = LinReg.squaredLossBackward(X, y, weight, bias, r);
        CommonOps_DDRM.scale(2, weight.grad);
        CommonOps_DDRM.scale(2, bias.grad);
        return 2 * halfLoss;
    }

    @Override
    public String toString() { return "Linear(in_features=" + weight.size() + ", out_features=1)"; }
}
