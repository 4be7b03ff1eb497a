package d2l.model;

/**
 * Softmax regression on flattened images (section {@code sec_softmax_concise}): one fully connected
 * layer {@code O = X Wᵀ + b} from {@code numInputs} to {@code numOutputs} logits, trained with the
 * cross-entropy of {@link Classifier} (PyTorch: {@code nn.Sequential(nn.Flatten(), nn.Linear(784, 10))}).
 * W is numOutputs × numInputs as in torch; both start from torch's default U(−1/√in, 1/√in).
 */
public final class SoftmaxRegression extends DenseClassifier {
    /** 784 inputs, 10 classes (Fashion-MNIST). */
    public SoftmaxRegression() { this(784, 10); }

    public SoftmaxRegression(int numInputs, int numOutputs) {
        super(requirePositive("numInputs", numInputs), requirePositive("numOutputs", numOutputs));
    }

    static int requirePositive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        return v;
    }

    /** Weight from N(0, std²), bias 0 (the book uses std = 0.01); returns this model. */
    public SoftmaxRegression initNormal(double std) {
        net.initNormal(std);
        return this;
    }

    public Parameter weight() { return net.weights[0]; }

    public Parameter bias() { return net.biases[0]; }

    @Override
    public SoftmaxRegression threads(int threads) {
        super.threads(threads);
        return this;
    }

    @Override
    public String toString() {
        return "SoftmaxRegression(Linear(" + inputSize + ", " + numClasses + "), threads=" + threads() + ")";
    }
}
