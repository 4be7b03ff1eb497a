package d2l.optim.lr;

import java.util.Arrays;

/**
 * The book's {@code MultiFactorScheduler} (section {@code sec_scheduler}): a piecewise constant rate,
 * multiplied by γ at each milestone:
 * <pre>
 *   η_t = η₀ · γ^(number of milestones m ≤ t)
 * </pre>
 * The book's demo: milestones 15 and 30, γ = 0.5, η₀ = 0.5. torch equivalent:
 * {@code MultiStepLR(opt, milestones, gamma)}, with the same value at every epoch.
 */
public final class MultiFactorScheduler implements LrScheduler {
    private final double baseLr, gamma;
    private final int[] milestones;

    /**
     * @param baseLr η₀, finite and ≥ 0
     * @param milestones steps at which the rate drops, strictly increasing and ≥ 0
     * @param gamma γ, finite and > 0
     */
    public MultiFactorScheduler(double baseLr, int[] milestones, double gamma) {
        this.baseLr = Schedules.rate("baseLr", baseLr);
        if (milestones == null) throw new IllegalArgumentException("milestones is null; pass e.g. new int[] {15, 30}");
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] < 0 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                throw new IllegalArgumentException("milestones must be >= 0 and strictly increasing, got "
                        + Arrays.toString(milestones));
            }
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be a finite number > 0, got " + gamma + " (e.g. 0.5)");
        }
        this.milestones = milestones.clone();
        this.gamma = gamma;
    }

    @Override
    public double lr(int step) {
        Schedules.step(step);
        double v = baseLr;
        // One multiplication per milestone passed, in order, as the book's and torch's running value.
        for (int m : milestones) {
            if (m > step) break;
            v *= gamma;
        }
        return v;
    }

    @Override
    public String toString() {
        return "MultiFactorScheduler(baseLr=" + baseLr + ", milestones=" + Arrays.toString(milestones) + ", gamma=" + gamma + ")";
    }
}
