package org.rapaio.jupyter.kernel.core.java;

/** The cell ends inside an unfinished statement or block, which starts at {@code line} of the cell. */
public class IncompleteCellException extends IncompleteSourceException {
    private static final long serialVersionUID = 1L;
    private final int line;

    public IncompleteCellException(String source, int line) {
        super(source);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
