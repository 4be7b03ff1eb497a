package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The trace types beyond lines: markers, contours, annotations, 3-D surfaces, subplots; and their errors. */
class TracesTest {

    private static final double[] X = {1, 2, 3, 4};
    private static final double[] Y = {1, 3, 2, 4};

    /** The markers of a series: one closed subpath each (they may share one path element). */
    private static List<List<double[]>> markerPaths(Document doc, String suffix) {
        List<Element> groups = SvgSupport.withIdEnding(doc, suffix);
        List<List<double[]>> out = new ArrayList<>();
        for (Element p : groups.isEmpty() ? List.<Element>of() : SvgSupport.paths(groups.get(0))) {
            out.addAll(SvgSupport.subpaths(p));
        }
        return out;
    }

    /** Centre of a marker: the middle of its points' bounding box (exact for circles and squares). */
    private static double[] centre(List<double[]> marker) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : marker) {
            for (int k = 0; k < 2; k++) {
                lo[k] = Math.min(lo[k], p[k]);
                hi[k] = Math.max(hi[k], p[k]);
            }
        }
        return new double[] {(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2};
    }

    @Test
    void markerFormatsDrawPointsLinesOrBoth() throws Exception {
        Document doc = SvgSupport.parse(new Plot().series("a", X, Y).series("b", X, Y).series("c", X, Y)
                .fmts("o", "-o", "r-s").figure().svg());
        // "o": points only, one filled marker per point, no line.
        assertTrue(SvgSupport.withIdEnding(doc, "-series-0").isEmpty(), "no line for \"o\"");
        assertEquals(4, markerPaths(doc, "-markers-0").size());
        // "-o": the line and the markers.
        assertEquals(3, SvgSupport.lineTos(SvgSupport.paths(SvgSupport.withIdEnding(doc, "-series-1").get(0)).get(0)));
        assertEquals(4, markerPaths(doc, "-markers-1").size());
        // "r-s": red line with squares.
        Element red = SvgSupport.withIdEnding(doc, "-series-2").get(0);
        assertEquals("#ff0000", SvgSupport.style(red).get("stroke"), SvgSupport.style(red).toString());
        assertEquals(4, markerPaths(doc, "-markers-2").size());
        // markers() draws points in the next colour of the cycle even when fmts says "-".
        Document m = SvgSupport.parse(new Plot().series("line", X, Y).markers("pts", X, Y).figure().svg());
        assertEquals(4, markerPaths(m, "-markers-1").size());
        assertTrue(SvgSupport.withIdEnding(m, "-series-1").isEmpty());
        assertTrue(SvgSupport.texts(m).contains("pts"), "markers appear in the legend");
    }

    @Test
    void badFormatsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Plot().fmts("-q"));
        assertTrue(e.getMessage().contains("\"-q\"") && e.getMessage().contains("marker"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Plot().fmts("---"));
        assertThrows(IllegalArgumentException.class, () -> new Plot().series("s", X, Y, "-o", "orange"));
        assertEquals(LineFormat.Dash.NONE, LineFormat.parse("o", 0).dash());
        assertEquals(LineFormat.Marker.CIRCLE, LineFormat.parse("r-o", 0).marker());
        assertEquals("#ff0000", LineFormat.parse("r-o", 0).color());
        assertEquals(LineFormat.Dash.DASH_DOT, LineFormat.parse("g-.", 0).dash());
        assertEquals(LineFormat.Marker.NONE, LineFormat.parse("g-.", 0).marker());
    }

    @Test
    void badValuesNameTheSeries() {
        String empty = assertThrows(IllegalArgumentException.class,
                () -> new Plot().series("train", new double[0], new double[0])).getMessage();
        assertTrue(empty.contains("\"train\"") && empty.contains("empty"), empty);
        String inf = assertThrows(IllegalArgumentException.class,
                () -> new Plot().series("loss", X, new double[] {1, Double.POSITIVE_INFINITY, 2, 3})).getMessage();
        assertTrue(inf.contains("\"loss\"") && inf.contains("y[1]") && inf.contains("Infinity"), inf);
        String nanMarker = assertThrows(IllegalArgumentException.class,
                () -> new Plot().markers("pts", X, new double[] {1, 2, Double.NaN, 3})).getMessage();
        assertTrue(nanMarker.contains("\"pts\"") && nanMarker.contains("y[2]") && nanMarker.contains("NaN"), nanMarker);
        String allNan = assertThrows(IllegalArgumentException.class,
                () -> new Plot().series("gap", X, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN})).getMessage();
        assertTrue(allNan.contains("\"gap\"") && allNan.contains("NaN"), allNan);
        String mismatch = assertThrows(IllegalArgumentException.class,
                () -> new Plot().markers("pts", X, new double[3])).getMessage();
        assertTrue(mismatch.contains("\"pts\"") && mismatch.contains("4") && mismatch.contains("3"), mismatch);
        // A NaN inside a line stays a gap (the book's None).
        new Plot().series("gap", X, new double[] {1, Double.NaN, 2, 3}).figure();
    }

    @Test
    void contourLevelsFollowMatplotlib() {
        // matplotlib's MaxNLocator(8) over the range of x1^2 + 2 x2^2 on the book's box.
        assertArrayEquals(new double[] {10, 20, 30, 40}, Contour.autoLevels(0, 48.25));
        assertArrayEquals(new double[] {-0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75}, Contour.autoLevels(-1, 1));
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
    }

    @Test
    void contourLinesLieOnTheLevel() {
        Contour.Result r = Contour.compute((x, y) -> x * x + y * y, -2, 2, -2, 2, new double[] {1, 2.25});
        assertEquals(0, r.nonFinite());
        for (int k = 0; k < 2; k++) {
            double radius = Math.sqrt(r.levels()[k]);
            double[][] line = r.lines().get(k);
            int nan = 0;
            for (int i = 0; i < line[0].length; i++) {
                if (Double.isNaN(line[0][i])) {
                    nan++;
                    continue;
                }
                // Linear interpolation on a 64-point grid over [-2, 2]: within a few thousandths.
                assertEquals(radius, Math.hypot(line[0][i], line[1][i]), 0.01, "point " + i + " of level " + k);
            }
            assertEquals(0, nan, "a circle is one closed polyline");
            assertEquals(line[0][0], line[0][line[0].length - 1], 1e-12, "closed");
            assertTrue(line[0].length > 40, "many points around the circle: " + line[0].length);
        }
    }

    @Test
    void contourDrawsOnePathPerLevelOutOfTheLegendAndHugsTheBox() throws Exception {
        Figure f = new Plot().contour((x, y) -> x * x + 2 * y * y, -5.5, 1, -3, 1)
                .series("path", X, Y).figure();
        Document doc = SvgSupport.parse(f.svg());
        for (int k = 0; k < 4; k++) {
            assertEquals(1, SvgSupport.withIdEnding(doc, "-contour-" + k).size(), "level " + k);
        }
        assertTrue(SvgSupport.withIdEnding(doc, "-contour-4").isEmpty());
        List<String> texts = SvgSupport.texts(doc);
        assertFalse(texts.stream().anyMatch(t -> t.startsWith("level")), "contours stay out of the legend: " + texts);
        assertTrue(texts.contains("-5") && texts.contains("1"), "x axis spans the box: " + texts);
        assertTrue(f.toString().contains("contour: 4 levels"), f.toString());
    }

    @Test
    void contourOfAPartlyNaNFunctionDrawsTheRestAndCountsTheNaNs() throws Exception {
        // NaN where x < 0 and y < 0: a quarter of the 64 x 64 grid (32 x 32 points).
        Figure f = new Plot().contour((x, y) -> x < 0 && y < 0 ? Double.NaN : x * x + y * y, -2, 2, -2, 2).figure();
        Document doc = SvgSupport.parse(f.svg());
        String note = SvgSupport.texts(doc).stream().filter(t -> t.contains("NaN")).findFirst().orElse("");
        assertTrue(note.contains("1024 of 4096 grid points"), SvgSupport.texts(doc).toString());
        assertFalse(SvgSupport.withIdEnding(doc, "-contour-0").isEmpty(), "the rest is drawn");
        Contour.Result r = Contour.compute((x, y) -> x < 0 && y < 0 ? Double.NaN : x * x + y * y, -2, 2, -2, 2,
                new double[] {1});
        for (int i = 0; i < r.lines().get(0)[0].length; i++) {
            double x = r.lines().get(0)[0][i];
            double y = r.lines().get(0)[1][i];
            assertFalse(x < -0.07 && y < -0.07, "no line inside the NaN quarter: (" + x + ", " + y + ")");
        }
        assertThrows(IllegalArgumentException.class, () -> new Plot().contour(null, 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Plot().contour((x, y) -> x, 1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Plot().contour((x, y) -> x, 0, 1, 0, 1, Double.NaN));
    }

    @Test
    void annotationArrowEndsAtThePointAndTextStartsAtTheTextPoint() throws Exception {
        double[] px = {1.0, 0.5};
        double[] py = {-1.2, -1.1};
        Document doc = SvgSupport.parse(new Plot().series("f", new double[] {0.5, 1.5}, new double[] {0, -1.5})
                .markers("ref", px, py)
                .annotate("min of\nempirical risk", 1.0, -1.2, 0.5, -1.1)
                .text("note", 1.2, -0.3).legend(false).figure().svg());
        List<List<double[]>> refs = markerPaths(doc, "-markers-1");
        double[] point = centre(refs.get(0));
        double[] textPoint = centre(refs.get(1));
        Element group = SvgSupport.withIdEnding(doc, "-annotation-0").get(0);
        List<String> texts = SvgSupport.texts(SvgSupport.parse(nodeXml(group)));
        assertEquals(List.of("min of", "empirical risk"), texts, "one text element per line");
        List<Element> arrow = SvgSupport.paths(group);
        assertEquals(1, arrow.size());
        String d = arrow.get(0).getAttribute("d");
        // Shaft then a two-stroke head whose tip is within matplotlib's 2 px gap of the point.
        List<List<double[]>> strokes = SvgSupport.subpaths(arrow.get(0));
        assertEquals(2, strokes.size(), d);
        double[] tip = strokes.get(1).get(1);
        assertEquals(point[0], tip[0], 2.5, d);
        assertEquals(point[1], tip[1], 2.5, d);
        // The last line's baseline starts at the text point.
        NodeListTexts last = lastText(group);
        assertEquals(textPoint[0], last.x, 0.6);
        assertEquals(textPoint[1], last.y, 0.6);
        // text(): no arrow.
        Element plain = SvgSupport.withIdEnding(doc, "-annotation-1").get(0);
        assertTrue(SvgSupport.paths(plain).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new Plot().annotate(null, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Plot().annotate("a", Double.NaN, 0, 1, 1));
    }

    private record NodeListTexts(double x, double y) { }

    private static NodeListTexts lastText(Element group) {
        var nodes = group.getElementsByTagNameNS("*", "text");
        Element t = (Element) nodes.item(nodes.getLength() - 1);
        return new NodeListTexts(Double.parseDouble(t.getAttribute("x")), Double.parseDouble(t.getAttribute("y")));
    }

    private static String nodeXml(Element e) throws Exception {
        var tf = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
        var out = new java.io.StringWriter();
        tf.transform(new javax.xml.transform.dom.DOMSource(e), new javax.xml.transform.stream.StreamResult(out));
        return out.toString();
    }

    @Test
    void surfaceIsASvgWithLabelsAndTheMarker() throws Exception {
        Figure f = new Surface3d((x, y) -> x * x - y * y, -1, 1, -1, 1).xlabel("x").ylabel("y").zlabel("z")
                .marker(0, 0, 0).figure();
        Document doc = SvgSupport.parse(f.svg());
        assertEquals(450.0, Double.parseDouble(doc.getDocumentElement().getAttribute("width")));
        List<String> texts = SvgSupport.texts(doc);
        assertTrue(texts.containsAll(List.of("x", "y", "z")), texts.toString());
        int faces = 0;
        boolean red = false;
        var paths = doc.getElementsByTagNameNS("*", "path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element p = (Element) paths.item(i);
            String fill = SvgSupport.style(p).getOrDefault("fill", "#000000");
            if (fill.matches("#[0-9a-f]{6}")) {
                faces += SvgSupport.subpaths(p).size();
                int r = Integer.parseInt(fill.substring(1, 3), 16);
                int g = Integer.parseInt(fill.substring(3, 5), 16);
                int b = Integer.parseInt(fill.substring(5, 7), 16);
                red |= r > 120 && g < 40 && b < 40;
            }
        }
        assertTrue(faces >= 16 * 16, "one four-sided face per grid cell: " + faces);
        assertTrue(red, "a red marker (shaded red faces)");
        assertTrue(f.toString().contains("1 marker"), f.toString());
        assertThrows(IllegalArgumentException.class, () -> new Surface3d(null, 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Surface3d((x, y) -> x, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Surface3d((x, y) -> x, 0, 1, 0, 1).marker(0, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new Surface3d((x, y) -> Double.NaN, 0, 1, 0, 1).figure());
    }

    @Test
    void subplotsPlaceEachPlotInItsCell() throws Exception {
        Plot a = new Plot().series("a", X, Y);
        Plot b = new Plot().series("b", X, Y);
        Plot c = new Plot().series("c", X, Y);
        Figure f = Subplots.of(3, a, b, c).figsize(9, 3).figure();
        Document doc = SvgSupport.parse(f.svg());
        assertEquals(900.0, Double.parseDouble(doc.getDocumentElement().getAttribute("width")));
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Element line = SvgSupport.paths(SvgSupport.withIdEnding(doc, "-p" + i + "-series-0").get(0)).get(0);
            starts.add(SvgSupport.subpaths(line).get(0).get(0)[0]);
        }
        assertEquals(starts.get(0) + 300, starts.get(1), 0.5, starts.toString());
        assertEquals(starts.get(1) + 300, starts.get(2), 0.5, starts.toString());
        Figure grid = Subplots.of(2, a, b, c).figure();
        assertEquals(600.0, Double.parseDouble(SvgSupport.parse(grid.svg()).getDocumentElement().getAttribute("width")));
        assertEquals(500.0, Double.parseDouble(SvgSupport.parse(grid.svg()).getDocumentElement().getAttribute("height")));
        assertThrows(IllegalArgumentException.class, () -> Subplots.of(0, a));
        assertThrows(IllegalArgumentException.class, () -> Subplots.of(2));
        assertThrows(IllegalArgumentException.class, () -> Subplots.of(2, a, null));
    }

    @Test
    void logAxesUnderADecadeGetSeveralTicks() {
        // {0.21, 0.49}: the Adam notebook's learning-rate sweep, which showed only 0.3 and 0.4.
        double[][] ranges = {{0.22, 0.35}, {0.21, 0.49}, {2, 9}, {0.5, 3}, {0.95, 1.05}, {120, 700}, {0.011, 0.09}};
        for (double[] r : ranges) {
            List<double[]> ticks = SvgRenderer.DecadeLogAxis.logTicks(r[0], r[1]);
            long labelled = ticks.stream().filter(t -> t[1] > 0).count();
            assertTrue(labelled >= 4 && labelled <= 10, labelled + " labelled ticks on [" + r[0] + ", " + r[1] + "]");
            assertTrue(ticks.stream().allMatch(t -> t[0] >= r[0] * (1 - 1e-9) && t[0] <= r[1] * (1 + 1e-9)), "inside");
        }
    }

    @Test
    void sameFigureSameSvg() {
        Plot p = new Plot().series("a", X, Y).contour((x, y) -> x * y, 0, 4, 0, 4).annotate("here", 2, 3, 1, 1);
        assertEquals(p.figure().svg(), p.figure().svg());
        assertFalse(p.figure().svg().equals(new Plot().series("a", X, X).figure().svg()));
    }

    @Test
    void longLinesAreThinnedForDrawingOnly() throws Exception {
        int n = 9000;
        double[] x = new double[n];
        double[] y = new double[n];
        java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 300.0) + 0.1 * rng.nextGaussian();
        }
        y[4321] = 5; // a spike must survive thinning
        double[][] thin = Thin.forDrawing(x, y, 350);
        assertTrue(thin[0].length <= 4 * 350, "at most four points per bucket: " + thin[0].length);
        double max = java.util.Arrays.stream(thin[1]).max().orElseThrow();
        double min = java.util.Arrays.stream(thin[1]).min().orElseThrow();
        assertEquals(5, max);
        assertEquals(java.util.Arrays.stream(y).min().orElseThrow(), min);
        assertTrue(Thin.increasing(thin[0]));
        Figure f = new Plot().series("loss", x, y).figure();
        Element path = SvgSupport.paths(SvgSupport.withIdEnding(SvgSupport.parse(f.svg()), "-series-0").get(0)).get(0);
        assertTrue(SvgSupport.lineTos(path) < 4 * 350, "drawn points: " + SvgSupport.lineTos(path));
        assertTrue(f.toString().contains("9000 points"), "the data stay whole: " + f);
        // Gaps survive thinning.
        y[100] = Double.NaN;
        double[][] gap = Thin.forDrawing(x, y, 350);
        assertTrue(java.util.Arrays.stream(gap[1]).anyMatch(Double::isNaN));
    }

    @Test
    void trajectoriesDropPointsWithinHalfAPixel() {
        // A trajectory that settles: 50 large steps, then 950 steps that barely move.
        int n = 1001;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double r = i < 50 ? 5.0 * (50 - i) / 50 : 1e-6 * (i % 7);
            x[i] = -r * Math.cos(i);
            y[i] = r * Math.sin(i);
        }
        double[][] thin = Thin.forDrawing(x, y, 350);
        assertTrue(thin[0].length < 100, "kept " + thin[0].length + " of " + n);
        assertEquals(x[0], thin[0][0]);
        assertEquals(y[n - 1], thin[1][thin[1].length - 1]);
        // Every dropped point lies within half a pixel of a kept one.
        double tx = 10.0 / 350 / 2;
        for (int i = 0; i < n; i++) {
            boolean near = false;
            for (int k = 0; k < thin[0].length && !near; k++) {
                near = Math.abs(thin[0][k] - x[i]) <= tx * 1.0001 + 1e-12 && Math.abs(thin[1][k] - y[i]) <= tx * 1.0001 + 1e-12;
            }
            assertTrue(near, "point " + i + " is far from every kept point");
        }
        // A short trajectory whose points are all apart stays whole, and gaps survive.
        double[] sx = {0, 1, 0, 1};
        double[] sy = {0, 0, 1, Double.NaN};
        assertSame(sx, Thin.forDrawing(sx, sy, 350)[0]);
        Figure f = new Plot().series(null, x, y, "-o", "#ff7f0e").figure();
        assertTrue(f.svg().length() < 60_000, "SVG of the settled trajectory: " + f.svg().length() + " chars");
    }

    @Test
    void pointsOutsideAFixedRangeAreSaidOnThePlot() throws Exception {
        Animator a = new Animator().ylim(0.22, 0.35).xlim(0, 2);
        a.add(0.1, 0.3);
        a.add(0.2, 4.2e11);
        a.add(0.3, Double.NaN);
        List<String> texts = SvgSupport.texts(SvgSupport.parse(a.figure().svg()));
        assertTrue(texts.stream().anyMatch(t -> t.contains("1 point above the y range") && t.contains("4.2e+11")),
                texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("NaN from x = 0.3 on")), "a run that ends in NaN: " + texts);
        // The book's loss plots start above their fixed range; that alone is not worth a note.
        Animator start = new Animator().ylim(0.22, 0.35);
        start.add(0, 0.38);
        start.add(1, 0.3);
        start.add(2, 0.25);
        start.add(3, 0.24);
        List<String> normal = SvgSupport.texts(SvgSupport.parse(start.figure().svg()));
        assertFalse(normal.stream().anyMatch(t -> t.contains("range")), normal.toString());
        List<String> inside = SvgSupport.texts(SvgSupport.parse(new Plot().series("l", X, Y).ylim(0, 5).figure().svg()));
        assertFalse(inside.stream().anyMatch(t -> t.contains("range")), inside.toString());
    }
}
