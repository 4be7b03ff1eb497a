package d2l.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * SVG path data held as absolute segments in hundredths of a user unit, for {@link SvgCompact}: parse
 * any path data without arcs, move it, merge it, drop points that lie within a tolerance of the line
 * through their neighbours (Douglas–Peucker) and write the shortest text that draws the same points.
 *
 * <p>Relative coordinates are taken between the rounded absolute points, so rounding never
 * accumulates along a path: every written point is the rounded input point.
 */
final class SvgPath {

    /** One segment: M, L, C, Q (absolute; {@code c} holds x, y pairs in hundredths, end point last) or Z. */
    record Seg(char cmd, long[] c) {
        long endX() {
            return c[c.length - 2];
        }

        long endY() {
            return c[c.length - 1];
        }
    }

    final List<Seg> segs;

    private SvgPath(List<Seg> segs) {
        this.segs = segs;
    }

    /** Parses path data; returns null for data this class does not handle (arcs, bad syntax). */
    static SvgPath parse(String d) {
        List<Seg> out = new ArrayList<>();
        Lexer lx = new Lexer(d);
        char cmd = 0;
        long cx = 0;
        long cy = 0;
        long sx = 0;
        long sy = 0;
        long[] lastCtrl = null; // for S and T
        char lastCmd = 0;
        while (true) {
            lx.skipSeparators();
            if (lx.done()) {
                break;
            }
            char ch = lx.peek();
            if (Character.isLetter(ch)) {
                cmd = ch;
                lx.pos++;
                if (cmd == 'Z' || cmd == 'z') {
                    out.add(new Seg('Z', new long[0]));
                    cx = sx;
                    cy = sy;
                    lastCmd = 'Z';
                    lastCtrl = null;
                    continue;
                }
            } else if (cmd == 0 || cmd == 'Z' || cmd == 'z') {
                return null;
            }
            boolean rel = Character.isLowerCase(cmd);
            long ox = rel ? cx : 0;
            long oy = rel ? cy : 0;
            switch (Character.toUpperCase(cmd)) {
                case 'M' -> {
                    long x = ox + lx.num();
                    long y = oy + lx.num();
                    out.add(new Seg('M', new long[] {x, y}));
                    cx = sx = x;
                    cy = sy = y;
                    cmd = rel ? 'l' : 'L'; // further pairs are line-tos
                    lastCmd = 'M';
                    lastCtrl = null;
                }
                case 'L' -> {
                    cx = ox + lx.num();
                    cy = oy + lx.num();
                    out.add(new Seg('L', new long[] {cx, cy}));
                    lastCmd = 'L';
                    lastCtrl = null;
                }
                case 'H' -> {
                    cx = ox + lx.num();
                    out.add(new Seg('L', new long[] {cx, cy}));
                    lastCmd = 'L';
                    lastCtrl = null;
                }
                case 'V' -> {
                    cy = (rel ? cy : 0) + lx.num();
                    out.add(new Seg('L', new long[] {cx, cy}));
                    lastCmd = 'L';
                    lastCtrl = null;
                }
                case 'C', 'S' -> {
                    long x1;
                    long y1;
                    if (Character.toUpperCase(cmd) == 'S') {
                        x1 = lastCmd == 'C' && lastCtrl != null ? 2 * cx - lastCtrl[0] : cx;
                        y1 = lastCmd == 'C' && lastCtrl != null ? 2 * cy - lastCtrl[1] : cy;
                    } else {
                        x1 = ox + lx.num();
                        y1 = oy + lx.num();
                    }
                    long x2 = ox + lx.num();
                    long y2 = oy + lx.num();
                    cx = ox + lx.num();
                    cy = oy + lx.num();
                    out.add(new Seg('C', new long[] {x1, y1, x2, y2, cx, cy}));
                    lastCtrl = new long[] {x2, y2};
                    lastCmd = 'C';
                }
                case 'Q', 'T' -> {
                    long x1;
                    long y1;
                    if (Character.toUpperCase(cmd) == 'T') {
                        x1 = lastCmd == 'Q' && lastCtrl != null ? 2 * cx - lastCtrl[0] : cx;
                        y1 = lastCmd == 'Q' && lastCtrl != null ? 2 * cy - lastCtrl[1] : cy;
                    } else {
                        x1 = ox + lx.num();
                        y1 = oy + lx.num();
                    }
                    cx = ox + lx.num();
                    cy = oy + lx.num();
                    out.add(new Seg('Q', new long[] {x1, y1, cx, cy}));
                    lastCtrl = new long[] {x1, y1};
                    lastCmd = 'Q';
                }
                default -> {
                    return null;
                }
            }
            if (lx.failed) {
                return null;
            }
        }
        if (out.isEmpty() || out.get(0).cmd != 'M') {
            return null;
        }
        return new SvgPath(out);
    }

    static SvgPath of(List<Seg> segs) {
        return new SvgPath(segs);
    }

