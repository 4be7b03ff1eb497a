package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class FigureTest {

    private static Figure twoSeries() {
        double[] x = {1, 2, 3, 4};
        return new Plot().series("train", x, new double[] {0.4, 0.3, 0.25, 0.24})
                .series("test", x, new double[] {0.45, 0.35, 0.3, 0.29})
                .xlabel("epoch").ylabel("loss").ylim(0.2, 0.5).yscale("log").figure();
    }

    @Test
    void htmlHasInlineSvgAndBothLoaders() throws Exception {
        String html = twoSeries().html();
        assertTrue(html.contains("<svg"), "inline SVG");
        // RequireJS (classic Notebook): AMD path without ".js", loaded through require.
        assertTrue(html.contains("window.requirejs.config({paths: {plotly: 'https://cdn.plot.ly/plotly-2.35.2.min'}})"), html);
        assertTrue(html.contains("window.requirejs(['plotly'], draw"), html);
        // No RequireJS (JupyterLab): a script tag, then window.Plotly.
        assertTrue(html.contains("document.createElement('script')"), html);
        assertTrue(html.contains("s.src = 'https://cdn.plot.ly/plotly-2.35.2.min.js'"), html);
        assertTrue(html.contains("window.Plotly"), html);
        // The tablesaw-jsplot figure: line traces with our names, log y axis with range in powers of ten.
        assertTrue(html.contains("mode: 'lines'") && html.contains("name: 'train'") && html.contains("name: 'test'"), html);
        assertTrue(html.contains("type: 'log'"), html);
        assertTrue(html.contains(String.valueOf(Math.log10(0.2))), "log range in powers of ten");
        assertTrue(html.contains("Plotly.newPlot("), html);
        assertFalse(html.contains("<script>\n"), "tablesaw's own script tags are stripped");
    }

    @Test
    void embeddedSvgIsWellFormedAndIdsAreFreshPerCall() throws Exception {
        Figure f = twoSeries();
        String a = f.html();
        String b = f.html();
        String idA = divId(a);
        String idB = divId(b);
        assertNotEquals(idA, idB);
        String svgA = a.substring(a.indexOf("<svg"), a.indexOf("</svg>") + "</svg>".length());
        Document doc = SvgSupport.parse(svgA);
        assertEquals(idA + "-svg", doc.getDocumentElement().getAttribute("id"));
        assertEquals(1, SvgSupport.withIdEnding(doc, idA + "-series-1").size());
        assertTrue(a.contains("getElementById('" + idA + "_plotly')"), "tablesaw script targets our div");
        // tablesaw-jsplot declares `var target_<div id>`, so the id must be a JavaScript identifier.
        assertTrue((idA + "_plotly").matches("[A-Za-z_$][A-Za-z0-9_$]*"), idA);
        // Ids come from the content: the same figure drawn again gets the same ids (stable notebooks);
        // a second embedding in the same page gets its own.
        String standaloneId = SvgSupport.parse(f.svg()).getDocumentElement().getAttribute("id");
        assertEquals(standaloneId, SvgSupport.parse(twoSeries().svg()).getDocumentElement().getAttribute("id"));
        assertTrue(a.contains(standaloneId));
        assertFalse(b.contains(standaloneId));
    }

    private static String divId(String html) {
        Matcher m = Pattern.compile("<div id=\"(d2l_fig_[0-9a-f]+(?:_[0-9]+)?)\" class=\"d2l-figure\"").matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }

    @Test
    void labelsCannotBreakOutOfTheScript() {
        double[] x = {1, 2};
        String html = new Plot().series("</script><b>", x, x).xlabel("</script>").figure().html();
        int scripts = html.split("</script>", -1).length - 1;
        assertEquals(1, scripts, "only our own closing script tag");
    }

    @Test
    void saveWritesSvgOrHtmlByExtension(@TempDir Path dir) throws Exception {
        Figure f = twoSeries();
        Path svg = dir.resolve("sub/loss.svg");
        f.save(svg);
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml"));
        SvgSupport.parse(text);
        Path html = dir.resolve("loss.HTML");
        f.save(html);
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg") && page.contains("</html>"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.save(dir.resolve("loss.png")));
        assertTrue(e.getMessage().contains("loss.png"), e.getMessage());
    }

    @Test
    void toStringIsShort() {
        String s = twoSeries().toString();
        assertTrue(s.startsWith("Figure[350x250 px") && s.contains("train (4 points)") && s.length() < 200, s);
    }
}
