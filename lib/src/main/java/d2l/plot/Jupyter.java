package d2l.plot;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one class that knows about the notebook kernel (rapaio-jupyter-kernel). Everything else in
 * {@code d2l.plot} works without it.
 *
 * <p>Inside the kernel, figures go out as Jupyter display data with two views, under a display id so
 * that {@link #update} can redraw the same output in place: {@code text/html} holding one
 * {@code <img>} of the static SVG ({@link Figure#imgHtml()}) and {@code text/plain} (a one-line
 * description). The SVG is stored once, as that image. Why not {@code image/svg+xml}: a notebook
 * fresh from the repository is untrusted, and then the classic Notebook and JupyterLab ignore SVG
 * outputs (they are not "safe" types) and sanitize HTML, which strips inline SVG but keeps images. The
 * interactive Plotly view is not stored in notebooks: it needs scripts, which untrusted notebooks
 * drop, and a network for plotly.js; {@link Figure#save} writes it into an HTML page instead.
 *
 * <p>Outside the kernel, if the system property or environment variable {@code D2L_PLOT_DIR} names a
 * folder, each display writes {@code figure-<n>.svg} and {@code figure-<n>.html} there (updates
 * overwrite the same pair); otherwise nothing is drawn. Either way a display id is returned.
 */
public final class Jupyter {

    /** System property or environment variable naming a folder for figure files outside the kernel. */
    public static final String PLOT_DIR = "D2L_PLOT_DIR";

    private static final String MAIN_APP = "org.rapaio.jupyter.kernel.MainApp";

    private static volatile Boolean inKernel;
    private static final AtomicInteger FILE_COUNTER = new AtomicInteger();
    private static final Map<String, Integer> FILE_NUMBERS = new ConcurrentHashMap<>();

    private Jupyter() { }

    /**
     * True when this code runs inside rapaio-jupyter-kernel: its {@code MainApp} is loadable from our or
     * the context class loader, this JVM was started by it, and its kernel is connected. The answer is
     * worked out once and cached. Never initialises the kernel classes when they are merely on the
     * class path (as in our own tests).
     */
    public static boolean inKernel() {
        Boolean cached = inKernel;
        if (cached == null) {
            cached = detectKernel();
            inKernel = cached;
        }
        return cached;
    }

    /**
     * Shows {@code figure} as a new output and returns its display id (for {@link #update}).
     *
     * @throws IllegalArgumentException if figure is null
     */
    public static String display(Figure figure) {
        return display(figure, true);
    }

    /**
     * Redraws the output with display id {@code id} (from {@link #display}) with {@code figure}.
     *
     * @throws IllegalArgumentException if id or figure is null
     */
    public static void update(String id, Figure figure) {
        update(id, figure, true);
    }

    /** Whether displaying does anything at all; lets callers skip rendering when it would not. */
    static boolean active() {
        return inKernel() || plotDir() != null;
    }

    /**
     * @param interactive whether this is a final frame; notebooks get the same static image either way
     *     (kept for callers such as {@link Animator}, whose frames may one day differ)
     */
    static String display(Figure figure, boolean interactive) {
        requireFigure(figure);
        String id = "d2l-" + UUID.randomUUID();
        if (inKernel()) {
            KernelBridge.send(id, figure, interactive, false);
        } else {
            Path dir = plotDir();
            if (dir != null) {
                int n = FILE_COUNTER.incrementAndGet();
                FILE_NUMBERS.put(id, n);
                writeFiles(dir, n, figure);
            }
        }
        return id;
    }

    static void update(String id, Figure figure, boolean interactive) {
        if (id == null) {
            throw new IllegalArgumentException("update(id, figure): id is null; pass the id that display(figure) returned");
        }
        requireFigure(figure);
        if (inKernel()) {
            KernelBridge.send(id, figure, interactive, true);
        } else {
            Path dir = plotDir();
            if (dir != null) {
                int n = FILE_NUMBERS.computeIfAbsent(id, k -> FILE_COUNTER.incrementAndGet());
                writeFiles(dir, n, figure);
            }
        }
    }

    private static void requireFigure(Figure figure) {
        if (figure == null) {
            throw new IllegalArgumentException("figure is null; make one with new Plot()...figure()");
        }
    }

    private static void writeFiles(Path dir, int n, Figure figure) {
        figure.save(dir.resolve("figure-" + n + ".svg"));
        figure.save(dir.resolve("figure-" + n + ".html"));
    }

    /** The folder from the system property, else the environment variable; null when neither is set. */
    static Path plotDir() {
        String dir = System.getProperty(PLOT_DIR);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(PLOT_DIR);
        }
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    private static boolean detectKernel() {
        try {
            Class<?> main = loadWithoutInit(Jupyter.class.getClassLoader());
            if (main == null) {
                main = loadWithoutInit(Thread.currentThread().getContextClassLoader());
            }
            if (main == null || !startedByKernel(main)) {
                return false;
            }
            return KernelBridge.live();
        } catch (LinkageError | RuntimeException e) {
            // A kernel jar of another version or a half-visible class path: behave as outside the kernel.
            return false;
        }
    }

    private static Class<?> loadWithoutInit(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            // initialize=false: MainApp's static initialiser starts a whole JShell engine.
            return Class.forName(MAIN_APP, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /**
     * The kernel's classes can be on the class path without a kernel running (the library's own tests
     * have them). Only touch {@code MainApp.kernel} when this JVM was launched by it: its main class
     * is MainApp, or {@code java -jar} was given the jar that holds MainApp; or the caller runs inside
     * the kernel's code execution (a stack frame from its package).
     */
    private static boolean startedByKernel(Class<?> main) {
        String command = System.getProperty("sun.java.command", "");
        if (command.startsWith(MAIN_APP)) {
            return true;
        }
        try {
            var source = main.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                String jar = Path.of(source.getLocation().toURI()).toString();
                if (!jar.isEmpty() && command.startsWith(jar)) {
                    return true;
                }
            }
        } catch (Exception | LinkageError e) {
            // unusual code source: fall through to the stack check
        }
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().startsWith("org.rapaio.jupyter.kernel.")));
    }

    /**
     * All references to kernel types live here. The JVM loads this class (and so resolves the kernel
     * classes) only when it is first used, which happens only after {@link #inKernel()} has found the
     * kernel, so no NoClassDefFoundError can arise without it.
     */
    private static final class KernelBridge {
        static boolean live() {
            var kernel = org.rapaio.jupyter.kernel.MainApp.kernel;
            return kernel != null && kernel.channels() != null;
        }

        static void send(String id, Figure figure, boolean interactive, boolean update) {
            org.rapaio.jupyter.kernel.display.DisplayData dd =
                    org.rapaio.jupyter.kernel.display.DisplayData.fromText(figure.plainText());
            dd.putHTML(figure.imgHtml());
            dd.setDisplayId(id);
            if (update) {
                org.rapaio.jupyter.kernel.MainApp.kernel.updateDisplay(dd);
            } else {
                org.rapaio.jupyter.kernel.MainApp.kernel.display(dd);
            }
        }
    }
}