    /** A straight line, as {@code <line>} draws it. */
    static SvgPath line(long x1, long y1, long x2, long y2) {
        List<Seg> s = new ArrayList<>();
        s.add(new Seg('M', new long[] {x1, y1}));
        s.add(new Seg('L', new long[] {x2, y2}));
        return new SvgPath(s);
    }

    SvgPath translate(long dx, long dy) {
        List<Seg> out = new ArrayList<>(segs.size());
        for (Seg s : segs) {
            long[] c = s.c.clone();
            for (int i = 0; i < c.length; i += 2) {
                c[i] += dx;
                c[i + 1] += dy;
            }
            out.add(new Seg(s.cmd, c));
        }
        return new SvgPath(out);
    }

    SvgPath append(SvgPath other) {
        List<Seg> out = new ArrayList<>(segs);
        out.addAll(other.segs);
        return new SvgPath(out);
    }

    /**
     * Drops the inner points of each run of line segments that lie within {@code tol} hundredths of the
     * simplified line (Douglas–Peucker, distances to segments). Ends of runs, curves and moves stay.
     */
    SvgPath simplify(long tol) {
        List<Seg> out = new ArrayList<>(segs.size());
        int i = 0;
        while (i < segs.size()) {
            Seg s = segs.get(i);
            if (s.cmd != 'L' || out.isEmpty() || out.get(out.size() - 1).cmd == 'Z') {
                out.add(s);
                i++;
                continue;
            }
            int j = i;
            while (j < segs.size() && segs.get(j).cmd == 'L') {
                j++;
            }
            // Points: the current point, then the run's end points.
            Seg prev = out.get(out.size() - 1);
            int n = j - i + 1;
            long[] xs = new long[n];
            long[] ys = new long[n];
            xs[0] = prev.endX();
            ys[0] = prev.endY();
            for (int k = i; k < j; k++) {
                xs[k - i + 1] = segs.get(k).endX();
                ys[k - i + 1] = segs.get(k).endY();
            }
            boolean[] keep = douglasPeucker(xs, ys, tol);
            for (int k = 1; k < n; k++) {
                if (keep[k]) {
                    out.add(segs.get(i + k - 1));
                }
            }
            i = j;
        }
        return new SvgPath(out);
    }

    private static boolean[] douglasPeucker(long[] xs, long[] ys, long tol) {
        int n = xs.length;
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[n - 1] = true;
        if (n < 3) {
            java.util.Arrays.fill(keep, true);
            return keep;
        }
        double tol2 = (double) tol * tol;
        int[] stack = new int[2 * n];
        int sp = 0;
        stack[sp++] = 0;
        stack[sp++] = n - 1;
        while (sp > 0) {
            int b = stack[--sp];
            int a = stack[--sp];
            double worst = -1;
            int at = -1;
            for (int k = a + 1; k < b; k++) {
                double d = segDist2(xs[k], ys[k], xs[a], ys[a], xs[b], ys[b]);
                if (d > worst) {
                    worst = d;
                    at = k;
                }
            }
            if (at >= 0 && worst > tol2) {
                keep[at] = true;
                stack[sp++] = a;
                stack[sp++] = at;
                stack[sp++] = at;
                stack[sp++] = b;
            }
        }
        return keep;
    }

    private static double segDist2(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        double qx = ax + t * dx - px;
        double qy = ay + t * dy - py;
        return qx * qx + qy * qy;
    }

    /**
     * Twice the signed area of each subpath (its end and control points as a polygon): the sign is the
     * winding direction, zero means it encloses nothing.
     */
    List<Long> signedAreas() {
        List<Long> out = new ArrayList<>();
        List<long[]> pts = new ArrayList<>();
        for (Seg s : segs) {
            if (s.cmd == 'M' && !pts.isEmpty()) {
                out.add(area(pts));
                pts.clear();
            }
            for (int i = 0; i < s.c.length; i += 2) {
                pts.add(new long[] {s.c[i], s.c[i + 1]});
            }
        }
        if (!pts.isEmpty()) {
            out.add(area(pts));
        }
        return out;
    }

    private static long area(List<long[]> pts) {
        long a = 0;
        for (int i = 0; i < pts.size(); i++) {
            long[] p = pts.get(i);
            long[] q = pts.get((i + 1) % pts.size());
            a += p[0] * q[1] - q[0] * p[1];
        }
        return a;
    }

    /** Whether some subpath has two or more segments after its move (so stroke joins occur). */
    boolean hasJoins() {
        int run = 0;
        for (Seg s : segs) {
            if (s.cmd == 'M') {
                run = 0;
            } else {
                run++;
                if (run >= 2) {
                    return true;
                }
            }
        }
        return false;
    }

    int subpaths() {
        int n = 0;
        for (Seg s : segs) {
            if (s.cmd == 'M') {
                n++;
            }
        }
        return n;
    }

