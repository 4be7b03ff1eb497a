package d2l.model;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * What the training loop ({@code d2l.train.Trainer}) needs from a model, whatever its form: its
 * parameters, the loss of a minibatch together with its gradients, and the loss on any data without
 * gradients. EJML has no autograd, so each model writes its backward pass by hand.
 *
 * <p>Implementations: {@link LinReg} ({@code X w + b}, squared loss / 2, the book's from-scratch model),
 * the classifiers ({@link Classifier}: {@link SoftmaxRegression}, {@link Mlp}, {@link LeNet}, cross-entropy)
 * and {@link Linear} ({@code nn.Linear} with {@code nn.MSELoss}).
 */
public interface Model {

    /** The trainable parameters, always the same objects in the same order (optimizers key state on them). */
    List<Parameter> parameters();

    /**
     * The mean loss of the minibatch {@code (X, y)}; overwrites (does not accumulate) every parameter's
     * {@code grad} with the gradient of that loss, like {@code zero_grad(); l.backward()}.
     */
    double backward(DMatrixRMaj X, DMatrixRMaj y);

    /** The mean loss on {@code (X, y)}, leaving the gradients alone (the book's evaluation under {@code no_grad}). */
    double loss(DMatrixRMaj X, DMatrixRMaj y);
}
