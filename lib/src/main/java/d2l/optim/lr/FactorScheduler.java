package d2l.optim.lr;

/**
 * The book's {@code FactorScheduler} (section {@code sec_scheduler}): multiply the rate by α at every
 * step, but never go below a floor:
 * <pre>
 *   η_{t+1} = max(η_min, η_t · α)
 * </pre>
 * As in the book, the first call already multiplies: {@code lr(0) = max(η_min, η₀ α)}, and
 * {@code lr(t) = max(η_min, η₀ α^(t+1))} computed by repeated multiplication, so the values are the
 * book's to the bit. torch equivalent (without the floor): {@code StepLR(opt, step_size=1, gamma=α)},
 * whose epoch e has {@code lr(e − 1)}.
 */
public final class FactorScheduler implements LrScheduler {
    private final double factor, stopFactorLr, baseLr;
    // Remembers the last step computed so a sweep t = 0, 1, 2, ... costs one multiplication per step.
    private int lastStep = -1;
    private double lastLr;

    /**
     * @param factor α, finite and > 0 (the book's demo: 0.9)
     * @param stopFactorLr η_min, the floor, finite and ≥ 0 (book default 1e-7)
     * @param baseLr η₀, finite and ≥ 0 (book default 0.1)
     */
    public FactorScheduler(double factor, double stopFactorLr, double baseLr) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be a finite number > 0, got " + factor + " (e.g. 0.9)");
        }
        this.factor = factor;
        this.stopFactorLr = Schedules.rate("stopFactorLr", stopFactorLr);
        this.baseLr = Schedules.rate("baseLr", baseLr);
    }

    @Override
    public synchronized double lr(int step) {
        Schedules.step(step);
        if (step < lastStep) lastStep = -1;
        double v = lastStep < 0 ? baseLr : lastLr;
        for (int t = lastStep + 1; t <= step; t++) v = Math.max(stopFactorLr, v * factor);
        lastStep = step;
        lastLr = v;
        return v;
    }

    @Override
    public String toString() {
        return "FactorScheduler(factor=" + factor + ", stopFactorLr=" + stopFactorLr + ", baseLr=" + baseLr + ")";
    }
}
