package d2l.train;

/** Thrown by {@link Interrupts#check()} when the thread running a loop has been interrupted. Unchecked. */
public final class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingInterruptedException(String message) {
        super(message);
    }
}
