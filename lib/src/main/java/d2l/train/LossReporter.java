package d2l.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the book's closing line of a run, {@code loss: 0.242, 0.00144 sec/epoch}: the last recorded
 * loss to 3 decimals and the training time per epoch to 3 significant digits.
 */
public final class LossReporter implements TrainListener {
    private final PrintStream out;

    /** Prints to {@code System.out} as it is when the run ends (so a notebook's redirection is honoured). */
    public LossReporter() { this(null); }

    public LossReporter(PrintStream out) { this.out = out; }

    @Override
    public void onEnd(Progress p, TrainResult result) {
        (out != null ? out : System.out).printf(Locale.ROOT, "loss: %.3f, %.3g sec/epoch%n",
                result.finalLoss(), result.secondsPerEpoch());
    }
}
