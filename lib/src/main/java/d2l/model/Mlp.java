package d2l.model;

import java.util.Arrays;

/**
 * A multilayer perceptron on flattened images (section {@code sec_mlp_concise}): fully connected
 * layers with ReLU between them, by default 784 → 256 → 10 (PyTorch: {@code nn.Sequential(nn.Flatten(),
 * nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))}), trained with the cross-entropy of
 * {@link Classifier}. Hidden layer: {@code H = max(X W1ᵀ + b1, 0)}; logits {@code O = H W2ᵀ + b2}.
 * Weights are out × in as in torch and start from torch's default U(−1/√in, 1/√in).
 */
public final class Mlp extends DenseClassifier {
    /** 784 → 256 → 10, the book's MLP for Fashion-MNIST. */
    public Mlp() { this(784, 256, 10); }

    /** Layer widths from the input to the logits, e.g. {@code new Mlp(784, 256, 10)}; at least two. */
    public Mlp(int... widths) {
        super(check(widths));
    }

    private static int[] check(int[] widths) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("give at least the input and output widths, e.g. new Mlp(784, 256, 10); got "
                    + Arrays.toString(widths));
        }
        for (int w : widths) {
            if (w < 1) throw new IllegalArgumentException("every width must be >= 1, got " + Arrays.toString(widths));
        }
        return widths;
    }

    /** Weights from N(0, std²), biases 0 (the book's MLP uses std = 0.01); returns this model. */
    public Mlp initNormal(double std) {
        net.initNormal(std);
        return this;
    }

    /** Layer widths, input first. */
    public int[] widths() { return net.dims.clone(); }

    @Override
    public Mlp threads(int threads) {
        super.threads(threads);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Mlp(");
        for (int l = 0; l + 1 < net.dims.length; l++) {
            if (l > 0) sb.append(", ReLU, ");
            sb.append("Linear(").append(net.dims[l]).append(", ").append(net.dims[l + 1]).append(')');
        }
        return sb.append(", threads=").append(threads()).append(')').toString();
    }
}
