package d2l;

import java.util.Locale;

/**
 * Assertions for the graded check cells of the exercises (nbgrader's "autograder tests"). A check
 * passes silently; a failed one throws an {@link AssertionError} whose message is one sentence that
 * tells the learner what was expected, e.g.
 *
 * <pre>{@code
 * Check.that(bestLr < 0.03, "The best learning rate should be below 0.03: larger ones hover above the minimum.");
 * Check.near(finalLoss, 0.243, 0.005, "the loss after two epochs");
 * // AssertionError: the loss after two epochs should be 0.243 ± 0.005, but it is 0.3471.
 * }</pre>
 *
 * Check cells run after the learner's solution cell and read the variables it defines, so write the
 * sentence for the learner, not for a developer: what should hold, and (for numbers) what was found.
 */
public final class Check {
    private Check() {}

    /**
     * Passes when {@code ok}; otherwise throws {@code AssertionError(sentence)}.
     *
     * @param ok       the condition the learner's result must meet
     * @param sentence one readable sentence that says what should hold
     * @throws IllegalArgumentException if {@code sentence} is null or blank (a check must explain itself)
     */
    public static void that(boolean ok, String sentence) {
        requireSentence(sentence);
        if (!ok) throw new AssertionError(sentence.strip());
    }

    /**
     * Like {@link #that(boolean, String)} with the sentence built by
     * {@code String.format(Locale.ROOT, format, args)}, so it can show the learner's values.
     */
    public static void that(boolean ok, String format, Object... args) {
        requireSentence(format);
        if (!ok) throw new AssertionError(String.format(Locale.ROOT, format, args).strip());
    }

    /**
     * Passes when {@code |actual - expected| <= tol}; otherwise the sentence is
     * "{what} should be {expected} ± {tol}, but it is {actual}." A NaN or infinite {@code actual}
     * always fails.
     *
     * @param what a noun phrase naming the quantity, e.g. "the loss after two epochs"
     * @throws IllegalArgumentException if {@code tol} is negative or not finite, {@code expected} is
     *                                  not finite, or {@code what} is blank
     */
    public static void near(double actual, double expected, double tol, String what) {
        requireSentence(what);
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("Check.near: the tolerance is " + tol + "; give a finite number >= 0");
        }
        if (!Double.isFinite(expected)) {
            throw new IllegalArgumentException("Check.near: the expected value is " + expected + "; give a finite number");
        }
        if (Double.isFinite(actual) && Math.abs(actual - expected) <= tol) return;
        String[] shown = show(actual, expected);
        throw new AssertionError(capitalize(what.strip()) + " should be " + shown[1] + " ± " + format(tol)
                + ", but it is " + shown[0] + ".");
    }

    /**
     * Passes when {@code low <= actual <= high}; otherwise the sentence is
     * "{what} should lie between {low} and {high}, but it is {actual}."
     *
     * @throws IllegalArgumentException if {@code low > high}, either bound is NaN, or {@code what} is blank
     */
    public static void between(double actual, double low, double high, String what) {
        requireSentence(what);
        if (!(low <= high)) {
            throw new IllegalArgumentException("Check.between: the range [" + low + ", " + high
                    + "] is empty; give low <= high");
        }
        if (actual >= low && actual <= high) return;
        throw new AssertionError(capitalize(what.strip()) + " should lie between " + format(low) + " and "
                + format(high) + ", but it is " + format(actual) + ".");
    }

    private static void requireSentence(String sentence) {
        if (sentence == null || sentence.isBlank()) {
            throw new IllegalArgumentException("a check needs a sentence that tells the learner what should hold; got "
                    + (sentence == null ? "null" : "\"" + sentence + "\""));
        }
    }

    /**
     * Capitalizes a description that starts with a plain word ("the loss" → "The loss") and leaves one
     * that starts with code as written: a single name ({@code x}) or a word that is not all lower-case
     * letters ({@code bestLr}, {@code polyScheduler(20, 0.3, 0.01, 1).lr(10)}).
     */
    private static String capitalize(String s) {
        int space = s.indexOf(' ');
        if (space < 0 || !s.substring(0, space).chars().allMatch(Character::isLowerCase)) return s;
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Six significant digits without trailing zeros: 0.243, 1e-06, 1500. */
    static String format(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "infinity" : "-infinity";
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        String s = String.format(Locale.ROOT, "%.6g", x);
        String mantissa = s, exponent = "";
        int e = s.indexOf('e');
        if (e >= 0) {
            mantissa = s.substring(0, e);
            exponent = s.substring(e);
        }
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + exponent;
    }

    /** {actual, expected} as text; with all digits when six would make different numbers look equal. */
    private static String[] show(double actual, double expected) {
        String a = format(actual), e = format(expected);
        if (a.equals(e)) return new String[] {Double.toString(actual), Double.toString(expected)};
        return new String[] {a, e};
    }
}
