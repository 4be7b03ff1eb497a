package d2l.optim.lr;

/**
 * The book's {@code CosineScheduler} (section {@code sec_scheduler}, after Loshchilov and Hutter), with
 * an optional linear warm-up. With T = maxUpdate, W = warmupSteps:
 * <pre>
 *   η_t = η_w + (η₀ − η_w) · t / W                                for t &lt; W   (warm-up)
 *   η_t = η_T + (η₀ − η_T) · (1 + cos(π (t − W) / (T − W))) / 2   for W ≤ t ≤ T
 *   η_t = η_T                                                     for t &gt; T
 * </pre>
 * where η_w is warmupBeginLr and η_T finalLr. The book's demos: {@code CosineScheduler(20, 0.3, 0.01, 0, 0)}
 * and with warm-up {@code CosineScheduler(20, 0.3, 0.01, 5, 0)}. torch equivalent without warm-up, for
 * t ≤ T: {@code CosineAnnealingLR(opt, T_max=T, eta_min=η_T)} (which, unlike the book, rises again after T).
 */
public final class CosineScheduler implements LrScheduler {
    private final int maxUpdate, warmupSteps;
    private final double baseLr, finalLr, warmupBeginLr;

    /** Cosine decay from {@code baseLr} to {@code finalLr} over {@code maxUpdate} steps, no warm-up. */
    public CosineScheduler(int maxUpdate, double baseLr, double finalLr) {
        this(maxUpdate, baseLr, finalLr, 0, 0);
    }

    /**
     * @param maxUpdate T, the step at which the rate reaches finalLr; > warmupSteps
     * @param baseLr η₀, the rate after warm-up; finite, ≥ 0
     * @param finalLr η_T; finite, ≥ 0
     * @param warmupSteps W ≥ 0, steps of linear warm-up
     * @param warmupBeginLr η_w, the rate at step 0 of the warm-up; finite, ≥ 0
     */
    public CosineScheduler(int maxUpdate, double baseLr, double finalLr, int warmupSteps, double warmupBeginLr) {
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (maxUpdate <= warmupSteps) {
            throw new IllegalArgumentException("maxUpdate must be > warmupSteps, got maxUpdate=" + maxUpdate
                    + ", warmupSteps=" + warmupSteps);
        }
        this.maxUpdate = maxUpdate;
        this.warmupSteps = warmupSteps;
        this.baseLr = Schedules.rate("baseLr", baseLr);
        this.finalLr = Schedules.rate("finalLr", finalLr);
        this.warmupBeginLr = Schedules.rate("warmupBeginLr", warmupBeginLr);
    }

    @Override
    public double lr(int step) {
        Schedules.step(step);
        if (step < warmupSteps) {
            return warmupBeginLr + (baseLr - warmupBeginLr) * (double) step / (double) warmupSteps;
        }
        if (step > maxUpdate) return finalLr;
        int maxSteps = maxUpdate - warmupSteps;
        return finalLr + (baseLr - finalLr) * (1 + Math.cos(Math.PI * (step - warmupSteps) / maxSteps)) / 2;
    }

    @Override
    public String toString() {
        return "CosineScheduler(maxUpdate=" + maxUpdate + ", baseLr=" + baseLr + ", finalLr=" + finalLr
                + ", warmupSteps=" + warmupSteps + ", warmupBeginLr=" + warmupBeginLr + ")";
    }
}
