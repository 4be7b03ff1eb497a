package org.rapaio.jupyter.kernel.core.java;

/** A cell ended by Stop. {@code stillRunning}: its thread did not end and runs on in the background. */
public class CellInterruptedException extends EvaluationInterruptedException {
    private static final long serialVersionUID = 1L;
    private final boolean stillRunning;

    public CellInterruptedException(String source, boolean stillRunning) {
        super(source);
        this.stillRunning = stillRunning;
    }

    public boolean stillRunning() {
        return stillRunning;
    }
}
