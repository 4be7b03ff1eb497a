package d2l.optim;

/**
 * AdamW, Adam with decoupled weight decay, {@code torch.optim.AdamW}, optionally with AMSGrad.
 *
 * <p>Update of every entry at step t = 1, 2, ..., with learning rate η (default {@code 1e-3}),
 * β1 (default {@code 0.9}), β2 (default {@code 0.999}), ε (default {@code 1e-8}) and weight decay λ
 * (default {@code 1e-2}); v and s start at 0:
 * <pre>
 *   x ← x (1 − η λ)                 (decay first, independent of the gradient)
 *   v ← β1 v + (1 − β1) g
 *   s ← β2 s + (1 − β2) g²
 *   v̂ = v / (1 − β1^t)
 *   ŝ = s / (1 − β2^t)
 *   x ← x − η v̂ / (√ŝ + ε)
 * </pre>
 * With {@code amsgrad(true)}, as in {@link Adam}: s_max ← max(s_max, s) and ŝ = s_max / (1 − β2^t).
 * Construction: {@code new AdamW()}, {@code new AdamW(0.01)} or
 * {@code new AdamW(0.01).weightDecay(0.1).betas(0.9, 0.99)}. Everything but the decay is {@link Adam}'s
 * (state, AMSGrad, the fused loop), so with λ = 0 the two take identical steps.
 */
public final class AdamW extends Adam {
    static final Hyper WEIGHT_DECAY = new Hyper("weightDecay", 4, Rule.NON_NEGATIVE, "1e-2");
    private static final Hyper[] HYPERS = {LR, BETA1, BETA2, EPS, WEIGHT_DECAY};

    /** AdamW with torch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2. */
    public AdamW() {
        this(1e-3);
    }

    /** AdamW with learning rate {@code lr} and the other defaults. */
    public AdamW(double lr) {
        this(lr, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    /** AdamW with every hyperparameter: lr ≥ 0, betas in [0, 1), eps > 0, weightDecay ≥ 0. */
    public AdamW(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(HYPERS, amsgrad, lr, beta1, beta2, eps, weightDecay);
    }

    // The setters of Adam, returning AdamW so that calls chain.

    @Override
    public AdamW lr(double lr) {
        super.lr(lr);
        return this;
    }

    @Override
    public AdamW betas(double beta1, double beta2) {
        super.betas(beta1, beta2);
        return this;
    }

    @Override
    public AdamW eps(double eps) {
        super.eps(eps);
        return this;
    }

    @Override
    public AdamW amsgrad(boolean amsgrad) {
        super.amsgrad(amsgrad);
        return this;
    }

    /** Sets the decoupled weight decay λ (finite, >= 0) and returns this optimizer. */
    public AdamW weightDecay(double weightDecay) {
        set(WEIGHT_DECAY, weightDecay);
        return this;
    }

    public double weightDecay() {
        return get(WEIGHT_DECAY);
    }

    @Override
    double decay() {
        return 1 - lr() * weightDecay();
    }

    @Override
    public AdamW copy() {
        return new AdamW(lr(), beta1(), beta2(), eps(), weightDecay(), amsgrad());
    }
}
