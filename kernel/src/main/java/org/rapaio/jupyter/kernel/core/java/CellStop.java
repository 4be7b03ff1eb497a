package org.rapaio.jupyter.kernel.core.java;

/**
 * The flag that Stop (Jupyter's interrupt) raises and that loops written in a cell check.
 *
 * <p>{@link LoopInstrumenter} puts a call to {@link #poll()} before every backward jump of a cell's
 * classes, so {@code while (true) { n++; }} ends at its next turn once {@link #request()} was called.
 * Library code is not rewritten: its long loops check {@code Thread.interrupted()} themselves
 * ({@code d2l.train.Interrupts.check()}), and {@link RapaioExecutionControl} interrupts the cell's thread.
 *
 * <p>Public because the rewritten cell classes live in JShell's class loader and call it from there.
 */
public final class CellStop {

    private static volatile boolean requested;

    private CellStop() {
    }

    /** Called by the rewritten cell code at every turn of a loop; cheap (one volatile read). */
    public static void poll() {
        if (requested) {
            throw new Stopped();
        }
    }

    static void request() {
        requested = true;
    }

    static void clear() {
        requested = false;
    }

    static boolean isRequested() {
        return requested;
    }

    /**
     * Thrown into the cell by {@link #poll()}. An {@link Error}, so that a cell's {@code catch (Exception e)}
     * does not swallow it; no stack trace, the kernel reports it as one line.
     */
    public static final class Stopped extends Error {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the cell was stopped", null, false, false);
        }
    }
}
