package d2l;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The sec_gd helpers: train2d's loop and printout, and what showTrace / showTrace2d draw. */
class GdTest {

    private static final double ETA = 0.1;

    private static double[] gd2d(double x1, double x2, double s1, double s2) {
        return new double[] {x1 - ETA * 2 * x1, x2 - ETA * 4 * x2, 0, 0};
    }

    @Test
    void train2dStartsAtTheBooksPointAndPrintsTheLastOne() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<double[]> r;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            r = Gd.train2d(GdTest::gd2d, 20);
        } finally {
            System.setOut(old);
        }
        assertEquals(21, r.size(), "start and 20 steps");
        assertArrayEquals(new double[] {-5, -2}, r.get(0));
        // x1 shrinks by 0.8 and x2 by 0.6 per step.
        assertEquals(-5 * Math.pow(0.8, 20), r.get(20)[0], 1e-12);
        assertEquals(-2 * Math.pow(0.6, 20), r.get(20)[1], 1e-12);
        assertEquals("epoch 20, x1: -0.057646, x2: -0.000073", out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void train2dRejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Gd.train2d(null, 20));
        assertThrows(IllegalArgumentException.class, () -> Gd.train2d(GdTest::gd2d, 0));
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Gd.train2d((a, b, c, d) -> new double[] {a, b}, 3)).getMessage();
        assertTrue(msg.contains("step 1") && msg.contains("2 numbers"), msg);
    }

    @Test
    void showTraceDrawsTheFunctionOnMinusNToNAndTheIterates() {
        double[] results = {10, 6, 3.6};
        String text = Gd.tracePlot(results, x -> x * x).figure().toString();
        // arange(-10, 10, 0.01): 2000 points; the iterates as a second series.
        assertTrue(text.contains("(2000 points)") && text.contains("(3 points)"), text);
        assertTrue(Gd.tracePlot(results, x -> x * x).figure().svg().contains("-markers-1"), "iterates drawn as -o");
        String diverged = assertThrows(IllegalArgumentException.class,
                () -> Gd.tracePlot(new double[] {1, Double.POSITIVE_INFINITY}, x -> x)).getMessage();
        assertTrue(diverged.contains("iterate 1"), diverged);
        assertThrows(IllegalArgumentException.class, () -> Gd.tracePlot(new double[0], x -> x));
    }

    @Test
    void showTrace2dDrawsContoursAndTheOrangeTrajectory() {
        List<double[]> r = List.of(new double[] {-5, -2}, new double[] {-4, -1.2}, new double[] {-3.2, -0.72});
        String svg = Gd.trace2dPlot((x1, x2) -> x1 * x1 + 2 * x2 * x2, r).figure().svg();
        assertTrue(svg.contains("-contour-0") && svg.contains("-series-0") && svg.contains("-markers-0"), "contour and -o");
        assertTrue(svg.contains("#ff7f0e"), "the book's orange #ff7f0e");
        assertTrue(svg.contains(">x1<") && svg.contains(">x2<"), "axis labels");
        String bad = assertThrows(IllegalArgumentException.class, () -> Gd.trace2dPlot((a, b) -> a,
                List.of(new double[] {0, 0}, new double[] {Double.NaN, 1}))).getMessage();
        assertTrue(bad.contains("point 1"), bad);
    }
}
