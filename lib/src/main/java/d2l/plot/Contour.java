package d2l.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

/**
 * Contour lines of {@code f} over a box, by marching squares on a regular grid, with the segments
 * joined into polylines (one SVG path per level).
 *
 * <p>Why our own: JFreeChart has only filled "contour" blocks (XYBlockRenderer, a heat map), no
 * iso-lines, and no kept Java library on Maven Central draws contour lines into a Graphics2D
 * (the candidates are GUI toolkits or unmaintained). Marching squares is about a hundred lines; the
 * lines it produces are then drawn by JFreeChart like any other series.
 *
 * <p>Levels default to matplotlib's choice for {@code contour}: a {@code MaxNLocator(8)} over the
 * range of f (steps 1, 2, 2.5, 5, 10 times a power of ten), keeping the levels strictly inside it.
 */
final class Contour {

    /** Grid points per axis (the book uses a 0.1 grid, 65 x 40 points, on its box). */
    static final int GRID = 64;

    private Contour() { }

    /**
     * @param lines per level, the x and y coordinates of its polylines, separated by NaN
     * @param nonFinite number of grid points where f was NaN or infinite (cells touching them are skipped)
     */
    record Result(double[] levels, List<double[][]> lines, int nonFinite, int gridPoints) { }

    static Result compute(DoubleBinaryOperator f, double xlo, double xhi, double ylo, double yhi, double[] levels) {
        int nx = GRID;
        int ny = GRID;
        double[] xs = new double[nx];
        double[] ys = new double[ny];
        for (int i = 0; i < nx; i++) {
            xs[i] = xlo + (xhi - xlo) * i / (nx - 1);
        }
        for (int j = 0; j < ny; j++) {
            ys[j] = ylo + (yhi - ylo) * j / (ny - 1);
        }
        double[][] z = new double[ny][nx];
        int bad = 0;
        double zmin = Double.POSITIVE_INFINITY;
        double zmax = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double v = f.applyAsDouble(xs[i], ys[j]);
                if (Double.isFinite(v)) {
                    z[j][i] = v;
                    zmin = Math.min(zmin, v);
                    zmax = Math.max(zmax, v);
                } else {
                    z[j][i] = Double.NaN;
                    bad++;
                }
            }
        }
        double[] lv = levels != null ? levels.clone()
                : (bad == nx * ny ? new double[0] : autoLevels(zmin, zmax));
        List<double[][]> lines = new ArrayList<>(lv.length);
        for (double level : lv) {
            lines.add(trace(z, xs, ys, level));
        }
        return new Result(lv, lines, bad, nx * ny);
    }

    /** matplotlib's default levels for line contours (MaxNLocator(8), levels strictly inside (zmin, zmax)). */
    static double[] autoLevels(double zmin, double zmax) {
        if (!(zmax > zmin)) {
            return new double[] {zmin};
        }
        int nbins = 8;
        double[] steps = {1, 2, 2.5, 5, 10};
        double raw = (zmax - zmin) / nbins;
        double scale = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * scale;
        for (double s : steps) {
            if (s * scale >= raw * (1 - 1e-12)) {
                step = s * scale;
                break;
            }
        }
        List<Double> out = new ArrayList<>();
        for (long k = (long) Math.floor(zmin / step); k * step <= zmax; k++) {
            double v = k * step;
            if (v > zmin && v < zmax) {
                out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
            }
        }
        if (out.isEmpty()) {
            out.add((zmin + zmax) / 2);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Marching squares for one level: polylines as {x[], y[]}, pieces separated by NaN. */
    static double[][] trace(double[][] z, double[] xs, double[] ys, double level) {
        int nx = xs.length;
        int ny = ys.length;
        int horizontal = (nx - 1) * ny;
        // Crossing point of each grid edge, keyed by edge id; segments join at shared edges.
        Map<Integer, double[]> points = new HashMap<>();
        Map<Integer, List<int[]>> byEdge = new HashMap<>();
        List<int[]> segments = new ArrayList<>();
        for (int j = 0; j < ny - 1; j++) {
            for (int i = 0; i < nx - 1; i++) {
                double bl = z[j][i];
                double br = z[j][i + 1];
                double tr = z[j + 1][i + 1];
                double tl = z[j + 1][i];
                if (Double.isNaN(bl) || Double.isNaN(br) || Double.isNaN(tr) || Double.isNaN(tl)) {
                    continue; // the rest of the grid is still drawn; the caller reports the count
                }
                int bottom = j * (nx - 1) + i;
                int top = (j + 1) * (nx - 1) + i;
                int left = horizontal + j * nx + i;
                int right = horizontal + j * nx + i + 1;
                boolean a = bl >= level;
                boolean b = br >= level;
                boolean c = tr >= level;
                boolean d = tl >= level;
                List<Integer> crossed = new ArrayList<>(4);
                if (a != b) {
                    crossed.add(bottom);
                    putPoint(points, bottom, xs[i], ys[j], bl, xs[i + 1], ys[j], br, level);
                }
                if (b != c) {
                    crossed.add(right);
                    putPoint(points, right, xs[i + 1], ys[j], br, xs[i + 1], ys[j + 1], tr, level);
                }
                if (c != d) {
                    crossed.add(top);
                    putPoint(points, top, xs[i + 1], ys[j + 1], tr, xs[i], ys[j + 1], tl, level);
                }
                if (d != a) {
                    crossed.add(left);
                    putPoint(points, left, xs[i], ys[j + 1], tl, xs[i], ys[j], bl, level);
                }
                if (crossed.size() == 2) {
                    segments.add(new int[] {crossed.get(0), crossed.get(1)});
                } else if (crossed.size() == 4) {
                    // Saddle: the centre decides which pair of corners the line cuts off.
                    boolean centre = (bl + br + tr + tl) / 4 >= level;
                    if (a != centre) { // bl and tr differ from the centre: cut them off
                        segments.add(new int[] {left, bottom});
                        segments.add(new int[] {right, top});
                    } else {
                        segments.add(new int[] {bottom, right});
                        segments.add(new int[] {top, left});
                    }
                }
            }
        }
        for (int[] s : segments) {
            byEdge.computeIfAbsent(s[0], k -> new ArrayList<>(2)).add(s);
            byEdge.computeIfAbsent(s[1], k -> new ArrayList<>(2)).add(s);
        }
        // Walk chains: open ones from their ends first, then closed loops.
        boolean[] used = new boolean[segments.size()];
        Map<int[], Integer> index = new java.util.IdentityHashMap<>();
        for (int k = 0; k < segments.size(); k++) {
            index.put(segments.get(k), k);
        }
        double[] x = new double[segments.size() * 2 + 16];
        double[] y = new double[x.length];
        int n = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < segments.size(); k++) {
                if (used[k]) {
                    continue;
                }
                int[] s = segments.get(k);
                int start;
                if (pass == 0) {
                    if (byEdge.get(s[0]).size() == 1) {
                        start = s[0];
                    } else if (byEdge.get(s[1]).size() == 1) {
                        start = s[1];
                    } else {
                        continue;
                    }
                } else {
                    start = s[0];
                }
                if (n + segments.size() + 2 >= x.length) {
                    x = Arrays.copyOf(x, 2 * x.length + segments.size());
                    y = Arrays.copyOf(y, x.length);
                }
                if (n > 0) {
                    x[n] = Double.NaN;
                    y[n++] = Double.NaN;
                }
                double[] p = points.get(start);
                x[n] = p[0];
                y[n++] = p[1];
                int edge = start;
                int[] seg = s;
                while (seg != null) {
                    used[index.get(seg)] = true;
                    edge = seg[0] == edge ? seg[1] : seg[0];
                    p = points.get(edge);
                    if (n >= x.length) {
                        x = Arrays.copyOf(x, 2 * x.length);
                        y = Arrays.copyOf(y, x.length);
                    }
                    x[n] = p[0];
                    y[n++] = p[1];
                    int[] next = null;
                    for (int[] t : byEdge.get(edge)) {
                        if (!used[index.get(t)]) {
                            next = t;
                            break;
                        }
                    }
                    seg = next;
                }
            }
        }
        return new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
    }

    private static void putPoint(Map<Integer, double[]> points, int edge, double x0, double y0, double v0,
                                 double x1, double y1, double v1, double level) {
        if (!points.containsKey(edge)) {
            points.put(edge, at(x0, y0, v0, x1, y1, v1, level));
        }
    }

    private static double[] at(double x0, double y0, double v0, double x1, double y1, double v1, double level) {
        double t = (level - v0) / (v1 - v0);
        return new double[] {x0 + t * (x1 - x0), y0 + t * (y1 - y0)};
    }
}
