package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PlotTest {

    private static double[] range(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    @Test
    void svgIsWellFormedWithLabelsLegendAndOnePathPerSeries() throws Exception {
        double[] x = range(25);
        Figure f = new Plot()
                .series("train", x, map(x, v -> 1 / (1 + v)))
                .series("test", x, map(x, v -> 1.2 / (1 + v)))
                .series("valid", x, map(x, v -> 1.1 / (1 + v)))
                .xlabel("epoch").ylabel("loss")
                .figure();
        Document doc = SvgSupport.parse(f.svg());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        List<String> texts = SvgSupport.texts(doc);
        for (String expected : List.of("epoch", "loss", "train", "test", "valid")) {
            assertTrue(texts.contains(expected), expected + " missing from " + texts);
        }
        for (int k = 0; k < 3; k++) {
            List<Element> groups = SvgSupport.withIdEnding(doc, "-series-" + k);
            assertEquals(1, groups.size(), "series " + k);
            List<Element> paths = SvgSupport.paths(groups.get(0));
            assertEquals(1, paths.size(), "one path for series " + k);
            // 25 points; those within 0.1 px of the line through their neighbours are not written.
            List<List<double[]>> sub = SvgSupport.subpaths(paths.get(0));
            assertEquals(1, sub.size(), "one unbroken line");
            int segments = SvgSupport.lineTos(paths.get(0));
            assertTrue(segments >= 5 && segments <= 24, segments + " segments");
            assertTrue(sub.get(0).get(0)[0] < sub.get(0).get(segments)[0], "drawn left to right");
        }
        assertTrue(SvgSupport.withIdEnding(doc, "-series-3").isEmpty());
    }

    @Test
    void seriesGetTheBookLineStylesAndColours() throws Exception {
        double[] x = range(5);
        Figure f = new Plot().series("a", x, x).series("b", x, x).series("c", x, x).series("d", x, x).figure();
        Document doc = SvgSupport.parse(f.svg());
        String[] expect = {"#1f77b4", "#bf00bf", "#008000", "#ff0000"};
        for (int k = 0; k < 4; k++) {
            var style = SvgSupport.style(SvgSupport.withIdEnding(doc, "-series-" + k).get(0));
            assertEquals(expect[k], style.get("stroke"), "series " + k + ": " + style);
            assertEquals(k > 0, style.containsKey("stroke-dasharray"), "series " + k + " dashed? " + style);
        }
    }

    @Test
    void oneUnnamedSeriesHasNoLegendAndTwoGetDefaultNames() throws Exception {
        double[] x = range(4);
        List<String> one = SvgSupport.texts(SvgSupport.parse(new Plot().series(x, x).figure().svg()));
        assertFalse(one.contains("series 1"), one.toString());
        List<String> two = SvgSupport.texts(SvgSupport.parse(new Plot().series(x, x).series(x).figure().svg()));
        assertTrue(two.contains("series 1") && two.contains("series 2"), two.toString());
        List<String> named = SvgSupport.texts(SvgSupport.parse(
                new Plot().series(x, x).series(x).legend("f(x)", "g(x)").figure().svg()));
        assertTrue(named.contains("f(x)") && named.contains("g(x)"), named.toString());
        List<String> off = SvgSupport.texts(SvgSupport.parse(
                new Plot().series("a", x, x).series("b", x, x).legend(false).figure().svg()));
        assertFalse(off.contains("a") || off.contains("b"), off.toString());
    }

    @Test
    void markupInLabelsIsEscaped() throws Exception {
        double[] x = range(3);
        Figure f = new Plot().series("x<y & \"z\"", x, x).xlabel("a < b > c").ylabel("it's & done").figure();
        List<String> texts = SvgSupport.texts(SvgSupport.parse(f.svg()));
        assertTrue(texts.contains("x<y & \"z\""), texts.toString());
        assertTrue(texts.contains("a < b > c"), texts.toString());
        assertTrue(texts.contains("it's & done"), texts.toString());
        assertTrue(f.html().contains("<svg"));
    }

    @Test
    void figsizeIsInInchesAt100PixelsPerInch() throws Exception {
        double[] x = range(3);
        Element d = SvgSupport.parse(new Plot().series(x, x).figure().svg()).getDocumentElement();
        assertEquals(350.0, Double.parseDouble(d.getAttribute("width")));
        assertEquals(250.0, Double.parseDouble(d.getAttribute("height")));
        Element big = SvgSupport.parse(new Plot().series(x, x).figsize(6, 3).figure().svg()).getDocumentElement();
        assertEquals(600.0, Double.parseDouble(big.getAttribute("width")));
        assertEquals(300.0, Double.parseDouble(big.getAttribute("height")));
    }

    @Test
    void seriesArraysAreCopied() throws Exception {
        double[] x = range(6);
        double[] y = map(x, v -> v * v);
        Plot p = new Plot().series("sq", x, y);
        String before = pathData(p.figure());
        y[3] = 1000;
        x[0] = -50;
        assertEquals(before, pathData(p.figure()));
        assertNotEquals(before, pathData(new Plot().series("sq", x, y).figure()));
    }

    private static String pathData(Figure f) throws Exception {
        Document doc = SvgSupport.parse(f.svg());
        return SvgSupport.paths(SvgSupport.withIdEnding(doc, "-series-0").get(0)).get(0).getAttribute("d");
    }

    @Test
    void nanLeavesAGap() throws Exception {
        double[] x = range(5);
        double[] y = {1, 2, Double.NaN, 4, 5};
        Element path = SvgSupport.paths(SvgSupport.withIdEnding(
                SvgSupport.parse(new Plot().series("g", x, y).figure().svg()), "-series-0").get(0)).get(0);
        String d = path.getAttribute("d");
        assertEquals(2, SvgSupport.subpaths(path).size(), "two pieces: " + d);
        assertEquals(2, SvgSupport.lineTos(path), d);
    }

    @Test
    void logYAxisPlacesDecadesEvenly() throws Exception {
        double[] x = range(5);
        double[] y = {10, 1, 0.1, 0.01, 0.001};
        Figure f = new Plot().series("loss", x, y).yscale("log").figure();
        Document doc = SvgSupport.parse(f.svg());
        List<String> texts = SvgSupport.texts(doc);
        List<Double> ys = new ArrayList<>();
        for (String label : List.of("10\u207b\u00b3", "10\u207b\u00b2", "10\u207b\u00b9", "10\u2070", "10\u00b9")) {
            int i = texts.indexOf(label);
            assertTrue(i >= 0, label + " missing from " + texts);
            ys.add(Double.parseDouble(((Element) doc.getElementsByTagNameNS("*", "text").item(i)).getAttribute("y")));
        }
        double step = ys.get(0) - ys.get(1);
        assertTrue(step > 10, "decades go up the page: " + ys);
        for (int i = 1; i < ys.size() - 1; i++) {
            assertEquals(step, ys.get(i) - ys.get(i + 1), 0.5, "equal spacing per decade: " + ys);
        }
        // The data are a straight line on a log axis: drawn as one segment (the three points between lie
        // on it within 0.1 px, so they are not written) that spans four decades.
        Element path = SvgSupport.paths(SvgSupport.withIdEnding(doc, "-series-0").get(0)).get(0);
        List<double[]> pts = SvgSupport.subpaths(path).get(0);
        assertEquals(2, pts.size(), path.getAttribute("d"));
        assertEquals(4 * step, pts.get(1)[1] - pts.get(0)[1], 0.5, "one decade per point");
    }

    @Test
    void logXAxisAndNarrowLogRangeUsePlainTicks() throws Exception {
        double[] x = {1, 10, 100, 1000};
        List<String> texts = SvgSupport.texts(SvgSupport.parse(
                new Plot().series("s", x, x).xscale("log").yscale("log").xlabel("n").figure().svg()));
        assertTrue(texts.contains("10\u00b2"), texts.toString());
        double[] t = {1, 2, 3, 4};
        double[] loss = {0.34, 0.3, 0.26, 0.23};
        List<String> narrow = SvgSupport.texts(SvgSupport.parse(
                new Plot().series("l", t, loss).yscale("log").ylim(0.22, 0.35).figure().svg()));
        assertTrue(narrow.contains("0.25") && narrow.contains("0.3"), narrow.toString());
        assertTrue(narrow.stream().noneMatch(s -> s.startsWith("10")), narrow.toString());
    }

    @Test
    void logTickHelper() {
        List<double[]> ticks = SvgRenderer.DecadeLogAxis.logTicks(0.22, 0.35);
        assertEquals(6, ticks.size(), "0.225, 0.25, ..., 0.35");
        assertEquals(0.225, ticks.get(0)[0], 1e-12);
        assertEquals(0.35, ticks.get(5)[0], 1e-12);
        List<double[]> decades = SvgRenderer.DecadeLogAxis.logTicks(0.5, 2000);
        long labelled = decades.stream().filter(t -> t[1] == 2).count();
        assertEquals(4, labelled, "1, 10, 100, 1000");
        assertEquals("\u207b\u00b9\u2070", SvgRenderer.DecadeLogAxis.superscript(-10));
    }

    @Test
    void lengthMismatchNamesSeriesAndBothLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Plot().series("train", new double[3], new double[2]));
        assertTrue(e.getMessage().contains("\"train\"") && e.getMessage().contains("3")
                && e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Plot().series("t", null, new double[2]));
    }

    @Test
    void logAxisRejectsNonPositiveValuesWithTheValue() {
        Plot p = new Plot().series("loss", new double[] {1, 2, 3}, new double[] {0.5, -0.25, 0.1}).yscale("log");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::figure);
        assertTrue(e.getMessage().contains("-0.25") && e.getMessage().contains("loss")
                && e.getMessage().contains("yscale"), e.getMessage());
        Plot zeroX = new Plot().series("s", new double[] {0, 1}, new double[] {1, 2}).xscale("log");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, zeroX::figure);
        assertTrue(ex.getMessage().contains("x[0] = 0.0"), ex.getMessage());
        Plot badLim = new Plot().series("s", new double[] {1, 2}, new double[] {1, 2}).yscale("log").ylim(0, 3);
        IllegalArgumentException el = assertThrows(IllegalArgumentException.class, badLim::figure);
        assertTrue(el.getMessage().contains("lo=0.0"), el.getMessage());
    }

    @Test
    void limitsAndScalesAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Plot().xlim(2, 1));
        assertTrue(e.getMessage().contains("lo=2.0") && e.getMessage().contains("hi=1.0"), e.getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> new Plot().ylim(0.5, 0.5));
        assertTrue(same.getMessage().contains("lo=0.5") && same.getMessage().contains("ylim"), same.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Plot().ylim(Double.NaN, 1));
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> new Plot().yscale("loglog"));
        assertTrue(s.getMessage().contains("\"loglog\""), s.getMessage());
        IllegalArgumentException fs = assertThrows(IllegalArgumentException.class, () -> new Plot().figsize(0, 2));
        assertTrue(fs.getMessage().contains("width=0.0"), fs.getMessage());
        IllegalArgumentException fm = assertThrows(IllegalArgumentException.class, () -> new Plot().fmts("-", "xo"));
        assertTrue(fm.getMessage().contains("\"xo\""), fm.getMessage());
    }

    @Test
    void limitsFixTheVisibleRange() throws Exception {
        double[] x = {0, 1, 2};
        List<String> texts = SvgSupport.texts(SvgSupport.parse(
                new Plot().series("s", x, x).xlim(0, 10).figure().svg()));
        assertTrue(texts.contains("10") || texts.contains("10.0"), texts.toString());
    }

    @Test
    void figureDescribesItself() {
        double[] x = map(range(10), v -> v + 1);
        String s = new Plot().series("train", x, x).series("test", x, x).xlabel("epoch").ylabel("loss")
                .yscale("log").xlim(1, 9).ylim(1, 9).figure().toString();
        assertTrue(s.contains("350x250") && s.contains("train (10 points)") && s.contains("loss (log)")
                && s.contains("2 series"), s);
    }
}
