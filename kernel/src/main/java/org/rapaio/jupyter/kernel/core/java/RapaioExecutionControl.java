package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;

/**
 * Our replacement for the kernel's execution control (rapaio-jupyter-kernel 3.0.1), put ahead of the
 * kernel jar on the class path like {@code LoopThread}. Cells still run in the kernel's JVM (so the
 * library can talk to the kernel to show plots), each snippet on a fresh daemon thread.
 *
 * <p>Why: the original answered an interrupt by cancelling a future, which a busy loop never notices,
 * and then shut its thread pool down for good, so no later cell could run.
 *
 * <p>Stop ({@link #interrupt()}) now works in three steps, the first that succeeds ends the cell:
 * <ol>
 *   <li>raise {@link CellStop} (loops written in the cell check it, see {@link LoopInstrumenter}) and
 *       interrupt the cell's thread (sleeps, waits, and the library's loops, which call
 *       {@code d2l.train.Interrupts.check()} once per minibatch);</li>
 *   <li>after {@value #HARD_STOP_MILLIS} ms, {@code Thread.stop} (JDK 17 to 19; later JDKs refuse it), for
 *       library code that checks nothing;</li>
 *   <li>after {@value #GIVE_UP_MILLIS} ms, stop waiting: the cell is reported as interrupted and its thread
 *       is left to finish in the background, so the kernel and its variables stay usable.</li>
 * </ol>
 * Whatever ended it, an interrupted cell is reported as {@link #INTERRUPTED_MARKER}, never with the
 * stack trace of the exception that carried the stop.
 */
public class RapaioExecutionControl extends DirectExecutionControl {

    private static final Logger LOGGER = Logger.getLogger(RapaioExecutionControl.class.getSimpleName());

    public static final String TIMEOUT_MARKER = "## Timeout Marker ##";
    public static final String INTERRUPTED_MARKER = "## Interrupted Marker ##";
    /** Interrupted, but the cell's thread did not end: it runs on in the background. */
    public static final String STILL_RUNNING_MARKER = "## Interrupted Still Running Marker ##";

    /** From the interrupt request to {@code Thread.stop}. */
    static final long HARD_STOP_MILLIS = 500;
    /** From the interrupt request to giving up on the cell's thread. */
    static final long GIVE_UP_MILLIS = 1500;
    private static final long POLL_MILLIS = 20;
    private static final AtomicInteger THREAD_ID = new AtomicInteger();

    private final long timeoutTime;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private volatile Run current;
    /** Stop was asked for during the current cell; later snippets of the cell do not start. */
    private volatile boolean cellStopRequested;

    /** One snippet's execution. */
    private static final class Run {
        final Thread thread;
        final long startNanos = System.nanoTime();
        volatile long stopNanos;          // 0 until Stop was asked for
        volatile boolean timedOut;
        boolean hardStopped;              // only touched by the waiting thread

        Run(Thread thread) {
            this.thread = thread;
        }

        boolean stopping() {
            return stopNanos != 0;
        }
    }

    /** Stands for a null result: the map cannot hold null. */
    private static final Object NULL = new Object();

    public RapaioExecutionControl(long timeoutTime) {
        this.timeoutTime = timeoutTime;
    }

    public long getTimeout() {
        return timeoutTime;
    }

    /** Whether {@code key} names a result of {@link #invoke} (JShell reports "" as the value of a void call). */
    public boolean hasResult(String key) {
        return key != null && results.containsKey(key);
    }

    public Object takeResult(String key) {
        Object result = results.remove(key);
        if (result == null) {
            throw new IllegalStateException("No result with key: " + key);
        }
        return result == NULL ? null : result;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.load(Arrays.stream(cbcs)
                .map(c -> new ClassBytecodes(c.name(), LoopInstrumenter.instrument(c.bytecodes())))
                .toArray(ClassBytecodes[]::new));
    }

    @Override
    protected String invoke(Method methodCall) throws Exception {
        String id = UUID.randomUUID().toString();
        Object value = execute(methodCall);
        results.put(id, value == null ? NULL : value);
        return id;
    }

