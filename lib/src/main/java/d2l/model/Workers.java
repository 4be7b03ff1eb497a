package d2l.model;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that runs one {@link Task} at a time on all of them, the calling thread
 * being worker 0. Dispatching allocates nothing (no task objects, no futures), so a training step
 * stays allocation-free: workers spin briefly, then park, waiting for the next generation.
 */
final class Workers {
    /** Work for one member of the team: {@code worker} in [0, workers). */
    interface Task {
        void run(int worker, int workers);
    }

    private static final ConcurrentHashMap<Integer, Workers> TEAMS = new ConcurrentHashMap<>();
    private static final int SPINS = 1 << 12;

    /** The shared team of {@code n} threads (created on first use; its helper threads are daemons). */
    static Workers of(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        return TEAMS.computeIfAbsent(n, Workers::new);
    }

    /** The default thread count: system property {@code d2l.threads}, else the number of processors. */
    static int defaultThreads() {
        String s = System.getProperty("d2l.threads", System.getenv("D2L_THREADS"));
        if (s != null && !s.isBlank()) {
            try {
                int n = Integer.parseInt(s.trim());
                if (n >= 1) return n;
            } catch (NumberFormatException ignored) {
                // fall through to the processor count
            }
            throw new IllegalArgumentException("d2l.threads / D2L_THREADS must be an integer >= 1, got '" + s + "'");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private final int size;
    private final Thread[] threads;
    private volatile Task task;
    private volatile long generation;
    private volatile int pending;
    private volatile Thread caller;
    private volatile Throwable failure;
    private final Object pendingLock = new Object();

    private Workers(int size) {
        this.size = size;
        this.threads = new Thread[size];
        for (int w = 1; w < size; w++) {
            final int id = w;
            Thread t = new Thread(() -> loop(id), "d2l-worker-" + id + "/" + size);
            t.setDaemon(true);
            threads[w] = t;
            t.start();
        }
    }

    int size() { return size; }

    /** Runs {@code t} on every worker and returns when all are done; rethrows the first failure. */
    synchronized void run(Task t) {
        if (size == 1) {
            t.run(0, 1);
            return;
        }
        failure = null;
        task = t;
        caller = Thread.currentThread();
        pending = size - 1;
        generation = generation + 1; // publishes task
        for (int w = 1; w < size; w++) LockSupport.unpark(threads[w]);
        try {
            t.run(0, size);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int spin = 0; pending > 0; spin++) {
            if (spin < SPINS) Thread.onSpinWait();
            else LockSupport.parkNanos(this, 100_000);
        }
        task = null;
        Throwable f = failure;
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error err) throw err;
    }

    private void loop(int id) {
        long seen = 0;
        while (true) {
            long g;
            for (int spin = 0; (g = generation) == seen; spin++) {
                if (spin < SPINS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            seen = g;
            try {
                task.run(id, size);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            int left;
            synchronized (pendingLock) {
                left = --pending;
            }
            if (left == 0) LockSupport.unpark(caller);
        }
    }
}
