package d2l.train;

import java.util.Locale;

/**
 * What a training run recorded at each evaluation: {@code epochs[i]} is how far training had got (in
 * epochs), {@code times[i]} the training time so far (seconds, evaluation excluded) and
 * {@code losses[i]} the evaluated loss then. {@code numEpochs} is the length of the run and
 * {@code seconds} its whole training time.
 */
public record TrainResult(double[] epochs, double[] times, double[] losses, int numEpochs, double seconds) {

    public TrainResult {
        if (epochs.length != times.length || epochs.length != losses.length) {
            throw new IllegalArgumentException("epochs, times and losses must have the same length, got "
                    + epochs.length + ", " + times.length + ", " + losses.length);
        }
    }

    /** The last recorded loss. */
    public double finalLoss() {
        if (losses.length == 0) throw new IllegalStateException("nothing was recorded in this run");
        return losses[losses.length - 1];
    }

    /** Training time per epoch in seconds, as the book prints it. */
    public double secondsPerEpoch() { return seconds / numEpochs; }

    /** E.g. {@code TrainResult[15 records over 2 epochs, final loss 0.2424, 0.00144 sec/epoch]}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TrainResult[%d records over %d epoch%s, final loss %s, %.3g sec/epoch]",
                losses.length, numEpochs, numEpochs == 1 ? "" : "s",
                losses.length == 0 ? "none" : String.format(Locale.ROOT, "%.4f", finalLoss()), secondsPerEpoch());
    }
}