    private Object execute(Method methodCall) throws Exception {
        CompletableFuture<Object> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                done.complete(methodCall.invoke(null));
            } catch (Throwable e) {   // ThreadDeath from Thread.stop included
                done.completeExceptionally(e);
            }
        }, "cell-" + THREAD_ID.incrementAndGet());
        thread.setDaemon(true);   // a cell we gave up on must not keep the JVM alive at shutdown
        Run run = new Run(thread);
        if (cellStopRequested) {
            throw stopped(run, false);
        }
        current = run;
        if (cellStopRequested) {   // Stop came between the check above and now
            requestStop(run);
        }
        thread.start();
        try {
            return await(run, done);
        } finally {
            current = null;
        }
    }

    private Object await(Run run, CompletableFuture<Object> done) throws Exception {
        while (true) {
            try {
                Object value = done.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                return value;   // finished, even if Stop came meanwhile: nothing was lost
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (timeoutTime > 0 && !run.stopping() && now - run.startNanos > TimeUnit.MILLISECONDS.toNanos(timeoutTime)) {
                    run.timedOut = true;
                    cellStopRequested = true;
                    requestStop(run);
                }
                if (run.stopping()) {
                    long since = TimeUnit.NANOSECONDS.toMillis(now - run.stopNanos);
                    if (since >= HARD_STOP_MILLIS && !run.hardStopped) {
                        run.hardStopped = true;
                        hardStop(run.thread);
                    }
                    if (since >= GIVE_UP_MILLIS) {
                        LOGGER.warning("Cell thread " + run.thread.getName()
                                + " did not stop; it keeps running in the background.");
                        throw stopped(run, true);
                    }
                }
            } catch (ExecutionException e) {
                if (run.stopping()) {
                    throw stopped(run, false);
                }
                Throwable cause = e.getCause();
                if (cause instanceof InvocationTargetException ite) {
                    throw ite;   // DirectExecutionControl turns the user's exception into a UserException
                }
                throw new InvocationTargetException(cause);
            }
        }
    }

    private static ExecutionControl.UserException stopped(Run run, boolean stillRunning) {
        String marker = run.timedOut ? TIMEOUT_MARKER : stillRunning ? STILL_RUNNING_MARKER : INTERRUPTED_MARKER;
        return new UserException(run.timedOut ? "Execution timed out" : "Execution interrupted.", marker,
                new StackTraceElement[0]);
    }

    private static void requestStop(Run run) {
        if (run.stopNanos == 0) {
            run.stopNanos = System.nanoTime();
        }
        CellStop.request();
        run.thread.interrupt();
    }

    /** Held while calling Thread.stop; see {@link #guardStopWith}. */
    private static volatile Object stopGuard = new Object();

    /**
     * Thread.stop is called while holding {@code lock}: the kernel passes its IOPub channel, whose sends
     * hold that lock, so a cell thread is never stopped halfway through a multipart message (which would
     * garble the next message a front end receives).
     */
    public static void guardStopWith(Object lock) {
        stopGuard = lock;
    }

    @SuppressWarnings("deprecation")   // Thread.stop: the only way to end library code that checks nothing
    private static void hardStop(Thread thread) {
        if (!thread.isAlive()) {
            return;
        }
        try {
            synchronized (stopGuard) {
                thread.stop();
            }
        } catch (UnsupportedOperationException e) {
            // JDK 20+: Thread.stop is gone; the loop checks in cells and libraries are all there is.
            LOGGER.fine("Thread.stop is not supported by this JDK");
        }
    }

    /** Called before each cell: forgets an earlier Stop. */
    public void beginCell() {
        results.clear();   // results JShell never asked for (void calls) do not pile up
        cellStopRequested = false;
        CellStop.clear();
    }

    /** Whether Stop was asked for since {@link #beginCell()}. */
    public boolean stopRequested() {
        return cellStopRequested;
    }

    /**
     * Stop: ends the running snippet, if any, and keeps the rest of the cell from starting (see the class
     * comment). Returns at once; the thread waiting for the snippet escalates.
     */
    public void interrupt() {
        cellStopRequested = true;
        CellStop.request();
        Run run = current;
        if (run != null) {
            requestStop(run);
        }
    }

    /** JShell's {@code stop()}: the same as {@link #interrupt()}. The engine stays usable for the next cell. */
    @Override
    public void stop() {
        interrupt();
    }
}
