package d2l.train;

import java.util.Arrays;

/** Records running times (the book's {@code d2l.Timer}, section {@code sec_minibatch_sgd}). Starts on construction. */
public final class Timer {
    private double[] times = new double[16];
    private int count;
    private long tik;

    public Timer() { start(); }

    public void start() { tik = System.nanoTime(); }

    /** Stops the timer, records the interval and returns it in seconds. */
    public double stop() {
        double seconds = (System.nanoTime() - tik) * 1e-9;
        if (count == times.length) times = Arrays.copyOf(times, 2 * count);
        times[count++] = seconds;
        return seconds;
    }

    public double sum() {
        double s = 0;
        for (int i = 0; i < count; i++) s += times[i];
        return s;
    }

    public double avg() { return count == 0 ? 0 : sum() / count; }

    /** Cumulative sums of the recorded intervals, in seconds. */
    public double[] cumsum() {
        double[] c = Arrays.copyOf(times, count);
        for (int i = 1; i < count; i++) c[i] += c[i - 1];
        return c;
    }

    public double[] times() { return Arrays.copyOf(times, count); }
}
