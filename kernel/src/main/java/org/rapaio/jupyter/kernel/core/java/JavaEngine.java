package org.rapaio.jupyter.kernel.core.java;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.rapaio.jupyter.kernel.core.CompleteMatches;
import org.rapaio.jupyter.kernel.core.ExecutionContext;
import org.rapaio.jupyter.kernel.core.java.io.JShellConsole;
import org.rapaio.jupyter.kernel.core.util.Glob;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.message.messages.ShellIsCompleteReply;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Our replacement for the kernel's JShell wrapper (rapaio-jupyter-kernel 3.0.1), ahead of the kernel
 * jar on the class path. Same public methods; what changed:
 * <ul>
 *   <li>Stop goes to {@link RapaioExecutionControl#interrupt()} only (the original also shut the
 *       engine's thread pool down, after which no cell ran), and a stopped cell runs none of its
 *       remaining statements;</li>
 *   <li>it remembers on which line of its cell every snippet starts, so errors can name the
 *       learner's line ({@link #cellLine});</li>
 *   <li>{@link #inspect} (Shift+Tab) renders the Javadoc as text and HTML, and JShell is given the
 *       library's sources ({@code D2L_KERNEL_SOURCEPATH}, see {@link JavadocSources});</li>
 *   <li>nothing is printed on the kernel's own stdout (that goes to the Jupyter server's terminal).</li>
 * </ul>
 */
public class JavaEngine {

    private static final Logger LOGGER = Logger.getLogger(JavaEngine.class.getSimpleName());

    /** Environment variable: ';'-separated globs of sources jars and folders for Shift+Tab's Javadoc. */
    public static final String SOURCEPATH_ENV = "D2L_KERNEL_SOURCEPATH";

    private final String executionId;
    private final RapaioExecutionControlProvider controlProvider;
    private final JShell shell;
    private final List<String> startupScripts;

    /** Snippet id -> line of its cell (1-based) where the snippet starts. */
    private final Map<String, Integer> snippetLines = new ConcurrentHashMap<>();
    /** Ids of the snippets of the cell being run (or last run). */
    private final Set<String> cellSnippets = ConcurrentHashMap.newKeySet();

    /** Sources for Javadoc, handed to JShell at the first Shift+Tab (opening the JDK's src.zip takes a while). */
    private final List<Path> sources;
    private boolean sourcesAdded;

    protected JavaEngine(String executionId, RapaioExecutionControlProvider controlProvider, JShell shell, List<String> startupScripts) {
        this(executionId, controlProvider, shell, startupScripts, List.of());
    }

    protected JavaEngine(String executionId, RapaioExecutionControlProvider controlProvider, JShell shell,
                         List<String> startupScripts, List<Path> sources) {
        this.executionId = executionId;
        this.controlProvider = controlProvider;
        this.shell = shell;
        this.startupScripts = startupScripts;
        this.sources = sources;
    }

    public JShell getShell() {
        return shell;
    }

    public SourceCodeAnalysis getSourceAnalysis() {
        return shell.sourceCodeAnalysis();
    }

    private RapaioExecutionControl control() {
        return controlProvider.getRegisteredControl(executionId);
    }

    public void initialize() {
        startupScripts.forEach(line -> {
            var events = shell.eval(line);
            for (var event : events) {
                if (event.status() == Snippet.Status.REJECTED) {
                    LOGGER.severe(() -> shell.diagnostics(event.snippet()).map(diag -> diag.getMessage(Locale.getDefault())).collect(
                            Collectors.joining(";")));
                    throw new IllegalStateException(event.exception());
                }
            }
        });
    }

    /** Called by the kernel before each cell: an earlier Stop does not carry over. */
    public void beginCell() {
        cellSnippets.clear();
        control().beginCell();
    }

    /** Stop: ends the running cell (see {@link RapaioExecutionControl}). Returns at once. */
    public void interrupt() {
        control().interrupt();
    }

    /**
     * Called to stop the execution.
     * If restart is true, then we can save some resources since it will start again.
     */
    public void shutdown() {
        control().interrupt();
        shell.close();
    }

    public Object eval(ExecutionContext context, String code) throws Exception {
        // The last result is displayed if it is the value of an expression or a variable (as in IPython).
        Object lastResult = null;
        String rest = code;
        SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);

        while (info.completeness().isComplete()) {
            String remaining = info.remaining();
            int start = code.length() - rest.length() + leadingWhitespace(rest);
            // pay attention to trim, new lines can broke code evaluation
            String trimmedSource = info.source().trim();
            if (!trimmedSource.isEmpty()) {
                if (control().stopRequested()) {
                    throw new CellInterruptedException(trimmedSource, false);
                }
                lastResult = evalSnippet(trimmedSource, lineOf(code, start));
            }
            rest = remaining;
            info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
        }

        // ignore eventual last empty snippet, but throw error if not empty
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            int start = code.length() - rest.length() + leadingWhitespace(rest);
            throw new IncompleteCellException(info.remaining().trim(), lineOf(code, start));
        }
        return lastResult;
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** 1-based line of {@code offset} in {@code code}. */
    private static int lineOf(String code, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, code.length()); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    protected Object evalSnippet(String code) throws Exception {
        return evalSnippet(code, 1);
    }

    protected Object evalSnippet(String code, int firstLine) throws Exception {
        RapaioExecutionControl control = control();

        List<SnippetEvent> events = shell.eval(code);
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null && event.snippet() != null) {
                snippetLines.put(event.snippet().id(), firstLine);
                cellSnippets.add(event.snippet().id());
            }
        }

        Object result = null;
        for (SnippetEvent event : events) {
            String key = event.value();
            if (key == null) {
                continue;
            }
            Snippet.SubKind subKind = event.snippet().subKind();
            Object value = !subKind.isExecutable() ? event.value() : control.hasResult(key) ? control.takeResult(key) : null;
            result = allowedOutputs(event) ? value : null;
        }

        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null) {
                JShellException e = event.exception();
                if (e != null) {
                    if (e instanceof EvalException evalException) {
                        switch (evalException.getExceptionClassName()) {
                            case RapaioExecutionControl.TIMEOUT_MARKER ->
                                    throw new EvaluationTimeoutException(control.getTimeout(), code.trim());
                            case RapaioExecutionControl.INTERRUPTED_MARKER ->
                                    throw new CellInterruptedException(code.trim(), false);
                            case RapaioExecutionControl.STILL_RUNNING_MARKER ->
                                    throw new CellInterruptedException(code.trim(), true);
                            default -> throw e;
                        }
                    }
                    throw e;
                }
                if (!event.status().isDefined()) {
                    throw new CompilerException(event);
                }
            }
        }
        return result;
    }

    /**
     * The line of the current cell for line {@code lineInSnippet} of snippet {@code snippetId}, if that
     * snippet belongs to the cell being run (or last run).
     */
    public OptionalInt cellLine(String snippetId, int lineInSnippet) {
        Integer first = snippetLines.get(snippetId);
        if (first == null || !cellSnippets.contains(snippetId)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(first + Math.max(lineInSnippet, 1) - 1);
    }

    /** The snippet with this id, if JShell still has it. */
    public Optional<Snippet> snippet(String snippetId) {
        return shell.snippets().filter(s -> s.id().equals(snippetId)).findAny();
    }

    private boolean allowedOutputs(SnippetEvent event) {
        Snippet.SubKind subkind = event.snippet().subKind();
        return subkind == Snippet.SubKind.VAR_VALUE_SUBKIND
                || subkind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND
                || subkind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    public IsCompleteResult isComplete(String code) {
        SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(code);
        // UNKNOWN counts as "complete" for JShell (it would run and report the error), but it is
        // invalid code, which is what is_complete must say.
        while (info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE
                || info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) {
            info = shell.sourceCodeAnalysis().analyzeCompletion(info.remaining());
        }

        return switch (info.completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> new IsCompleteResult(ShellIsCompleteReply.Status.COMPLETE);
            case UNKNOWN -> new IsCompleteResult(ShellIsCompleteReply.Status.INVALID);
            case CONSIDERED_INCOMPLETE, DEFINITELY_INCOMPLETE ->
                    new IsCompleteResult(ShellIsCompleteReply.Status.INCOMPLETE, "");
        };
    }

    public CompleteMatches complete(String code, int at) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        suggestions = new ArrayList<>(suggestions);
        suggestions.sort(Comparator.comparingInt(s -> s.continuation().length()));
        suggestions.sort(Comparator.comparing(s -> s.matchesType() ? 0 : 1));

        List<String> options = suggestions.stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());

        return new CompleteMatches(options, anchor[0], at);
    }

    /**
     * Shift+Tab: the signatures and Javadoc of what is at {@code pos} (a class, a method with all its
     * overloads, a field), as plain text and as HTML; null if JShell knows nothing there.
     */
    public DisplayData inspect(String source, int pos) {
        pos = Math.max(0, Math.min(pos, source.length()));
        // JShell documents the name the cursor is in or right after; move to its end, and past a '('.
        int end = pos;
        while (end < source.length() && Character.isJavaIdentifierPart(source.charAt(end))) {
            end++;
        }
        int paren = end;
        while (paren < source.length() && Character.isWhitespace(source.charAt(paren))) {
            paren++;
        }
        if (paren < source.length() && source.charAt(paren) == '(' && end > 0
                && Character.isJavaIdentifierPart(source.charAt(end - 1))) {
            end = paren + 1;
        }

        if (!sourcesAdded) {
            sourcesAdded = true;
            JavadocSources.add(shell, sources);
        }
        List<SourceCodeAnalysis.Documentation> docs = shell.sourceCodeAnalysis().documentation(source, end, true);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (var doc : docs) {
            text.append("\u001b[1m").append(doc.signature()).append("\u001b[0m\n");
            html.append("<p><b><code>").append(JavadocText.escape(doc.signature())).append("</code></b></p>\n");
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text.append(JavadocText.toPlain(doc.javadoc())).append('\n');
                html.append(JavadocText.toHtml(doc.javadoc())).append('\n');
            }
            text.append('\n');
        }
        DisplayData dd = DisplayData.fromText(text.toString().stripTrailing());
        dd.putHTML(html.toString());
        return dd;
    }

    public static Builder builder(JShellConsole shellConsole, ExecutionContext ctx) {
        return new Builder(shellConsole, ctx);
    }

    public static class Builder {

        private final JShellConsole shellConsole;
        private final ExecutionContext ctx;

        private long timeoutMillis = -1L;
        private final List<String> compilerOptions = new LinkedList<>();
        private final List<String> startupScripts = new LinkedList<>();
        private final List<String> classpath = new LinkedList<>();
        private final List<String> sourcepath = new LinkedList<>();

        protected Builder(JShellConsole shellConsole, ExecutionContext ctx) {
            this.shellConsole = shellConsole;
            this.ctx = ctx;
            String env = System.getenv(SOURCEPATH_ENV);
            if (env != null) {
                sourcepath.addAll(Arrays.asList(env.split(";")));
            }
        }

        public Builder withTimeoutMillis(Long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
            return this;
        }

        public Builder withCompilerOptions(Collection<String> options) {
            this.compilerOptions.addAll(options);
            return this;
        }

        public Builder withClasspath(String classpathBulk) {
            this.classpath.addAll(Arrays.asList(classpathBulk.split(";")));
            return this;
        }

        /** ';'-separated globs of sources jars or folders whose Javadoc Shift+Tab shows. */
        public Builder withSourcepath(String sourcepathBulk) {
            this.sourcepath.addAll(Arrays.asList(sourcepathBulk.split(";")));
            return this;
        }

        public Builder withStartupScript(String script) {
            if (script != null) {
                this.startupScripts.add(script);
            }
            return this;
        }

        public Builder withStartupScript(InputStream in) {
            StringBuilder sb = new StringBuilder();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in))) {
                while (true) {
                    String line = reader.readLine();
                    if (line == null) {
                        break;
                    }
                    sb.append(line).append("\n");
                }
                this.startupScripts.add(sb.toString());
            } catch (IOException e) {
                throw new RuntimeException(e);
            }

            return this;
        }

        private List<Path> expand(List<String> globs) {
            final Pattern blank = Pattern.compile("^\\s*$");
            List<Path> paths = new ArrayList<>();
            for (String glob : globs) {
                if (blank.matcher(glob).matches()) {
                    continue;
                }
                try {
                    for (Path entry : new Glob().findPaths(ctx, glob)) {
                        paths.add(entry.toAbsolutePath());
                    }
                } catch (IOException e) {
                    throw new RuntimeException(
                            String.format("IOException while computing classpath entries for '%s': %s", glob, e.getMessage()), e);
                }
            }
            return paths;
        }

        public JavaEngine build() {

            String executionId = UUID.randomUUID().toString();

            Map<String, String> controlParameterMap = Map.of(
                    RapaioExecutionControlProvider.EXECUTION_ID_KEY, executionId,
                    RapaioExecutionControlProvider.EXECUTION_TIMEOUT_KEY, String.valueOf(timeoutMillis)
            );

            RapaioExecutionControlProvider controlProvider = new RapaioExecutionControlProvider();

            JShell shell = JShell.builder()
                    .compilerOptions(compilerOptions.toArray(String[]::new))
                    .executionEngine(controlProvider, controlParameterMap)
                    .in(shellConsole.getIn())
                    .out(new PrintStream(shellConsole.getOut(), true))
                    .err(new PrintStream(shellConsole.getErr(), true))
                    .build();

            for (Path entry : expand(classpath)) {
                shell.addToClasspath(entry.toString());
                LOGGER.fine("Added to the class path: " + entry);
            }
            return new JavaEngine(executionId, controlProvider, shell, startupScripts, expand(sourcepath));
        }
    }
}
