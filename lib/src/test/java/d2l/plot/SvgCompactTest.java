package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The SVG rewriting that keeps notebooks small: same picture, fewer bytes. */
class SvgCompactTest {

    private static final String HEAD = "<svg id='t-svg' xmlns='http://www.w3.org/2000/svg' "
            + "xmlns:jfreesvg='http://www.jfree.org/jfreesvg/svg' width='100' height='80' viewBox='0 0 100 80'>";

    private static Document compact(String body) throws Exception {
        return SvgSupport.parse(SvgCompact.compact(HEAD + body + "</svg>", 100, 80));
    }

    private static List<Element> all(Document doc, String name) {
        List<Element> out = new ArrayList<>();
        var nodes = doc.getElementsByTagNameNS("*", name);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    @Test
    void pathDataRoundTripsExactlyInHundredths() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder d = new StringBuilder();
            int subpaths = 1 + rng.nextInt(3);
            for (int s = 0; s < subpaths; s++) {
                d.append('M').append(coord(rng)).append(',').append(coord(rng));
                for (int k = rng.nextInt(8); k >= 0; k--) {
                    switch (rng.nextInt(4)) {
                        case 0 -> d.append('L').append(coord(rng)).append(',').append(coord(rng));
                        case 1 -> d.append('L').append(coord(rng)).append(",5"); // horizontal runs → H/h
                        case 2 -> d.append('C').append(coord(rng)).append(',').append(coord(rng)).append(',')
                                .append(coord(rng)).append(',').append(coord(rng)).append(',').append(coord(rng))
                                .append(',').append(coord(rng));
                        default -> d.append('Q').append(coord(rng)).append(',').append(coord(rng)).append(',')
                                .append(coord(rng)).append(',').append(coord(rng));
                    }
                }
                if (rng.nextBoolean()) {
                    d.append('Z');
                }
            }
            SvgPath p = SvgPath.parse(d.toString());
            String encoded = p.encode();
            SvgPath back = SvgPath.parse(encoded);
            assertEquals(segments(p), segments(back), d + " -> " + encoded);
            assertTrue(encoded.length() <= d.length(), "never longer: " + d + " -> " + encoded);
        }
    }

    private static String coord(Random rng) {
        return SvgRenderer.twoDecimals(rng.nextInt(60000) / 100.0 - 100);
    }

    private static List<String> segments(SvgPath p) {
        List<String> out = new ArrayList<>();
        for (SvgPath.Seg s : p.segs) {
            out.add(s.cmd() + java.util.Arrays.toString(s.c()));
        }
        return out;
    }

    @Test
    void simplifiedLineStaysWithinATenthOfAPixelOfEveryPoint() {
        Random rng = new Random(11);
        StringBuilder d = new StringBuilder("M0,50");
        double[][] pts = new double[2000][];
        pts[0] = new double[] {0, 50};
        for (int i = 1; i < pts.length; i++) {
            double x = i * 0.15;
            double y = 50 + 20 * Math.sin(i / 90.0) + 0.08 * rng.nextGaussian();
            pts[i] = new double[] {Math.round(x * 100) / 100.0, Math.round(y * 100) / 100.0};
            d.append('L').append(pts[i][0]).append(',').append(pts[i][1]);
        }
        SvgPath simple = SvgPath.parse(d.toString()).simplify(10);
        assertTrue(simple.segs.size() < pts.length / 2, "kept " + simple.segs.size() + " of " + pts.length);
        List<double[]> kept = new ArrayList<>();
        for (SvgPath.Seg s : simple.segs) {
            kept.add(new double[] {s.endX() / 100.0, s.endY() / 100.0});
        }
        assertEquals(0, kept.get(0)[0]);
        assertEquals(pts[pts.length - 1][0], kept.get(kept.size() - 1)[0], 1e-9);
        for (double[] p : pts) {
            double best = Double.MAX_VALUE;
            for (int k = 0; k + 1 < kept.size(); k++) {
                best = Math.min(best, distance(p, kept.get(k), kept.get(k + 1)));
            }
            assertTrue(best <= 0.1 + 1e-9, "point " + java.util.Arrays.toString(p) + " is " + best + " px off");
        }
        // A straight line of many points is one segment; a short zigzag keeps every point.
        assertEquals(2, SvgPath.parse("M0,0L1,1L2,2L3,3L50,50").simplify(10).segs.size());
        assertEquals(4, SvgPath.parse("M0,0L1,1L2,0L3,1").simplify(10).segs.size());
    }

    private static double distance(double[] p, double[] a, double[] b) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
        return Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
    }

    @Test
    void stylesBecomeClassesOrAttributesWithTheSameComputedValues() throws Exception {
        String tick = "style='stroke-width:0.800000011920929;stroke:rgb(0,0,0);stroke-opacity:1.0;stroke-linecap:square'";
        String label = "style='fill: rgb(0,0,0); fill-opacity: 1.0; font-family: sans-serif; font-size: 11px;'";
        Document doc = compact("<line x1='10' y1='60.5' x2='10' y2='64' " + tick + "/>"
                + "<text x='8' y='75' " + label + ">0</text>"
                + "<line x1='30' y1='60.5' x2='30' y2='64' " + tick + "/>"
                + "<text x='28' y='75' " + label + ">1</text>"
                + "<text x='48' y='75' " + label + ">2</text>"
                + "<g style='fill:rgb(255,127,14);stroke:none'><path d='M5,5L9,5L9,9Z'/></g>");
        assertTrue(all(doc, "line").isEmpty(), "lines are paths");
        // Both ticks end up in one path (only black labels lie between them: the order cannot show).
        List<Element> paths = all(doc, "path");
        Element ticks = paths.get(0);
        assertEquals(2, SvgSupport.subpaths(ticks).size());
        assertEquals("#000000", SvgSupport.style(ticks).get("stroke"));
        assertEquals(".8", SvgSupport.style(ticks).get("stroke-width"));
        assertEquals("square", SvgSupport.style(ticks).get("stroke-linecap"));
        assertEquals(List.of("0", "1", "2"), SvgSupport.texts(doc));
        for (Element t : all(doc, "text")) {
            assertEquals("11px", SvgSupport.style(t).get("font-size"));
            assertEquals("sans-serif", SvgSupport.style(t).get("font-family"));
        }
        Element face = paths.get(1);
        assertEquals("#ff7f0e", SvgSupport.style(face).get("fill"));
        assertNull(SvgSupport.style(face).get("stroke"), "stroke:none is the default");
        String svg = SvgCompact.compact(HEAD + "<text x='1' y='2' " + label + ">a</text></svg>", 100, 80);
        assertFalse(svg.contains("jfreesvg") || svg.contains("opacity") || svg.contains("rgb("), svg);
    }

    @Test
    void clipsOfTheWholeCanvasGoOthersStay() throws Exception {
        String defs = "<defs><clipPath id='whole'><path d='M-50,-40L50,-40L50,40L-50,40Z'/></clipPath>"
                + "<clipPath id='area'><path d='M10,10L90,10L90,70L10,70Z'/></clipPath></defs>";
        String style = "style='stroke-width:1.5;stroke:rgb(31,119,180);fill:none'";
        Document doc = compact(defs
                + "<g " + style + " transform='matrix(1,0,0,1,50,40)' clip-path='url(#whole)'><path d='M-40,0L40,0'/></g>"
                + "<g id='t-series-0' " + style + " clip-path='url(#area)'><path d='M0,0L100,80'/></g>"
                + "<g " + style + " clip-path='url(#area)'><path d='M0,80L100,0'/></g>");
        List<Element> clips = all(doc, "clipPath");
        assertEquals(1, clips.size(), "the canvas-sized clip is gone");
        assertEquals("area", clips.get(0).getAttribute("id"));
        Element first = all(doc, "path").stream().filter(p -> !p.getParentNode().getNodeName().equals("clipPath"))
                .findFirst().orElseThrow();
        assertEquals(List.of(10.0, 40.0), List.of(SvgSupport.subpaths(first).get(0).get(0)[0],
                SvgSupport.subpaths(first).get(0).get(0)[1]), "its translation is applied to the coordinates");
        // The two lines clipped to the data area sit in one clipped group; the series keeps its id.
        Element series = SvgSupport.withIdEnding(doc, "-series-0").get(0);
        assertEquals("url(#area)", ((Element) series.getParentNode()).getAttribute("clip-path"));
    }

    @Test
    void translucentDashedOrOppositelyWoundPathsStaySeparate() throws Exception {
        String[] styles = {
            "fill:rgb(255,255,255);fill-opacity:0.86",
            "stroke-width:1.5;stroke:rgb(191,0,191);stroke-dasharray:5.55,2.4;fill:none",
        };
        for (String st : styles) {
            Document doc = compact("<path d='M1,1L9,1L9,9Z' style='" + st + "'/><path d='M5,5L19,5L19,19Z' style='" + st + "'/>");
            assertEquals(2, all(doc, "path").size(), st);
        }
        Document same = compact("<path d='M1,1L9,1L9,9Z' style='fill:rgb(1,2,3)'/><path d='M5,5L19,5L19,19Z' style='fill:rgb(1,2,3)'/>");
        assertEquals(1, all(same, "path").size(), "same winding: one path");
        Document opposite = compact("<path d='M1,1L9,1L9,9Z' style='fill:rgb(1,2,3)'/><path d='M5,5L19,19L19,5Z' style='fill:rgb(1,2,3)'/>");
        assertEquals(2, all(opposite, "path").size(), "opposite winding would leave a hole where they overlap");
        Document between = compact("<path d='M1,1L9,1' style='stroke:rgb(0,0,0)'/><path d='M1,3L9,3' style='stroke:rgb(255,0,0)'/>"
                + "<path d='M1,5L9,5' style='stroke:rgb(0,0,0)'/>");
        assertEquals(3, all(between, "path").size(), "a red line between two black ones keeps the order");
    }

    @Test
    void thinCrispStrokesSitOnPixelCentres() throws Exception {
        String crisp = "style='stroke-width:0.8;stroke:rgb(208,208,208);shape-rendering:crispEdges'";
        Document doc = compact("<line x1='0' y1='20' x2='100' y2='20' " + crisp + "/>"
                + "<line x1='33.97' y1='0' x2='33.97' y2='80' " + crisp + "/>"
                + "<line x1='0' y1='40' x2='100' y2='40' style='stroke-width:0.8;stroke:rgb(0,0,0)'/>"
                + "<rect x='10' y='10' width='80' height='60' style='stroke-width:0.8;stroke:rgb(0,0,0);"
                + "shape-rendering:crispEdges;fill:none'/>");
        List<List<double[]>> grid = SvgSupport.subpaths(all(doc, "path").get(0));
        assertEquals(20.5, grid.get(0).get(0)[1]);
        assertEquals(20.5, grid.get(0).get(1)[1]);
        assertEquals(33.5, grid.get(1).get(0)[0]);
        assertEquals(40.0, SvgSupport.subpaths(all(doc, "path").get(1)).get(0).get(0)[1], "not crisp: unmoved");
        Element frame = all(doc, "rect").get(0);
        assertEquals(List.of("10.5", "10.5", "80", "60"), List.of(frame.getAttribute("x"), frame.getAttribute("y"),
                frame.getAttribute("width"), frame.getAttribute("height")));
    }

    @Test
    void inlineFiguresScopeTheirRulesToTheirId() {
        String svg = "<svg id='f-svg'><style>.a{fill:#000}.b1{stroke:#fff;stroke-width:.8}</style><text class='a'>x</text></svg>";
        assertEquals("<svg id='f-svg'><style>#f-svg .a{fill:#000}#f-svg .b1{stroke:#fff;stroke-width:.8}</style>"
                + "<text class='a'>x</text></svg>", Figure.inline(svg, "f-svg"));
        String page = new Plot().series("a", new double[] {1, 2, 3}, new double[] {1, 3, 2}).figure().html();
        assertTrue(page.matches("(?s).*<style>#d2l_fig_[0-9a-f]{16}-svg \\.a\\{.*"), page.substring(0, 400));
    }

    @Test
    void unknownMarkupIsLeftAlone() {
        String arc = HEAD + "<path d='M10,10A5,5,0,0,1,20,20' style='stroke:rgb(0,0,0)'/></svg>";
        assertTrue(SvgCompact.compact(arc, 100, 80).contains("d='M10,10A5,5,0,0,1,20,20'"));
        String broken = "<svg><g></svg>";
        assertEquals(broken, SvgCompact.compact(broken, 100, 80));
        String entities = SvgCompact.compact(HEAD + "<text x='1' y='2' style='fill:rgb(0,0,0)'>a &lt; b &amp; c</text></svg>", 100, 80);
        assertTrue(entities.contains(">a &lt; b &amp; c</text>"), entities);
    }
}
