package d2l;

import java.util.Random;

/**
 * The library's one random number generator, seeded with a fixed default so that a notebook run top
 * to bottom prints the same numbers every time (the book's {@code torch.manual_seed}).
 */
public final class Rand {
    public static final long DEFAULT_SEED = 42L;
    private static final Random RNG = new Random(DEFAULT_SEED);

    private Rand() {}

    /** Restarts the shared generator from {@code seed}. */
    public static void manualSeed(long seed) { RNG.setSeed(seed); }

    /** The shared generator (weights, shuffling). */
    public static Random generator() { return RNG; }

    /** A sample of N(mean, std²). */
    public static double normal(double mean, double std) { return mean + std * RNG.nextGaussian(); }

    /** A sample of U(lo, hi). */
    public static double uniform(double lo, double hi) { return lo + (hi - lo) * RNG.nextDouble(); }
}
