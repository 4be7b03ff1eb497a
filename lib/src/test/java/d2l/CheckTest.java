package d2l;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CheckTest {
    @Test
    void thatPassesSilentlyAndFailsWithTheSentence() {
        assertDoesNotThrow(() -> Check.that(true, "never shown"));
        AssertionError e = assertThrows(AssertionError.class,
                () -> Check.that(false, "  The best learning rate should be 0.01.  "));
        assertEquals("The best learning rate should be 0.01.", e.getMessage());
    }

    @Test
    void thatFormatsTheLearnersValues() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Check.that(false, "You found %d learning rates; the sweep has %d.", 3, 5));
        assertEquals("You found 3 learning rates; the sweep has 5.", e.getMessage());
        // Locale.ROOT: a decimal point whatever the JVM's locale.
        AssertionError d = assertThrows(AssertionError.class, () -> Check.that(false, "x is %.3f.", 0.5));
        assertEquals("x is 0.500.", d.getMessage());
    }

    @Test
    void aCheckMustExplainItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Check.that(true, " "));
        assertTrue(e.getMessage().contains("needs a sentence"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Check.that(true, (String) null));
        assertThrows(IllegalArgumentException.class, () -> Check.near(1, 1, 0, ""));
    }

    @Test
    void nearShowsExpectedToleranceAndActual() {
        assertDoesNotThrow(() -> Check.near(0.2431, 0.243, 0.005, "the loss"));
        assertDoesNotThrow(() -> Check.near(1.5, 1.0, 0.5, "x"));   // the edge counts (exact in binary)
        AssertionError e = assertThrows(AssertionError.class,
                () -> Check.near(0.34712345, 0.243, 0.005, "the loss after two epochs"));
        assertEquals("The loss after two epochs should be 0.243 ± 0.005, but it is 0.347123.", e.getMessage());
        AssertionError small = assertThrows(AssertionError.class, () -> Check.near(1e-7, 0, 1e-9, "the gradient"));
        assertEquals("The gradient should be 0 ± 1e-09, but it is 1e-07.", small.getMessage());
    }

    @Test
    void nearShowsAllDigitsWhenSixWouldLookEqual() {
        AssertionError e = assertThrows(AssertionError.class, () -> Check.near(0.3000001, 0.3, 1e-9, "x"));
        assertEquals("x should be 0.3 ± 1e-09, but it is 0.3000001.", e.getMessage());
    }

    @Test
    void descriptionsThatStartWithCodeKeepTheirCase() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Check.near(0.15, 0.155, 1e-12, "polyScheduler(20, 0.3, 0.01, 1).lr(10), halfway"));
        assertEquals("polyScheduler(20, 0.3, 0.01, 1).lr(10), halfway should be 0.155 ± 1e-12, but it is 0.15.",
                     e.getMessage());
        AssertionError named = assertThrows(AssertionError.class, () -> Check.between(2, 0, 1, "bestLr of the sweep"));
        assertEquals("bestLr of the sweep should lie between 0 and 1, but it is 2.", named.getMessage());
    }

    @Test
    void nearFailsOnNonFiniteResultsAndRejectsBadTolerances() {
        AssertionError nan = assertThrows(AssertionError.class, () -> Check.near(Double.NaN, 1, 10, "the loss"));
        assertEquals("The loss should be 1 ± 10, but it is NaN.", nan.getMessage());
        AssertionError inf = assertThrows(AssertionError.class,
                () -> Check.near(Double.POSITIVE_INFINITY, 1, 10, "the loss"));
        assertTrue(inf.getMessage().endsWith("but it is infinity."), inf.getMessage());
        IllegalArgumentException tol = assertThrows(IllegalArgumentException.class, () -> Check.near(1, 1, -1, "x"));
        assertEquals("Check.near: the tolerance is -1.0; give a finite number >= 0", tol.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Check.near(1, 1, Double.NaN, "x"));
        assertThrows(IllegalArgumentException.class, () -> Check.near(1, Double.NaN, 1, "x"));
    }

    @Test
    void betweenIncludesItsEnds() {
        assertDoesNotThrow(() -> Check.between(0.238, 0.238, 0.25, "the loss"));
        assertDoesNotThrow(() -> Check.between(0.25, 0.238, 0.25, "the loss"));
        AssertionError e = assertThrows(AssertionError.class, () -> Check.between(0.2501, 0.238, 0.25, "the loss"));
        assertEquals("The loss should lie between 0.238 and 0.25, but it is 0.2501.", e.getMessage());
        assertThrows(AssertionError.class, () -> Check.between(Double.NaN, 0, 1, "the loss"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Check.between(1, 2, 1, "x"));
        assertTrue(bad.getMessage().contains("[2.0, 1.0] is empty"), bad.getMessage());
    }
}
