package org.rapaio.jupyter.kernel.core.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.core.ExecutionContext;
import org.rapaio.jupyter.kernel.core.java.io.JShellConsole;

/** Stop on the engine itself, without Jupyter: each kind of busy cell ends within 2 s and the engine keeps its variables. */
class StopTest {

    private static JavaEngine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = JavaEngine.builder(new JShellConsole(), new ExecutionContext(null)).build();
        engine.initialize();
        engine.beginCell();
        engine.eval(null, "long n = 0;");
    }

    @AfterAll
    static void stop() {
        engine.shutdown();
    }

    /**
     * Runs {@code code} as a cell, presses Stop 300 ms after the cell has started running (not just
     * compiling: a Stop during compilation rightly keeps the cell from running at all), returns how the
     * cell ended and how long after Stop.
     */
    private static Outcome stopAfter300ms(String code) throws Exception {
        engine.beginCell();
        System.clearProperty("stop.test");
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> {
            try {
                return engine.eval(null, "System.setProperty(\"stop.test\", \"running\");\n" + code);
            } catch (Exception e) {
                return e;
            }
        });
        // Compiling a cell can take seconds on a loaded machine; Stop must come once the cell runs.
        for (int i = 0; i < 6000 && System.getProperty("stop.test") == null; i++) {
            Thread.sleep(10);
        }
        assertEquals("running", System.getProperty("stop.test"), "the cell did not start running within 60 s");
        Thread.sleep(300);
        long t0 = System.nanoTime();
        engine.interrupt();
        Object end = cell.get(10, TimeUnit.SECONDS);
        return new Outcome(end, (System.nanoTime() - t0) / 1e9);
    }

    private record Outcome(Object end, double seconds) {
    }

    @Test
    void aLoopWrittenInTheCellStopsAndVariablesStay() throws Exception {
        Outcome o = stopAfter300ms("while (true) { n++; }");
        CellInterruptedException e = assertInstanceOf(CellInterruptedException.class, o.end);
        assertTrue(o.seconds < 2, "took " + o.seconds + " s");
        assertTrue(!e.stillRunning());
        engine.beginCell();
        assertEquals(Boolean.TRUE, engine.eval(null, "n > 0"));
    }

    @Test
    void theRestOfAStoppedCellDoesNotRun() throws Exception {
        engine.beginCell();
        engine.eval(null, "int after = 0;");
        Outcome o = stopAfter300ms("while (true) { n++; }\nafter = 1;");
        assertInstanceOf(CellInterruptedException.class, o.end);
        engine.beginCell();
        assertEquals(0, engine.eval(null, "after"));
    }

    @Test
    void aSleepingCellStops() throws Exception {
        Outcome o = stopAfter300ms("Thread.sleep(60_000);");
        assertInstanceOf(CellInterruptedException.class, o.end);
        assertTrue(o.seconds < 2, "took " + o.seconds + " s");
    }

    @Test
    void codeThatChecksNothingStopsOnJdk17AndIsLeftBehindLater() throws Exception {
        // The loop is inside the JDK's stream code: not rewritten, and it never looks at the interrupt flag.
        Outcome o = stopAfter300ms("java.util.stream.LongStream.iterate(0, i -> i + 1).filter(i -> i < 0).findFirst();");
        CellInterruptedException e = assertInstanceOf(CellInterruptedException.class, o.end);
        assertTrue(o.seconds < 2, "took " + o.seconds + " s");
        boolean threadStopWorks = Runtime.version().feature() < 20;
        assertEquals(!threadStopWorks, e.stillRunning());
        engine.beginCell();
        assertEquals(Boolean.TRUE, engine.eval(null, "n >= 0"));
    }

    @Test
    void anUninterruptedCellIsUnaffected() throws Exception {
        engine.beginCell();
        assertEquals(4950L, engine.eval(null, "long s = 0; for (int i = 0; i < 100; i++) { s += i; } s"));
    }
}
