package d2l.optim.lr;

/** Argument checks the schedulers share. */
final class Schedules {
    private Schedules() {}

    /** A learning rate given to a constructor: finite and ≥ 0. */
    static double rate(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
        return v;
    }

    static int step(int step) {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
        return step;
    }
}
