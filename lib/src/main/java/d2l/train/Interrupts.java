package d2l.train;

/**
 * Where long loops let the user stop them. The training loop calls {@link #check()} once per
 * minibatch; a notebook's stop button (or any code) interrupts the thread running the cell, and the
 * next check ends the run with a {@link TrainingInterruptedException}. Java has no safe way to stop a
 * thread from outside, so the loop has to ask.
 */
public final class Interrupts {
    private Interrupts() {}

    /**
     * Throws {@link TrainingInterruptedException} with the message {@code "interrupted"} if the current
     * thread has been interrupted. Like a method throwing {@link InterruptedException}, it clears the
     * thread's interrupt status when it throws: the exception now carries the request, and the kernel
     * thread can run the next cell.
     */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            Thread.interrupted(); // clear, as InterruptedException does
            throw new TrainingInterruptedException("interrupted");
        }
    }
}
