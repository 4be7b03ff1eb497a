package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class AnimatorTest {

    @AfterEach
    void clearPlotDir() {
        System.clearProperty(Jupyter.PLOT_DIR);
    }

    @Test
    void accumulatesOnePointPerSeries() {
        Animator a = new Animator().xlabel("epoch").ylabel("loss").xlim(0, 2).ylim(0.22, 0.35).legend("train", "test");
        for (int i = 0; i < 40; i++) { // past the initial capacity
            a.add(0.05 * i, 0.3 - 0.001 * i, 0.31 - 0.001 * i);
        }
        assertEquals(40, a.size());
        assertEquals(2, a.seriesCount());
        double[] x = a.x();
        double[] train = a.y(0);
        double[] test = a.y(1);
        assertEquals(40, x.length);
        for (int i = 0; i < 40; i++) {
            assertEquals(0.05 * i, x[i]);
            assertEquals(0.3 - 0.001 * i, train[i]);
            assertEquals(0.31 - 0.001 * i, test[i]);
        }
        x[0] = 99;
        train[0] = 99;
        assertEquals(0.0, a.x()[0], "x() returns a copy");
        assertEquals(0.3, a.y(0)[0], "y() returns a copy");
    }

    @Test
    void rejectsMismatchedAdds() {
        Animator a = new Animator();
        a.add(1, 0.5, 0.6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(2, 0.4, 0.5, 0.7));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.add(2, 0.4));
        assertThrows(IllegalArgumentException.class, () -> a.add(2));
        assertEquals(1, a.size(), "rejected adds change nothing");
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> new Animator().legend("train", "test").add(1, 0.5));
        assertTrue(l.getMessage().contains("[train, test]"), l.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.legend("only one"));
        assertThrows(IndexOutOfBoundsException.class, () -> a.y(2));
        assertThrows(IndexOutOfBoundsException.class, () -> new Animator().y(0));
    }

    @Test
    void addDoesNotRenderOutsideANotebook() {
        assertFalse(Jupyter.active());
        // A log axis with a negative value fails as soon as anything is rendered; add must not render.
        Animator a = new Animator().yscale("log");
        a.add(1, -1.0);
        a.finish();
        assertThrows(IllegalArgumentException.class, a::figure);
    }

    @Test
    void figureShowsEveryPointAndTheLegend() throws Exception {
        Animator a = new Animator().xlabel("epoch").ylabel("loss").legend("train", "test");
        for (int i = 1; i <= 7; i++) {
            a.add(i, 1.0 / i, 1.5 / i);
        }
        Document doc = SvgSupport.parse(a.figure().svg());
        List<String> texts = SvgSupport.texts(doc);
        assertTrue(texts.containsAll(List.of("epoch", "loss", "train", "test")), texts.toString());
        for (int k = 0; k < 2; k++) {
            var group = SvgSupport.withIdEnding(doc, "-series-" + k);
            assertEquals(1, group.size());
            assertEquals(6, SvgSupport.lineTos(SvgSupport.paths(group.get(0)).get(0)));
        }
    }

    @Test
    void writesAndOverwritesOneFilePairWithPlotDir(@TempDir Path dir) throws Exception {
        System.setProperty(Jupyter.PLOT_DIR, dir.toString());
        assertTrue(Jupyter.active());
        Animator a = new Animator().xlabel("epoch").legend("train");
        a.add(1, 0.5);
        List<Path> files = list(dir);
        assertEquals(2, files.size(), files.toString());
        Path svg = files.stream().filter(p -> p.toString().endsWith(".svg")).findFirst().orElseThrow();
        String first = Files.readString(svg);
        a.add(2, 0.3);
        a.add(3, 0.4);
        assertEquals(files, list(dir), "same two files, overwritten");
        Document doc = SvgSupport.parse(Files.readString(svg));
        assertEquals(2, SvgSupport.lineTos(SvgSupport.paths(SvgSupport.withIdEnding(doc, "-series-0").get(0)).get(0)));
        assertFalse(first.equals(Files.readString(svg)));
        a.finish();
        Path html = Path.of(svg.toString().replaceFirst("\\.svg$", ".html"));
        String page = Files.readString(html);
        assertTrue(page.contains("<svg") && page.contains("Plotly.newPlot("), "final frame has the interactive view");
        assertEquals(2, list(dir).size());
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