    /** The shortest path data this writer knows for the same points (relative or absolute per segment). */
    String encode() {
        Writer w = new Writer();
        long cx = 0;
        long cy = 0;
        long sx = 0;
        long sy = 0;
        long[] lastCtrl = null;
        char lastKind = 0;
        for (Seg s : segs) {
            long[] c = s.c;
            switch (s.cmd) {
                case 'M' -> {
                    w.choose(new Cand('M', c[0], c[1]), w.len() == 0 ? null : new Cand('m', c[0] - cx, c[1] - cy));
                    cx = sx = c[0];
                    cy = sy = c[1];
                    lastCtrl = null;
                }
                case 'L' -> {
                    long x = c[0];
                    long y = c[1];
                    if (y == cy && x != cx) {
                        w.choose(new Cand('H', x), new Cand('h', x - cx));
                    } else if (x == cx && y != cy) {
                        w.choose(new Cand('V', y), new Cand('v', y - cy));
                    } else {
                        w.choose(new Cand('L', x, y), new Cand('l', x - cx, y - cy));
                    }
                    cx = x;
                    cy = y;
                    lastCtrl = null;
                }
                case 'C' -> {
                    boolean smooth = lastKind == 'C' && lastCtrl != null
                            && c[0] == 2 * cx - lastCtrl[0] && c[1] == 2 * cy - lastCtrl[1];
                    if (smooth) {
                        w.choose(new Cand('S', c[2], c[3], c[4], c[5]),
                                new Cand('s', c[2] - cx, c[3] - cy, c[4] - cx, c[5] - cy));
                    } else {
                        w.choose(new Cand('C', c[0], c[1], c[2], c[3], c[4], c[5]),
                                new Cand('c', c[0] - cx, c[1] - cy, c[2] - cx, c[3] - cy, c[4] - cx, c[5] - cy));
                    }
                    lastCtrl = new long[] {c[2], c[3]};
                    cx = c[4];
                    cy = c[5];
                }
                case 'Q' -> {
                    w.choose(new Cand('Q', c[0], c[1], c[2], c[3]),
                            new Cand('q', c[0] - cx, c[1] - cy, c[2] - cx, c[3] - cy));
                    lastCtrl = null;
                    cx = c[2];
                    cy = c[3];
                }
                default -> { // Z
                    w.choose(new Cand('z'), null);
                    cx = sx;
                    cy = sy;
                    lastCtrl = null;
                }
            }
            lastKind = s.cmd;
        }
        return w.sb.toString();
    }

    private record Cand(char letter, long... nums) { }

    /** Appends commands, leaving out repeated letters and separators the grammar does not need. */
    private static final class Writer {
        final StringBuilder sb = new StringBuilder();
        char letter;
        boolean lastHasDot;

        int len() {
            return sb.length();
        }

        void choose(Cand a, Cand b) {
            String sa = render(a);
            String sb2 = b == null ? null : render(b);
            Cand pick = sb2 != null && sb2.length() < sa.length() ? b : a;
            emit(pick);
        }

        private String render(Cand c) {
            // Render into a scratch copy of the state to measure.
            Writer t = new Writer();
            t.letter = letter;
            t.lastHasDot = lastHasDot;
            t.sb.append(sb.length() == 0 ? "" : sb.charAt(sb.length() - 1));
            int start = t.sb.length();
            t.emit(c);
            return t.sb.substring(start);
        }

        private void emit(Cand c) {
            boolean omit = (letter == 'M' && c.letter == 'L') || (letter == 'm' && c.letter == 'l')
                    || (c.letter == letter && "MmZz".indexOf(letter) < 0);
            if (!omit) {
                sb.append(c.letter);
                lastHasDot = false;
            }
            for (long v : c.nums) {
                String s = SvgCompact.hundredths(v);
                char last = sb.length() == 0 ? 'M' : sb.charAt(sb.length() - 1);
                boolean afterNumber = Character.isDigit(last) || last == '.';
                if (afterNumber && !(s.charAt(0) == '-' || (s.charAt(0) == '.' && lastHasDot))) {
                    sb.append(' ');
                }
                sb.append(s);
                lastHasDot = s.indexOf('.') >= 0;
            }
            letter = c.letter;
        }
    }

    private static final class Lexer {
        final String s;
        int pos;
        boolean failed;

        Lexer(String s) {
            this.s = s;
        }

        boolean done() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void skipSeparators() {
            while (pos < s.length() && (Character.isWhitespace(s.charAt(pos)) || s.charAt(pos) == ',')) {
                pos++;
            }
        }

        long num() {
            skipSeparators();
            int start = pos;
            if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                pos++;
            }
            boolean dot = false;
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (Character.isDigit(ch)) {
                    pos++;
                } else if (ch == '.' && !dot) {
                    dot = true;
                    pos++;
                } else {
                    break;
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                    pos++;
                }
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            try {
                return Math.round(Double.parseDouble(s.substring(start, pos)) * 100);
            } catch (NumberFormatException e) {
                failed = true;
                pos = s.length();
                return 0;
            }
        }
    }
}
