package d2l.plot;

import d2l.train.Progress;
import d2l.train.TrainListener;
import d2l.train.TrainResult;
import java.util.Objects;

/**
 * Draws a run live, as the book's trainers do with {@code d2l.Animator}: every evaluation of a
 * {@link d2l.train.Trainer} adds the point (epochs so far, value) and the end of the run sends the final
 * frame. The plotting half of training lives here so that {@code d2l.train} never depends on plots.
 *
 * <pre>{@code
 * new Trainer(model, optimizer, data).evaluateEvery(200, eval)
 *     .listeners(new AnimatorListener(new Animator().xlabel("epoch").ylabel("loss").xlim(0, 2)))
 *     .fit();
 * }</pre>
 */
public final class AnimatorListener implements TrainListener {
    private final Animator animator;

    public AnimatorListener(Animator animator) {
        this.animator = Objects.requireNonNull(animator, "animator");
    }

    /** The animator this listener draws on (its points can be read after the run). */
    public Animator animator() {
        return animator;
    }

    @Override
    public void onEvaluation(Progress p, double value) {
        animator.add(p.epochProgress(), value);
    }

    @Override
    public void onEnd(Progress p, TrainResult result) {
        animator.finish();
    }
}
