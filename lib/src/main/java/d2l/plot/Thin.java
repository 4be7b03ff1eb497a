package d2l.plot;

import java.util.Arrays;

/**
 * Thins long lines for drawing only (the data in a {@link Plot} or {@link Animator} stay whole): a
 * line with x increasing keeps, per pixel-wide bucket of x, its first, lowest, highest and last point
 * (the "M4" reduction), which draws the same picture at that width. A 9,000-point loss curve in a
 * 350 px figure becomes at most 1,400 points. A line whose x goes back and forth (a trajectory, such
 * as SGD's 1000 steps in section {@code sec_sgd}) instead drops each point that lies within half a
 * pixel of the last point kept, in both x and y: a run that settles down draws the same picture with
 * far fewer markers.
 */
final class Thin {
    private Thin() { }

    /** {x, y} to draw with about {@code buckets} columns of resolution; the input arrays when nothing is dropped. */
    static double[][] forDrawing(double[] x, double[] y, int buckets) {
        int n = x.length;
        if (!increasing(x)) {
            return dropCoincident(x, y, buckets);
        }
        if (n <= 4 * buckets) {
            return new double[][] {x, y};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double[] ox = new double[n];
        double[] oy = new double[n];
        int m = 0;
        int i = 0;
        while (i < n) {
            if (Double.isNaN(y[i]) || Double.isNaN(x[i])) {
                // Keep one NaN per gap so the line still breaks there.
                if (m > 0 && !Double.isNaN(oy[m - 1])) {
                    ox[m] = x[i];
                    oy[m++] = Double.NaN;
                }
                i++;
                continue;
            }
            int bucket = bucket(x[i], lo, hi, buckets);
            int first = i;
            int min = i;
            int max = i;
            int last = i;
            i++;
            while (i < n && !Double.isNaN(y[i]) && !Double.isNaN(x[i]) && bucket(x[i], lo, hi, buckets) == bucket) {
                if (y[i] < y[min]) {
                    min = i;
                }
                if (y[i] > y[max]) {
                    max = i;
                }
                last = i++;
            }
            int[] keep = {first, Math.min(min, max), Math.max(min, max), last};
            int prev = -1;
            for (int k : keep) {
                if (k != prev) {
                    ox[m] = x[k];
                    oy[m++] = y[k];
                    prev = k;
                }
            }
        }
        return new double[][] {Arrays.copyOf(ox, m), Arrays.copyOf(oy, m)};
    }

    /**
     * Keeps the first and last point, every NaN (a gap) and each point more than half a pixel away from
     * the last point kept in x or in y, a pixel being the data's range over {@code buckets} (the axes
     * span at least the data, so a real pixel is at least as large).
     */
    static double[][] dropCoincident(double[] x, double[] y, int buckets) {
        int n = x.length;
        double tx = range(x) / buckets / 2;
        double ty = range(y) / buckets / 2;
        double[] ox = new double[n];
        double[] oy = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            boolean gap = Double.isNaN(x[i]) || Double.isNaN(y[i]);
            boolean afterGap = m > 0 && (Double.isNaN(ox[m - 1]) || Double.isNaN(oy[m - 1]));
            if (m == 0 || i == n - 1 || gap || afterGap
                    || Math.abs(x[i] - ox[m - 1]) > tx || Math.abs(y[i] - oy[m - 1]) > ty) {
                ox[m] = x[i];
                oy[m++] = y[i];
            }
        }
        return m == n ? new double[][] {x, y} : new double[][] {Arrays.copyOf(ox, m), Arrays.copyOf(oy, m)};
    }

    /** max − min over the finite values; 0 when there are none. */
    private static double range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        return hi > lo ? hi - lo : 0;
    }

    private static int bucket(double v, double lo, double hi, int buckets) {
        return hi > lo ? (int) Math.min(buckets - 1, Math.floor((v - lo) / (hi - lo) * buckets)) : 0;
    }

    /** x never decreases (NaN entries ignored). */
    static boolean increasing(double[] x) {
        double prev = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (v < prev) {
                return false;
            }
            prev = v;
        }
        return true;
    }
}
