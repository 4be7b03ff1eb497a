package d2l.optim.lr;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The book's schedules (section sec_scheduler) on values worked out by hand. */
class LrSchedulerTest {

    @Test
    void squareRootHalvesWhenTheStepCountQuadruples() {
        SquareRootScheduler s = new SquareRootScheduler(0.1);
        assertEquals(0.1, s.lr(0), 1e-17);          // 0.1 · 1^(−1/2)
        assertEquals(0.05, s.lr(3), 1e-17);         // 0.1 · 4^(−1/2)
        assertEquals(0.025, s.lr(15), 1e-17);       // 0.1 · 16^(−1/2)
        assertEquals(0.1 / 3, s.lr(8), 1e-17);      // 0.1 · 9^(−1/2)
        assertEquals(0.1, new SquareRootScheduler().lr(0), 0, "the book's default lr is 0.1");
    }

    @Test
    void factorMultipliesFromTheFirstCallAndStopsAtTheFloor() {
        // The book's demo: FactorScheduler(factor=0.9, stop_factor_lr=1e-2, base_lr=2.0).
        FactorScheduler s = new FactorScheduler(0.9, 1e-2, 2.0);
        assertEquals(1.8, s.lr(0), 1e-15);
        assertEquals(1.62, s.lr(1), 1e-15);
        assertEquals(2 * Math.pow(0.9, 50), s.lr(49), 1e-15); // 0.0103..., still above the floor
        assertEquals(0.01, s.lr(50), 0);                       // 2 · 0.9^51 = 0.00928 < 0.01
        assertEquals(0.01, s.lr(500), 0);
        // Any order of calls gives the values of the in-order sequence, to the bit.
        double inOrder = new FactorScheduler(0.9, 1e-2, 2.0).lr(7);
        assertEquals(inOrder, s.lr(7), 0);
        assertEquals(s.lr(3), new FactorScheduler(0.9, 1e-2, 2.0).lr(3), 0);
    }

    @Test
    void multiFactorDropsAtEachMilestone() {
        // The book's demo: step=[15, 30], factor=0.5, base_lr=0.5.
        MultiFactorScheduler s = new MultiFactorScheduler(0.5, new int[] {15, 30}, 0.5);
        assertEquals(0.5, s.lr(0), 0);
        assertEquals(0.5, s.lr(14), 0);
        assertEquals(0.25, s.lr(15), 0);
        assertEquals(0.25, s.lr(29), 0);
        assertEquals(0.125, s.lr(30), 0);
        assertEquals(0.125, s.lr(1000), 0);
    }

    @Test
    void cosineGoesFromBaseToFinalAndStaysThere() {
        // The book's demo: CosineScheduler(max_update=20, base_lr=0.3, final_lr=0.01).
        CosineScheduler s = new CosineScheduler(20, 0.3, 0.01);
        assertEquals(0.3, s.lr(0), 1e-16);
        assertEquals(0.155, s.lr(10), 1e-16);   // halfway: 0.01 + 0.29 · (1 + cos(π/2)) / 2
        assertEquals(0.01, s.lr(20), 1e-16);
        assertEquals(0.01, s.lr(21), 0);
        assertEquals(0.01, s.lr(100), 0);
    }

    @Test
    void cosineWarmsUpLinearlyFirst() {
        // The book's demo: CosineScheduler(20, warmup_steps=5, base_lr=0.3, final_lr=0.01).
        CosineScheduler s = new CosineScheduler(20, 0.3, 0.01, 5, 0);
        assertEquals(0.0, s.lr(0), 0);
        assertEquals(0.06, s.lr(1), 1e-16);
        assertEquals(0.24, s.lr(4), 1e-16);
        assertEquals(0.3, s.lr(5), 1e-16);      // the cosine starts at the base rate
        assertEquals(0.2275, s.lr(10), 1e-16);  // 0.01 + 0.29 · (1 + cos(π/3)) / 2
        assertEquals(0.01, s.lr(20), 1e-16);
        assertEquals(0.1 + 0.2 * 2 / 4, new CosineScheduler(10, 0.3, 0, 4, 0.1).lr(2), 1e-16);
    }

    @Test
    void aScheduleGivingABadRateNamesTheStepAndTheValue() {
        LrScheduler blowsUp = t -> 0.1 / (t - 3);
        assertEquals(0.1, blowsUp.checkedLr(4), 1e-17);
        assertThrows(IllegalStateException.class, () -> blowsUp.checkedLr(1), "-0.05 is negative");
        var e = assertThrows(IllegalStateException.class, () -> blowsUp.checkedLr(3));
        assertTrue(e.getMessage().contains("lr = Infinity at step 3"), e.getMessage());
        LrScheduler linear = t -> 0.1 - 0.05 * t;
        assertEquals(0.0, linear.checkedLr(2), 1e-17, "0 is a valid rate (warm-up starts there)");
        e = assertThrows(IllegalStateException.class, () -> linear.checkedLr(3));
        assertTrue(e.getMessage().contains("at step 3") && e.getMessage().contains("-0.05"), e.getMessage());
        LrScheduler nan = t -> Math.sqrt(t - 5.0);
        e = assertThrows(IllegalStateException.class, () -> nan.lrs(10));
        assertTrue(e.getMessage().contains("lr = NaN at step 0"), e.getMessage());
        assertArrayEquals(new double[] {0.1, 0.05}, linear.lrs(2), 1e-17);
    }

    @Test
    void aNamedScheduleIsNamedInTheError() {
        LrScheduler negative = new LrScheduler() {
            @Override public double lr(int step) { return -1; }
            @Override public String toString() { return "Negative()"; }
        };
        var e = assertThrows(IllegalStateException.class, () -> negative.checkedLr(4));
        assertEquals("learning-rate schedule Negative() gave lr = -1.0 at step 4; a learning rate must be a finite number >= 0",
                e.getMessage());
    }

    @Test
    void badArgumentsNameTheValue() {
        assertMessage("lr must be a finite number >= 0, got -0.1", () -> new SquareRootScheduler(-0.1));
        assertMessage("factor must be a finite number > 0, got 0.0", () -> new FactorScheduler(0, 1e-7, 0.1));
        assertMessage("baseLr must be a finite number >= 0, got NaN", () -> new FactorScheduler(0.9, 1e-7, Double.NaN));
        assertMessage("milestones must be >= 0 and strictly increasing, got [30, 15]",
                () -> new MultiFactorScheduler(0.5, new int[] {30, 15}, 0.5));
        assertMessage("milestones must be >= 0 and strictly increasing, got [15, 15]",
                () -> new MultiFactorScheduler(0.5, new int[] {15, 15}, 0.5));
        assertMessage("gamma must be a finite number > 0, got -0.5", () -> new MultiFactorScheduler(0.5, new int[] {1}, -0.5));
        assertMessage("maxUpdate must be > warmupSteps, got maxUpdate=5, warmupSteps=5",
                () -> new CosineScheduler(5, 0.3, 0.01, 5, 0));
        assertMessage("warmupSteps must be >= 0, got -1", () -> new CosineScheduler(5, 0.3, 0.01, -1, 0));
        assertMessage("finalLr must be a finite number >= 0, got Infinity",
                () -> new CosineScheduler(5, 0.3, Double.POSITIVE_INFINITY));
        assertMessage("step must be >= 0, got -1", () -> new CosineScheduler(5, 0.3, 0.01).lr(-1));
        assertMessage("step must be >= 0, got -2", () -> new FactorScheduler(0.9, 0, 1).lr(-2));
        assertMessage("steps must be >= 1, got 0", () -> new SquareRootScheduler().lrs(0));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        var e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
