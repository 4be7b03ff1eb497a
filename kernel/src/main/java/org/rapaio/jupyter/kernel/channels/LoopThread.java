package org.rapaio.jupyter.kernel.channels;

/**
 * Our replacement for the kernel's own {@code LoopThread} (rapaio-jupyter-kernel 3.0.1 to 3.0.4), put
 * ahead of the kernel jar on the class path by tools/install_kernel.py.
 *
 * <p>Why: the original sets its running flag only after {@code Thread.start()}, so a channel thread
 * that is scheduled at once can see the flag still false and end before its first turn. The kernel
 * then never answers (about one start in five here). Setting the flag before starting the thread
 * removes the race; the behaviour is otherwise the same: run the body, sleep, repeat until shut down
 * or interrupted.
 */
public final class LoopThread extends Thread {
    private volatile boolean running;
    private final long sleepMillis;
    private final Runnable body;

    public LoopThread(String name, long sleepMillis, Runnable body) {
        super(name);
        this.sleepMillis = sleepMillis;
        this.body = body;
    }

    @Override
    public synchronized void start() {
        running = true; // before the thread exists, so its first check always sees it
        super.start();
    }

    @Override
    public void run() {
        while (running) {
            body.run();
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                running = false;
            }
        }
    }

    public void shutdown() {
        running = false;
    }
}
