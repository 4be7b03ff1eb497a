package d2l.plot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Shrinks JFreeSVG's output so that notebooks stay small, drawing the same picture. JFreeSVG writes
 * every style in full on every element, wraps most elements in a group, clips nearly everything (often
 * to the whole canvas) and writes absolute path coordinates. This rewrites the SVG:
 *
 * <ul>
 *   <li>styles become short classes in one {@code <style>} block where that is shorter, else
 *       presentation attributes ({@link Figure#html()} scopes the rules to the figure's id when it
 *       puts the SVG inline into a page);
 *       colours become hex, float noise goes ({@code 0.800000011920929} is {@code .8}), values equal to
 *       the SVG defaults go;
 *   <li>clips that hold the whole canvas go (the viewport clips anyway); the rest move to one group
 *       around each run of elements with the same clip;
 *   <li>single-child groups merge into their child, pure translations are applied to the coordinates;
 *   <li>path data become relative where that is shorter, without repeated command letters; lines
 *       become paths; points within 0.1 px of the line through their neighbours go (Douglas–Peucker:
 *       long curves and contours carry one point per pixel or more);
 *   <li>consecutive paths with the same opaque style and no dashes become one path (grid lines, tick
 *       marks, markers, the faces of a 3-D surface), also across elements painted in the same single
 *       colour (tick labels between tick marks), where the painting order cannot matter;
 *   <li>thin crisp strokes (JFreeChart's stroke normalisation: frame, ticks, grid) are put on pixel
 *       centres, as Java2D does when it draws on a raster: at a whole coordinate a line of width 0.8
 *       falls between two pixel rows, and Chromium draws it as two faint rows.
 * </ul>
 *
 * <p>Only the SVG that JFreeSVG writes is expected; anything unknown (arcs, other transforms) is left as it is.
 */
final class SvgCompact {
    private SvgCompact() { }

    /** Drop points closer than this to the simplified line: a tenth of a pixel, in hundredths. */
    private static final long TOLERANCE = 10;

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("fill", "#000"), Map.entry("stroke", "none"), Map.entry("stroke-width", "1"),
            Map.entry("stroke-linecap", "butt"), Map.entry("stroke-linejoin", "miter"),
            Map.entry("stroke-miterlimit", "4"), Map.entry("shape-rendering", "auto"),
            Map.entry("fill-opacity", "1"), Map.entry("stroke-opacity", "1"), Map.entry("opacity", "1"),
            Map.entry("stroke-dasharray", "none"), Map.entry("font-style", "normal"),
            Map.entry("font-weight", "normal"));
    /** Properties we move between elements and groups; all are inherited in SVG. */
    private static final Set<String> INHERITED = Set.of("fill", "stroke", "stroke-width", "stroke-linecap",
            "stroke-linejoin", "stroke-miterlimit", "shape-rendering", "fill-opacity", "stroke-opacity",
            "stroke-dasharray", "stroke-dashoffset", "font-family", "font-size", "font-style", "font-weight",
            "fill-rule", "text-anchor", "dominant-baseline");
    private static final Set<String> NUMERIC_ATTRS = Set.of("x", "y", "x1", "y1", "x2", "y2", "width", "height",
            "cx", "cy", "r", "rx", "ry");

    /** An element: name, attributes (decoded), style declarations (decoded), children (El or String text). */
    static final class El {
        final String name;
        final LinkedHashMap<String, String> attrs = new LinkedHashMap<>();
        LinkedHashMap<String, String> style = new LinkedHashMap<>();
        final List<Object> kids = new ArrayList<>();
        El parent;
        SvgPath path;
        /** Winding of the path's subpaths that enclose area: +1 or -1 if all agree, 0 if none, 2 if mixed. */
        private Integer winding;

        int winding() {
            if (winding == null) {
                int sign = 0;
                for (long area : path.signedAreas()) {
                    int sg = Long.signum(area);
                    if (sg != 0) {
                        sign = sign == 0 || sign == sg ? sg : 2;
                    }
                }
                winding = sign;
            }
            return winding;
        }

        void append(El other) {
            int a = winding();
            int b = other.winding();
            path = path.append(other.path);
            winding = a == 0 ? b : b == 0 || b == a ? a : 2;
        }

        El(String name) {
            this.name = name;
        }

        List<El> elements() {
            List<El> out = new ArrayList<>();
            for (Object k : kids) {
                if (k instanceof El e) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    static String compact(String svg, int w, int h) {
        return compact(svg, w, h, true);
    }

    /** @param snapStrokes false only to compare the rest of the rewriting pixel for pixel */
    static String compact(String svg, int w, int h, boolean snapStrokes) {
        El root;
        try {
            root = Xml.parse(svg);
        } catch (RuntimeException e) {
            return svg; // not the SVG we expect: leave it alone rather than break the figure
        }
        if (root == null || !root.name.equals("svg")) {
            return svg;
        }
        Map<String, El> clips = new HashMap<>();
        collectClips(root, clips);
        readStyles(root);
        dropCanvasClips(root, identity(), clips, new HashMap<>(), w, h);
        if (snapStrokes) {
            snapCrisp(root, identity());
        }
        readPaths(root, identity());
        simplifyTree(root);
        dropDefaults(root, new HashMap<>());
        dropUnusedClips(root);
        groupByClip(root);
        String styleBlock = assignClasses(root);
        cleanRoot(root, styleBlock);
        return Xml.write(root);
    }

    // ---------------------------------------------------------------- styles

    private static void readStyles(El e) {
        String s = e.attrs.remove("style");
        if (s != null) {
            for (String decl : s.split(";")) {
                int colon = decl.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String prop = decl.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = normalizeValue(decl.substring(colon + 1).trim());
                if ((prop.endsWith("opacity")) && value.equals("1")) {
                    continue;
                }
                e.style.put(prop, value);
            }
        }
        for (El k : e.elements()) {
            readStyles(k);
        }
    }

    static String normalizeValue(String v) {
        if (v.startsWith("rgb(") && v.endsWith(")")) {
            String[] p = v.substring(4, v.length() - 1).split(",");
            if (p.length == 3) {
                try {
                    return hex(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
        }
        // Numbers, alone or in a list (dash arrays), possibly with a unit.
        StringBuilder sb = new StringBuilder();
        java.util.regex.Matcher m = NUMBER.matcher(v);
        int last = 0;
        while (m.find()) {
            sb.append(v, last, m.start());
            sb.append(hundredths(Math.round(Double.parseDouble(m.group()) * 100)));
            last = m.end();
        }
        sb.append(v.substring(last));
        return sb.toString();
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("(?<![\\w#.-])-?(\\d+\\.?\\d*|\\.\\d+)(?![\\w.])|(?<![\\w#.-])-?(\\d+\\.?\\d*|\\.\\d+)(?=px)");

    private static String hex(int r, int g, int b) {
        if (r % 17 == 0 && g % 17 == 0 && b % 17 == 0) {
            return String.format(Locale.ROOT, "#%x%x%x", r / 17, g / 17, b / 17);
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    /** A number given in hundredths, shortest: 80 is ".8", -5 is "-.05", 1200 is "12". */
    static String hundredths(long v) {
        return hundredths(v, false);
    }

    /** A number given in hundredths, without trailing zeros; "0.8" rather than ".8" if {@code leadingZero}. */
    static String hundredths(long v, boolean leadingZero) {
        if (v == 0) {
            return "0";
        }
        String sign = v < 0 ? "-" : "";
        long a = Math.abs(v);
        long whole = a / 100;
        long frac = a % 100;
        String w = whole == 0 && !leadingZero ? "" : Long.toString(whole);
        if (frac == 0) {
            return sign + w;
        }
        String f = frac % 10 == 0 ? Long.toString(frac / 10) : frac < 10 ? "0" + frac : Long.toString(frac);
        return sign + w + "." + f;
    }

    /** The value of a property for e, inherited from its ancestors, or the SVG default. */
    private static String effective(El e, String prop) {
        for (El x = e; x != null; x = x.parent) {
            String v = x.style.get(prop);
            if (v != null) {
                return v;
            }
            if (!INHERITED.contains(prop)) {
                break;
            }
        }
        return DEFAULTS.get(prop);
    }

    // ---------------------------------------------------------------- clips

    private static void collectClips(El e, Map<String, El> clips) {
        if (e.name.equals("clipPath") && e.attrs.containsKey("id")) {
            clips.put(e.attrs.get("id"), e);
        }
        for (El k : e.elements()) {
            collectClips(k, clips);
        }
    }

    private static String clipId(El e) {
        String c = e.attrs.get("clip-path");
        if (c == null || !c.startsWith("url(#") || !c.endsWith(")")) {
            return null;
        }
        return c.substring(5, c.length() - 1);
    }

    /** Removes clip-path references whose clip region, in canvas coordinates, holds the whole canvas. */
    private static void dropCanvasClips(El e, double[] ctm, Map<String, El> clips, Map<String, List<double[]>> polygons,
                                        int w, int h) {
        double[] here = ctm;
        if (e.attrs.containsKey("transform")) {
            double[] t = parseTransform(e.attrs.get("transform"));
            here = t == null ? null : ctm == null ? null : multiply(ctm, t);
        }
        String id = clipId(e);
        if (id != null && here != null && clips.containsKey(id)) {
            List<double[]> poly = polygons.computeIfAbsent(id, k -> clipPolygon(clips.get(k)));
            if (poly != null && coversCanvas(poly, here, w, h)) {
                e.attrs.remove("clip-path");
            }
        }
        for (El k : e.elements()) {
            dropCanvasClips(k, here, clips, polygons, w, h);
        }
    }

    private static List<double[]> clipPolygon(El clip) {
        List<El> kids = clip.elements();
        if (kids.size() != 1 || !kids.get(0).name.equals("path") || kids.get(0).attrs.containsKey("transform")) {
            return null;
        }
        SvgPath p = SvgPath.parse(kids.get(0).attrs.getOrDefault("d", ""));
        if (p == null || p.subpaths() != 1) {
            return null;
        }
        List<double[]> pts = new ArrayList<>();
        for (SvgPath.Seg s : p.segs) {
            if (s.cmd() == 'C' || s.cmd() == 'Q') {
                return null;
            }
            if (s.cmd() != 'Z') {
                pts.add(new double[] {s.endX() / 100.0, s.endY() / 100.0});
            }
        }
        return pts.size() >= 3 ? pts : null;
    }

    /** Whether the convex polygon, mapped by m, holds the canvas shrunk by a pixel (clip coordinates are rounded). */
    private static boolean coversCanvas(List<double[]> poly, double[] m, int w, int h) {
        int n = poly.size();
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) {
            q[i] = apply(m, poly.get(i)[0], poly.get(i)[1]);
        }
        int sign = 0;
        for (int i = 0; i < n; i++) {
            double[] a = q[i];
            double[] b = q[(i + 1) % n];
            double[] c = q[(i + 2) % n];
            double cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
            if (Math.abs(cross) < 1e-9) {
                continue;
            }
            int s = cross > 0 ? 1 : -1;
            if (sign != 0 && s != sign) {
                return false; // not convex
            }
            sign = s;
        }
        if (sign == 0) {
            return false;
        }
        double[][] corners = {{1, 1}, {w - 1, 1}, {w - 1, h - 1}, {1, h - 1}};
        for (double[] p : corners) {
            for (int i = 0; i < n; i++) {
                double[] a = q[i];
                double[] b = q[(i + 1) % n];
                double cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
                if (cross * sign < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void dropUnusedClips(El root) {
        Set<String> used = new HashSet<>();
        collectUsedClips(root, used);
        removeClipDefs(root, used);
    }

    private static void collectUsedClips(El e, Set<String> used) {
        String id = clipId(e);
        if (id != null) {
            used.add(id);
        }
        for (El k : e.elements()) {
            collectUsedClips(k, used);
        }
    }

    private static void removeClipDefs(El e, Set<String> used) {
        e.kids.removeIf(k -> k instanceof El c && c.name.equals("clipPath") && !used.contains(c.attrs.get("id")));
        e.kids.removeIf(k -> k instanceof El d && d.name.equals("defs") && d.kids.isEmpty());
        for (El k : e.elements()) {
            removeClipDefs(k, used);
        }
    }

    /** Wraps each run of two or more siblings with the same clip (and no transform of their own) in one group. */
    private static void groupByClip(El e) {
        for (El k : e.elements()) {
            groupByClip(k);
        }
        if (e.name.equals("clipPath") || e.name.equals("defs")) {
            return;
        }
        wrapRuns(e, "clip-path", 2, true);
    }

    // ---------------------------------------------------------------- transforms

    private static double[] identity() {
        return new double[] {1, 0, 0, 1, 0, 0};
    }

    /** matrix(a,b,c,d,e,f), translate(x[,y]) or scale(s[,t]); null for anything else. */
    static double[] parseTransform(String t) {
        String s = t.trim();
        int open = s.indexOf('(');
        if (open < 0 || !s.endsWith(")") || s.indexOf('(', open + 1) >= 0) {
            return null;
        }
        String fn = s.substring(0, open).trim();
        String[] parts = s.substring(open + 1, s.length() - 1).trim().split("[\\s,]+");
        double[] v = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                v[i] = Double.parseDouble(parts[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (fn) {
            case "matrix" -> v.length == 6 ? v : null;
            case "translate" -> v.length == 1 ? new double[] {1, 0, 0, 1, v[0], 0}
                    : v.length == 2 ? new double[] {1, 0, 0, 1, v[0], v[1]} : null;
            case "scale" -> v.length == 1 ? new double[] {v[0], 0, 0, v[0], 0, 0}
                    : v.length == 2 ? new double[] {v[0], 0, 0, v[1], 0, 0} : null;
            default -> null;
        };
    }

    private static double[] multiply(double[] m, double[] n) {
        return new double[] {
            m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
            m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
            m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]};
    }

    private static double[] apply(double[] m, double x, double y) {
        return new double[] {m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]};
    }

    private static boolean isTranslation(double[] m) {
        return m != null && m[0] == 1 && m[1] == 0 && m[2] == 0 && m[3] == 1;
    }

    private static double[] childCtm(El e, double[] ctm) {
        if (!e.attrs.containsKey("transform")) {
            return ctm;
        }
        double[] t = parseTransform(e.attrs.get("transform"));
        return t == null || ctm == null ? null : multiply(ctm, t);
    }

    /**
     * Applies a translation to the coordinates of a path, rect or text that carries it and no clip (a
     * clip would be in the translated space too).
     */
    private static void bakeTranslation(El e) {
        String t = e.attrs.get("transform");
        if (t == null || e.attrs.containsKey("clip-path")) {
            return;
        }
        double[] m = parseTransform(t);
        if (!isTranslation(m)) {
            return;
        }
        long dx = Math.round(m[4] * 100);
        long dy = Math.round(m[5] * 100);
        if (Math.abs(dx - m[4] * 100) > 1e-6 || Math.abs(dy - m[5] * 100) > 1e-6) {
            return;
        }
        switch (e.name) {
            case "path" -> {
                if (e.path == null) {
                    return;
                }
                e.path = e.path.translate(dx, dy);
            }
            case "rect", "text" -> {
                if (!shift(e, "x", dx) || !shift(e, "y", dy)) {
                    return;
                }
            }
            default -> {
                return;
            }
        }
        e.attrs.remove("transform");
    }

    private static boolean shift(El e, String attr, long d) {
        String v = e.attrs.getOrDefault(attr, "0");
        try {
            long old = Math.round(Double.parseDouble(v) * 100);
            e.attrs.put(attr, hundredths(old + d));
            return true;
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    // ---------------------------------------------------------------- crisp strokes

    /**
     * Puts horizontal and vertical crisp strokes of at most 1.5 px on pixel centres (n + 0.5), as
     * Java2D's stroke normalisation does on a raster.
     */
    private static void snapCrisp(El e, double[] ctm) {
        double[] here = childCtm(e, ctm);
        for (El k : e.elements()) {
            snapCrisp(k, here);
        }
        if (!isTranslation(here) || !"crispEdges".equals(effective(e, "shape-rendering"))
                || "none".equals(effective(e, "stroke")) || widthOf(e) > 1.5) {
            return;
        }
        double tx = here[4];
        double ty = here[5];
        if (e.name.equals("line")) {
            double x1 = num(e, "x1");
            double y1 = num(e, "y1");
            double x2 = num(e, "x2");
            double y2 = num(e, "y2");
            if (y1 == y2) {
                e.attrs.put("y1", fmt(snap(y1 + ty) - ty));
                e.attrs.put("y2", e.attrs.get("y1"));
            } else if (x1 == x2) {
                e.attrs.put("x1", fmt(snap(x1 + tx) - tx));
                e.attrs.put("x2", e.attrs.get("x1"));
            }
        } else if (e.name.equals("rect") && "none".equals(effective(e, "fill"))) {
            double x = num(e, "x");
            double y = num(e, "y");
            double x2 = snap(x + num(e, "width") + tx) - tx;
            double y2 = snap(y + num(e, "height") + ty) - ty;
            x = snap(x + tx) - tx;
            y = snap(y + ty) - ty;
            e.attrs.put("x", fmt(x));
            e.attrs.put("y", fmt(y));
            e.attrs.put("width", fmt(x2 - x));
            e.attrs.put("height", fmt(y2 - y));
        }
    }

    private static double widthOf(El e) {
        try {
            return Double.parseDouble(effective(e, "stroke-width").replace("px", ""));
        } catch (NumberFormatException ex) {
            return Double.POSITIVE_INFINITY;
        }
    }

    private static double snap(double v) {
        return Math.floor(v) + 0.5;
    }

    private static double num(El e, String attr) {
        try {
            return Double.parseDouble(e.attrs.getOrDefault(attr, "0"));
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }

    private static String fmt(double v) {
        return hundredths(Math.round(v * 100));
    }

    // ---------------------------------------------------------------- paths and structure

    /** Parses path data, turns lines into paths and simplifies polylines drawn in pixel units. */
    private static void readPaths(El e, double[] ctm) {
        double[] here = childCtm(e, ctm);
        for (El k : e.elements()) {
            if (!k.name.equals("clipPath")) {
                readPaths(k, here);
            }
        }
        if (e.name.equals("line") && e.kids.isEmpty()) {
            double[] v = {num(e, "x1"), num(e, "y1"), num(e, "x2"), num(e, "y2")};
            for (double d : v) {
                if (Double.isNaN(d)) {
                    return;
                }
            }
            for (String a : List.of("x1", "y1", "x2", "y2")) {
                e.attrs.remove(a);
            }
            e.path = SvgPath.line(Math.round(v[0] * 100), Math.round(v[1] * 100), Math.round(v[2] * 100), Math.round(v[3] * 100));
            e.attrs.put("d", "");
            renameTo(e, "path");
        } else if (e.name.equals("path") && e.attrs.containsKey("d")) {
            SvgPath p = SvgPath.parse(e.attrs.get("d"));
            if (p != null) {
                e.path = here != null && isTranslation(here) ? p.simplify(TOLERANCE) : p;
            }
        }
    }

    private static void renameTo(El e, String name) {
        El n = new El(name);
        n.attrs.putAll(e.attrs);
        n.style = e.style;
        n.kids.addAll(e.kids);
        n.parent = e.parent;
        n.path = e.path;
        for (El k : n.elements()) {
            k.parent = n;
        }
        int i = e.parent.kids.indexOf(e);
        e.parent.kids.set(i, n);
    }

    /** Bottom up: merge paths, unwrap empty groups, fold single-child groups into their child. */
    private static void simplifyTree(El e) {
        for (El k : new ArrayList<>(e.elements())) {
            if (!k.name.equals("clipPath") && !k.name.equals("text")) {
                simplifyTree(k);
            }
        }
        // Unwrap groups without attributes or style.
        List<Object> flat = new ArrayList<>();
        for (Object k : e.kids) {
            if (k instanceof El g && g.name.equals("g") && g.attrs.isEmpty() && g.style.isEmpty()) {
                for (Object gk : g.kids) {
                    if (gk instanceof El ge) {
                        ge.parent = e;
                    }
                    flat.add(gk);
                }
            } else {
                flat.add(k);
            }
        }
        e.kids.clear();
        e.kids.addAll(flat);
        // Fold single-child groups.
        for (int i = 0; i < e.kids.size(); i++) {
            if (e.kids.get(i) instanceof El g && g.name.equals("g")) {
                El folded = fold(g);
                if (folded != null) {
                    folded.parent = e;
                    e.kids.set(i, folded);
                }
            }
            if (e.kids.get(i) instanceof El k) {
                bakeTranslation(k);
            }
        }
        dropHiddenRects(e);
        mergePaths(e);
    }

    private static final Set<String> FOLDABLE = Set.of("id", "clip-path", "transform");

    /** A group with one child element, folded into it; null when that would change the picture. */
    private static El fold(El g) {
        if (g.kids.size() != 1 || !(g.kids.get(0) instanceof El c) || !FOLDABLE.containsAll(g.attrs.keySet())) {
            return null;
        }
        for (String p : g.style.keySet()) {
            if (!INHERITED.contains(p)) {
                return null;
            }
        }
        boolean gClip = g.attrs.containsKey("clip-path");
        boolean cClip = c.attrs.containsKey("clip-path");
        boolean gT = g.attrs.containsKey("transform");
        boolean cT = c.attrs.containsKey("transform");
        if ((gClip && (cClip || cT)) || (g.attrs.containsKey("id") && c.attrs.containsKey("id"))) {
            return null;
        }
        if (gT && cT) {
            double[] a = parseTransform(g.attrs.get("transform"));
            double[] b = parseTransform(c.attrs.get("transform"));
            if (a == null || b == null) {
                return null;
            }
            c.attrs.put("transform", matrix(multiply(a, b)));
        } else if (gT) {
            c.attrs.put("transform", g.attrs.get("transform"));
        }
        if (g.attrs.containsKey("id")) {
            c.attrs.put("id", g.attrs.get("id"));
        }
        if (gClip) {
            c.attrs.put("clip-path", g.attrs.get("clip-path"));
        }
        LinkedHashMap<String, String> style = new LinkedHashMap<>(g.style);
        style.putAll(c.style);
        c.style = style;
        // Keep the attribute order readable: id first.
        if (c.attrs.containsKey("id")) {
            LinkedHashMap<String, String> ordered = new LinkedHashMap<>();
            ordered.put("id", c.attrs.get("id"));
            ordered.putAll(c.attrs);
            c.attrs.clear();
            c.attrs.putAll(ordered);
        }
        return c;
    }

    private static String matrix(double[] m) {
        StringBuilder sb = new StringBuilder("matrix(");
        for (int i = 0; i < 6; i++) {
            sb.append(i == 0 ? "" : ",").append(fmt(m[i]));
        }
        return sb.append(')').toString();
    }

    /** A filled rect right after a filled rect of the same opaque colour that holds it draws nothing new. */
    private static void dropHiddenRects(El e) {
        for (int i = e.kids.size() - 1; i > 0; i--) {
            if (e.kids.get(i) instanceof El b && e.kids.get(i - 1) instanceof El a && plainRect(a) && plainRect(b)
                    && a.style.equals(b.style) && num(a, "x") <= num(b, "x") && num(a, "y") <= num(b, "y")
                    && num(a, "x") + num(a, "width") >= num(b, "x") + num(b, "width")
                    && num(a, "y") + num(a, "height") >= num(b, "y") + num(b, "height")) {
                e.kids.remove(i);
            }
        }
    }

    private static boolean plainRect(El r) {
        return r.name.equals("rect") && Set.of("x", "y", "width", "height").containsAll(r.attrs.keySet())
                && r.style.keySet().equals(Set.of("fill")) && !r.style.get("fill").equals("none");
    }

    /**
     * Merges each path into an earlier sibling path with the same style and clip, when only elements
     * painted in the same single opaque colour lie between them (so the order of painting cannot show).
     */
    private static void mergePaths(El e) {
        List<Object> kids = e.kids;
        for (int i = 1; i < kids.size(); i++) {
            if (!(kids.get(i) instanceof El p) || !mergeable(p)) {
                continue;
            }
            String colour = colour(p);
            for (int j = i - 1; j >= 0; j--) {
                if (!(kids.get(j) instanceof El q)) {
                    break;
                }
                if (mergeable(q) && q.style.equals(p.style)
                        && java.util.Objects.equals(q.attrs.get("clip-path"), p.attrs.get("clip-path"))
                        && windingAgrees(q, p)) {
                    q.append(p);
                    kids.remove(i);
                    i--;
                    break;
                }
                if (colour == null || !colour.equals(colour(q))) {
                    break;
                }
            }
        }
    }

    private static boolean mergeable(El p) {
        if (!p.name.equals("path") || p.path == null || !p.kids.isEmpty()) {
            return false;
        }
        for (String a : p.attrs.keySet()) {
            if (!a.equals("d") && !a.equals("clip-path")) {
                return false;
            }
        }
        String dash = effective(p, "stroke-dasharray");
        return (dash == null || dash.equals("none")) && "1".equals(effective(p, "opacity"))
                && "1".equals(effective(p, "fill-opacity")) && "1".equals(effective(p, "stroke-opacity"))
                && !isTranslucent(effective(p, "fill")) && !isTranslucent(effective(p, "stroke"));
    }

    private static boolean isTranslucent(String paint) {
        return paint != null && (paint.startsWith("rgba") || paint.startsWith("url"));
    }

    /** Filled subpaths of both paths turn the same way (else a union under nonzero could leave holes). */
    private static boolean windingAgrees(El a, El b) {
        if ("none".equals(effective(a, "fill"))) {
            return true;
        }
        int wa = a.winding();
        int wb = b.winding();
        return wa != 2 && wb != 2 && (wa == 0 || wb == 0 || wa == wb);
    }

    /**
     * The one colour an element paints with, when it paints with exactly one opaque colour (text:
     * its fill without stroke; paths: stroke and/or fill, fill ignored when it encloses nothing);
     * otherwise null.
     */
    private static String colour(El e) {
        if (!"1".equals(effective(e, "opacity")) || !"1".equals(effective(e, "fill-opacity"))
                || !"1".equals(effective(e, "stroke-opacity"))) {
            return null;
        }
        String fill = effective(e, "fill");
        String stroke = effective(e, "stroke");
        if (e.name.equals("text")) {
            return "none".equals(stroke) && !isTranslucent(fill) && !"none".equals(fill) ? fill : null;
        }
        if (!e.name.equals("path") || e.path == null) {
            return null;
        }
        boolean fills = !"none".equals(fill) && e.winding() != 0;
        Set<String> colours = new HashSet<>();
        if (fills) {
            colours.add(fill);
        }
        if (!"none".equals(stroke)) {
            colours.add(stroke);
        }
        if (colours.size() != 1) {
            return null;
        }
        String c = colours.iterator().next();
        return isTranslucent(c) ? null : c;
    }

    // ---------------------------------------------------------------- defaults and classes

    /** Drops declarations equal to the SVG default where no ancestor sets the property. */
    private static void dropDefaults(El e, Map<String, String> inherited) {
        boolean leaf = !e.name.equals("g") && !e.name.equals("svg");
        LinkedHashMap<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> d : e.style.entrySet()) {
            String prop = d.getKey();
            String v = d.getValue();
            if (v.equals(DEFAULTS.get(prop)) && !inherited.containsKey(prop)) {
                continue;
            }
            if (INHERITED.contains(prop) && v.equals(inherited.get(prop))) {
                continue; // inherited anyway
            }
            kept.put(prop, v);
        }
        if (leaf) {
            String stroke = kept.getOrDefault("stroke", inherited.getOrDefault("stroke", "none"));
            if (stroke.equals("none")) {
                kept.keySet().removeIf(p -> p.startsWith("stroke-") && !inherited.containsKey(p));
            } else {
                String join = kept.getOrDefault("stroke-linejoin", inherited.getOrDefault("stroke-linejoin", "miter"));
                boolean joins = e.path == null ? !e.name.equals("line") : e.path.hasJoins();
                if ((!join.equals("miter") || !joins) && !inherited.containsKey("stroke-miterlimit")) {
                    kept.remove("stroke-miterlimit");
                }
            }
        }
        e.style = kept;
        Map<String, String> next = new HashMap<>(inherited);
        for (Map.Entry<String, String> d : kept.entrySet()) {
            if (INHERITED.contains(d.getKey())) {
                next.put(d.getKey(), d.getValue());
            }
        }
        for (El k : e.elements()) {
            dropDefaults(k, next);
        }
    }

    /**
     * Styles used twice or more become classes (by use, most used first), the rest presentation
     * attributes; runs of three or more siblings with one class share a group. Returns the style block.
     */
    private static String assignClasses(El root) {
        Map<String, Integer> uses = new LinkedHashMap<>();
        Map<String, String> attrForm = new HashMap<>();
        countStyles(root, uses, attrForm);
        // A class costs its rule once and " class='x'" per use; attributes cost their text per use.
        List<String> byGain = new ArrayList<>();
        Map<String, Integer> gain = new HashMap<>();
        for (Map.Entry<String, Integer> u : uses.entrySet()) {
            int n = u.getValue();
            int asAttrs = n * attrForm.get(u.getKey()).length();
            int asClass = (".ab{}".length() + u.getKey().length()) + n * " class='ab'".length();
            if (asClass < asAttrs) {
                byGain.add(u.getKey());
                gain.put(u.getKey(), asAttrs - asClass);
            }
        }
        List<String> order = new ArrayList<>(uses.keySet());
        byGain.sort((x, y) -> !gain.get(x).equals(gain.get(y)) ? gain.get(y) - gain.get(x) : order.indexOf(x) - order.indexOf(y));
        Map<String, String> names = new LinkedHashMap<>();
        for (String st : byGain) {
            names.put(st, className(names.size()));
        }
        applyClasses(root, names);
        groupByClass(root);
        StringBuilder css = new StringBuilder();
        for (Map.Entry<String, String> n : names.entrySet()) {
            css.append('.').append(n.getValue()).append('{').append(n.getKey()).append('}');
        }
        return css.toString();
    }

    private static String className(int i) {
        return (char) ('a' + i % 26) + (i < 26 ? "" : Integer.toString(i / 26));
    }

    private static String css(Map<String, String> style) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> d : style.entrySet()) {
            sb.append(sb.length() == 0 ? "" : ";").append(d.getKey()).append(':').append(d.getValue());
        }
        return sb.toString();
    }

    private static void countStyles(El e, Map<String, Integer> uses, Map<String, String> attrForm) {
        if (!e.style.isEmpty()) {
            String key = css(e.style);
            uses.merge(key, 1, Integer::sum);
            StringBuilder a = new StringBuilder();
            for (Map.Entry<String, String> d : e.style.entrySet()) {
                a.append(' ').append(d.getKey()).append("='").append(d.getValue()).append('\'');
            }
            attrForm.put(key, a.toString());
        }
        for (El k : e.elements()) {
            countStyles(k, uses, attrForm);
        }
    }

    private static void applyClasses(El e, Map<String, String> names) {
        if (!e.style.isEmpty()) {
            String name = names.get(css(e.style));
            if (name != null) {
                e.attrs.put("class", name);
            } else {
                for (Map.Entry<String, String> d : e.style.entrySet()) {
                    e.attrs.put(d.getKey(), d.getValue());
                }
            }
            e.style = new LinkedHashMap<>();
        }
        for (El k : e.elements()) {
            applyClasses(k, names);
        }
    }

    private static void groupByClass(El e) {
        for (El k : e.elements()) {
            groupByClass(k);
        }
        if (e.name.equals("text") || e.name.equals("clipPath")) {
            return;
        }
        wrapRuns(e, "class", 3, false);
    }

    /**
     * Wraps each run of at least {@code minRun} consecutive child elements with the same value of
     * {@code attr} in one {@code <g>} that carries it instead (children with a transform of their own
     * end a run when {@code untransformed}). Modifies {@code e}.
     */
    private static void wrapRuns(El e, String attr, int minRun, boolean untransformed) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < e.kids.size()) {
            String value = e.kids.get(i) instanceof El el && !(untransformed && el.attrs.containsKey("transform"))
                    ? el.attrs.get(attr) : null;
            int j = i + 1;
            while (value != null && j < e.kids.size() && e.kids.get(j) instanceof El n
                    && value.equals(n.attrs.get(attr)) && !(untransformed && n.attrs.containsKey("transform"))) {
                j++;
            }
            if (value != null && j - i >= minRun) {
                El g = new El("g");
                g.parent = e;
                g.attrs.put(attr, value);
                for (int t = i; t < j; t++) {
                    El n = (El) e.kids.get(t);
                    n.attrs.remove(attr);
                    n.parent = g;
                    g.kids.add(n);
                }
                out.add(g);
            } else {
                out.addAll(e.kids.subList(i, j));
            }
            i = j;
        }
        e.kids.clear();
        e.kids.addAll(out);
    }

    private static void cleanRoot(El root, String styleBlock) {
        root.attrs.remove("xmlns:jfreesvg");
        String all = Xml.write(root);
        if (!all.contains("xlink:")) {
            root.attrs.remove("xmlns:xlink");
        }
        if (!styleBlock.isEmpty()) {
            El style = new El("style");
            style.parent = root;
            style.kids.add(styleBlock);
            root.kids.add(0, style);
        }
    }

    // ---------------------------------------------------------------- XML

    /** The small subset of XML that JFreeSVG writes: elements, attributes in quotes, text, entities. */
    static final class Xml {
        private Xml() { }

        static El parse(String s) {
            El root = null;
            El cur = null;
            int i = 0;
            int n = s.length();
            while (i < n) {
                char ch = s.charAt(i);
                if (ch == '<') {
                    if (s.startsWith("<?", i)) {
                        i = s.indexOf("?>", i) + 2;
                    } else if (s.startsWith("<!--", i)) {
                        i = s.indexOf("-->", i) + 3;
                    } else if (s.startsWith("<![CDATA[", i)) {
                        int end = s.indexOf("]]>", i);
                        if (cur != null) {
                            cur.kids.add(escapeText(s.substring(i + 9, end)));
                        }
                        i = end + 3;
                    } else if (s.startsWith("<!", i)) {
                        i = s.indexOf('>', i) + 1;
                    } else if (s.startsWith("</", i)) {
                        int end = s.indexOf('>', i);
                        if (cur == null) {
                            throw new IllegalArgumentException("unbalanced </");
                        }
                        cur = cur.parent;
                        i = end + 1;
                    } else {
                        int j = i + 1;
                        while (j < n && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '>' && s.charAt(j) != '/') {
                            j++;
                        }
                        El e = new El(s.substring(i + 1, j));
                        while (true) {
                            while (j < n && Character.isWhitespace(s.charAt(j))) {
                                j++;
                            }
                            if (s.charAt(j) == '/' || s.charAt(j) == '>') {
                                break;
                            }
                            int eq = s.indexOf('=', j);
                            String name = s.substring(j, eq).trim();
                            int q = eq + 1;
                            while (Character.isWhitespace(s.charAt(q))) {
                                q++;
                            }
                            char quote = s.charAt(q);
                            int close = s.indexOf(quote, q + 1);
                            e.attrs.put(name, decode(s.substring(q + 1, close)));
                            j = close + 1;
                        }
                        boolean empty = s.charAt(j) == '/';
                        i = s.indexOf('>', j) + 1;
                        if (cur == null) {
                            if (root != null) {
                                throw new IllegalArgumentException("two roots");
                            }
                            root = e;
                        } else {
                            e.parent = cur;
                            cur.kids.add(e);
                        }
                        if (!empty) {
                            cur = e;
                        }
                    }
                    if (i <= 0) {
                        throw new IllegalArgumentException("unterminated markup");
                    }
                } else {
                    int end = s.indexOf('<', i);
                    if (end < 0) {
                        end = n;
                    }
                    String text = s.substring(i, end);
                    if (cur != null && (!text.isBlank() || cur.name.equals("text"))) {
                        cur.kids.add(text); // kept escaped, as written
                    }
                    i = end;
                }
            }
            if (cur != null) {
                throw new IllegalArgumentException("unclosed <" + cur.name + ">");
            }
            return root;
        }

        static String decode(String v) {
            if (v.indexOf('&') < 0) {
                return v;
            }
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (i < v.length()) {
                char c = v.charAt(i);
                int semi = c == '&' ? v.indexOf(';', i) : -1;
                if (semi > 0) {
                    String ent = v.substring(i + 1, semi);
                    String rep = switch (ent) {
                        case "amp" -> "&";
                        case "lt" -> "<";
                        case "gt" -> ">";
                        case "quot" -> "\"";
                        case "apos" -> "'";
                        default -> ent.startsWith("#x") ? new String(Character.toChars(Integer.parseInt(ent.substring(2), 16)))
                                : ent.startsWith("#") ? new String(Character.toChars(Integer.parseInt(ent.substring(1)))) : null;
                    };
                    if (rep != null) {
                        sb.append(rep);
                        i = semi + 1;
                        continue;
                    }
                }
                sb.append(c);
                i++;
            }
            return sb.toString();
        }

        private static String escapeText(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        private static String escapeAttr(String s) {
            return escapeText(s).replace("'", "&apos;");
        }

        static String write(El root) {
            StringBuilder sb = new StringBuilder();
            write(root, sb);
            return sb.toString();
        }

        private static void write(El e, StringBuilder sb) {
            sb.append('<').append(e.name);
            for (Map.Entry<String, String> a : e.attrs.entrySet()) {
                String v = a.getValue();
                if (a.getKey().equals("d") && e.path != null) {
                    v = e.path.encode();
                } else if (NUMERIC_ATTRS.contains(a.getKey())) {
                    v = shortNumber(v);
                } else if (a.getKey().equals("transform")) {
                    double[] m = parseTransform(v);
                    if (isTranslation(m)) {
                        v = "translate(" + fmt(m[4]) + (m[5] == 0 ? "" : " " + fmt(m[5])) + ")";
                    } else if (m != null && v.startsWith("matrix")) {
                        v = matrix(m);
                    }
                }
                sb.append(' ').append(a.getKey()).append("='").append(escapeAttr(v)).append('\'');
            }
            if (e.kids.isEmpty()) {
                sb.append("/>");
                return;
            }
            sb.append('>');
            for (Object k : e.kids) {
                if (k instanceof El c) {
                    write(c, sb);
                } else {
                    sb.append((String) k);
                }
            }
            sb.append("</").append(e.name).append('>');
        }

        private static String shortNumber(String v) {
            try {
                double d = Double.parseDouble(v);
                long h = Math.round(d * 100);
                return Math.abs(h - d * 100) < 1e-6 ? hundredths(h) : v;
            } catch (NumberFormatException e) {
                return v;
            }
        }
    }
}
