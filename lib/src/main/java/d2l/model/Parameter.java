package d2l.model;

import org.ejml.data.DMatrixRMaj;

/** A trainable tensor: its value and the gradient of the loss with respect to it (same shape). */
public final class Parameter {
    public final DMatrixRMaj value;
    public final DMatrixRMaj grad;

    public Parameter(DMatrixRMaj value) {
        this.value = value;
        this.grad = new DMatrixRMaj(value.numRows, value.numCols);
    }

    public static Parameter zeros(int rows, int cols) {
        return new Parameter(new DMatrixRMaj(rows, cols));
    }

    public int size() { return value.getNumElements(); }

    /** Sets every gradient entry to zero (the book's {@code p.grad.data.zero_()}). */
    public void zeroGrad() { java.util.Arrays.fill(grad.data, 0, size(), 0.0); }

    @Override
    public String toString() { return "Parameter(" + value.numRows + "x" + value.numCols + ")"; }
}
