package d2l.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Yogi's vectorizable sign must be bit-for-bit Math.signum, so the update rule is unchanged. */
class YogiSignTest {
    private static void same(double d) {
        assertEquals(Double.doubleToLongBits(Math.signum(d)), Double.doubleToLongBits(Yogi.sign(d)), "sign(" + d + ")");
    }

    @Test
    void edgeCases() {
        for (double d : new double[] {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-320, -1e-310,
                1, -1, 0.5, -3, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            same(d);
        }
        assertTrue(Double.isNaN(Yogi.sign(Double.NaN)));
    }

    @Test
    void randomBitPatterns() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            double d = Double.longBitsToDouble(rng.nextLong());
            if (Double.isNaN(d)) assertTrue(Double.isNaN(Yogi.sign(d)));
            else same(d);
        }
    }
}
