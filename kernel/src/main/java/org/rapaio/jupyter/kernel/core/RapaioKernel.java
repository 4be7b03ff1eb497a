package org.rapaio.jupyter.kernel.core;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.rapaio.jupyter.kernel.GeneralProperties;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.format.ErrorFormatters;
import org.rapaio.jupyter.kernel.core.java.IsCompleteResult;
import org.rapaio.jupyter.kernel.core.java.JavaEngine;
import org.rapaio.jupyter.kernel.core.java.io.JShellConsole;
import org.rapaio.jupyter.kernel.core.magic.MagicCompleteResult;
import org.rapaio.jupyter.kernel.core.magic.MagicEngine;
import org.rapaio.jupyter.kernel.core.magic.MagicEvalResult;
import org.rapaio.jupyter.kernel.core.magic.MagicInspectResult;
import org.rapaio.jupyter.kernel.core.magic.MagicIsCompleteResult;
import org.rapaio.jupyter.kernel.core.magic.dependencies.MimaDependencyManager;
import org.rapaio.jupyter.kernel.display.DefaultDisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;
import org.rapaio.jupyter.kernel.message.Header;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptRequest;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownRequest;
import org.rapaio.jupyter.kernel.message.messages.CustomCommClose;
import org.rapaio.jupyter.kernel.message.messages.CustomCommMsg;
import org.rapaio.jupyter.kernel.message.messages.CustomCommOpen;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubDisplayData;
import org.rapaio.jupyter.kernel.message.messages.IOPubError;
import org.rapaio.jupyter.kernel.message.messages.IOPubExecuteInput;
import org.rapaio.jupyter.kernel.message.messages.IOPubExecuteResult;
import org.rapaio.jupyter.kernel.message.messages.IOPubUpdateDisplayData;
import org.rapaio.jupyter.kernel.message.messages.ShellCommInfoReply;
import org.rapaio.jupyter.kernel.message.messages.ShellCommInfoRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellCompleteReply;
import org.rapaio.jupyter.kernel.message.messages.ShellCompleteRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteReply;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellHistoryReply;
import org.rapaio.jupyter.kernel.message.messages.ShellHistoryRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellInspectReply;
import org.rapaio.jupyter.kernel.message.messages.ShellInspectRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellIsCompleteRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellKernelInfoReply;
import org.rapaio.jupyter.kernel.message.messages.ShellKernelInfoRequest;

/**
 * Our replacement for the kernel's request handling (rapaio-jupyter-kernel 3.0.1), ahead of its jar on the
 * class path. Same public methods; what changed:
 * <ul>
 *   <li>interrupt: reply at once, on the control socket, then stop the cell (see {@code RapaioExecutionControl});</li>
 *   <li>every result carries {@code text/plain} (the original sent {@code 6 * 7} as {@code text/html} only);</li>
 *   <li>errors read in a few lines ({@link ErrorFormatters}), with the learner's exception as {@code ename};</li>
 *   <li>{@code kernel_info_reply} has {@code status}; {@code history_request} is answered (tail, range, search)
 *       from this session's cells.</li>
 * </ul>
 */
public class RapaioKernel {

    public static final String RJK_TIMEOUT_MILLIS = "RJK_TIMEOUT_MILLIS";
    public static final String RJK_COMPILER_OPTIONS = "RJK_COMPILER_OPTIONS";
    public static final String RJK_INIT_SCRIPT = "RJK_INIT_SCRIPT";
    public static final String RJK_CLASSPATH = "RJK_CLASSPATH";
    public static final String RJK_MIMA_CACHE = "RJK_MIMA_CACHE";

    private static final String SHELL_INIT_RESOURCE_PATH = "init.jshell";
    /** Session number in history replies: one kernel process, one session. */
    private static final int SESSION = 1;

    private static final Logger LOGGER = Logger.getLogger(RapaioKernel.class.getSimpleName());
    private static final AtomicInteger executionCount = new AtomicInteger(1);

    private final JavaEngine javaEngine;
    private final MagicEngine magicEngine;
    private final MimaDependencyManager dependencyManager;
    private final JShellConsole shellConsole;
    private final ExecutionContext ctx;

    /** (line, input, output) of every cell run with store_history. */
    private record HistoryEntry(int line, String input, String output) {
    }

    private final List<HistoryEntry> history = new CopyOnWriteArrayList<>();

    private volatile Channels channels;

    public RapaioKernel() {

        KernelEnv kernelEnv = new KernelEnv();
        this.ctx = new ExecutionContext(null);
        this.shellConsole = new JShellConsole();
        this.javaEngine = JavaEngine.builder(shellConsole, ctx)
                .withCompilerOptions(kernelEnv.compilerOptions())
                .withStartupScript(RapaioKernel.class.getClassLoader().getResourceAsStream(SHELL_INIT_RESOURCE_PATH))
                .withStartupScript(kernelEnv.initScriptContent())
                .withTimeoutMillis(kernelEnv.timeoutMillis())
                .withClasspath(kernelEnv.classpath())
                .build();
        this.javaEngine.initialize();
        this.magicEngine = new MagicEngine(this);
        this.dependencyManager = new MimaDependencyManager(kernelEnv);
    }

    public Channels channels() {
        return channels;
    }

    public JavaEngine javaEngine() {
        return javaEngine;
    }

    public MagicEngine magicEngine() {
        return magicEngine;
    }

    public ExecutionContext executionContext() {
        return ctx;
    }

    public MimaDependencyManager dependencyManager() {
        return dependencyManager;
    }

    public void display(DisplayData dd) {
        if (channels.hasMsgId()) {
            channels.publish(new IOPubDisplayData(dd));
        }
    }

    public void updateDisplay(DisplayData dd) {
        if (channels.hasMsgId()) {
            if (!dd.hasDisplayId()) {
                throw new IllegalArgumentException("Cannot update a display without display_id.");
            }
            channels.publish(new IOPubUpdateDisplayData(dd));
        }
    }

    /**
     * {@code dd} with a {@code text/plain} view added if it has none (the plain form of {@code source}, else a
     * placeholder naming its types): every execute_result carries text/plain. Displays are sent as given.
     */
    private static DisplayData withText(DisplayData dd, Object source) {
        if (!dd.data().containsKey("text/plain")) {
            dd.putText(source != null ? DefaultDisplayRenderer.text(source) : "<" + String.join(", ", dd.data().keySet()) + ">");
        }
        return dd;
    }

    private ShellKernelInfoReply kernelInfo() {
        GeneralProperties properties = new GeneralProperties("default");
        LanguageInfo languageInfo = LanguageInfo.kernelLanguageInfo();
        String banner = "Java " + languageInfo.version() + " (JShell), rapaio-jupyter-kernel "
                + properties.getKernelVersion() + " with the d2l library";
        List<LanguageInfo.Help> helpLinks = List.of(
                new LanguageInfo.Help("rapaio-jupyter-kernel homepage", "https://github.com/padreati/rapaio-jupyter-kernel")
        );
        return new ShellKernelInfoReply(Header.PROTOCOL_VERSION, properties.getKernelName(), properties.getKernelVersion(),
                languageInfo, banner, helpLinks);
    }

    public void onShutdown() {
        javaEngine.shutdown();
    }

    public void interrupt() {
        javaEngine.interrupt();
    }

    public DisplayData eval(String expr) throws Exception {
        return transformEval(javaEngine.eval(ctx, expr));
    }

    private DisplayData transformEval(Object result) {
        if (result != null) {
            if (result instanceof DisplayData dd) {
                return withText(dd, null);
            }
            return withText(DisplaySystem.inst().render(result), result);
        }
        return null;
    }

    public void registerChannels(Channels channels) {
        this.channels = channels;
    }

    public void handleExecuteRequest(Message<ShellExecuteRequest> message) {
        ShellExecuteRequest request = message.content();

        int count = executionCount.getAndIncrement();
        javaEngine.beginCell();

        channels.scheduleAfter(channels::freeMsgId);
        channels.busyThenIdle();
        channels.publish(new IOPubExecuteInput(request.code(), count));

        // before binding IO try to do evaluation of magic.
        // if magic handled the request then this is it, everything remains here
        // otherwise continue normally with java evaluation
        try {
            MagicEvalResult magicResult = magicEngine.eval(ctx, request.code());
            if (magicResult.handled()) {
                DisplayData out = magicResult.result() == null ? null : transformEval(magicResult.result());
                if (out != null) {
                    channels.publish(new IOPubExecuteResult(count, out));
                }
                remember(request, count, out);
                channels.scheduleAfter(() -> channels.reply(ShellExecuteReply.withOk(count, Collections.emptyMap())));
                return;
            }
        } catch (Exception e) {
            remember(request, count, null);
            publishError(e, count);
            return;
        }

        // collect old streams
        PrintStream oldStdOut = System.out;
        PrintStream oldStdErr = System.err;
        InputStream oldStdIn = System.in;

        // some clients don't allow asking input
        boolean allowStdin = message.content().stdinEnabled();
        // hook system io to allow execution to output into notebook
        System.setIn(shellConsole.getIn());
        System.setOut(new PrintStream(shellConsole.getOut(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(shellConsole.getErr(), true, StandardCharsets.UTF_8));

        shellConsole.bindChannels(channels, allowStdin);

        // push on stack restore streams
        channels.scheduleAfter(() -> {
            System.setOut(oldStdOut);
            System.setErr(oldStdErr);
            System.setIn(oldStdIn);
        });

        // unbind environment
        channels.scheduleAfter(shellConsole::unbindChannels);
        // flush before restoring
        channels.scheduleAfter(shellConsole::flush);

        try {
            DisplayData out = eval(request.code());
            // What the cell printed goes out before its result, as in other kernels.
            System.out.flush();
            System.err.flush();
            shellConsole.flush();
            if (out != null) {
                channels.publish(new IOPubExecuteResult(count, out));
            }
            remember(request, count, out);
            channels.scheduleAfter(() -> channels.reply(ShellExecuteReply.withOk(count, Collections.emptyMap())));
        } catch (Exception e) {
            System.out.flush();
            System.err.flush();
            shellConsole.flush();
            remember(request, count, null);
            publishError(e, count);
        }
    }

    private void publishError(Exception e, int count) {
        List<String> traceback = ErrorFormatters.exceptionFormat(this, e);
        String name = ErrorFormatters.errorName(e);
        String value = ErrorFormatters.errorValue(this, e);
        channels.publish(new IOPubError(name, value, traceback));
        channels.scheduleAfter(() -> channels.replyError(MessageType.SHELL_EXECUTE_REPLY.newError(),
                new ErrorReply(name, value, traceback, count)));
    }

    private void remember(ShellExecuteRequest request, int count, DisplayData out) {
        if (request.storeHistory()) {
            Object text = out == null ? null : out.data().get("text/plain");
            history.add(new HistoryEntry(count, request.code(), text == null ? null : text.toString()));
        }
    }

    public void handleIsCompleteRequest(Message<ShellIsCompleteRequest> message) {
        ShellIsCompleteRequest request = message.content();
        channels.busyThenIdle();

        MagicIsCompleteResult magicResult = magicEngine.isComplete(this, request.code());
        if (magicResult.handled()) {
            channels.reply(magicResult.buildReply());
            return;
        }

        IsCompleteResult result = javaEngine.isComplete(request.code());
        channels.reply(result.buildReply());
    }

    public void handleInspectRequest(Message<ShellInspectRequest> message) {
        ShellInspectRequest request = message.content();
        channels.busyThenIdle();
        try {
            MagicInspectResult magicResult = magicEngine.inspect(ctx, request.code(), request.cursorPos());
            if (magicResult.handled()) {
                DisplayData inspection = magicResult.displayData();
                channels.reply(new ShellInspectReply(inspection != null, inspection));
                return;
            }
            DisplayData inspection = javaEngine.inspect(request.code(), request.cursorPos());
            channels.reply(new ShellInspectReply(inspection != null, inspection));
        } catch (Exception e) {
            channels.replyError(MessageType.SHELL_INSPECT_REPLY.newError(), errorReply(e));
        }
    }

    private ErrorReply errorReply(Exception e) {
        return new ErrorReply(ErrorFormatters.errorName(e), ErrorFormatters.errorValue(this, e),
                ErrorFormatters.exceptionFormat(this, e), 0);
    }

    public void handleCompleteRequest(Message<ShellCompleteRequest> message) {
        ShellCompleteRequest request = message.content();
        channels.busyThenIdle();
        try {
            MagicCompleteResult magicResult = magicEngine.complete(this, request.code(), request.cursorPos());

            CompleteMatches options = magicResult.handled()
                    ? magicResult.replacementOptions()
                    : javaEngine.complete(request.code(), request.cursorPos());

            if (options == null) {
                channels.reply(ShellCompleteReply.empty(request.cursorPos()));
            } else {
                channels.reply(ShellCompleteReply.from(options));
            }
        } catch (Exception e) {
            channels.replyError(MessageType.SHELL_COMPLETE_REPLY.newError(), errorReply(e));
        }
    }

    /**
     * The cells of this session: {@code tail} (the last n), {@code range} (lines start..stop-1 of a session,
     * ours being 1) and {@code search} (a glob over the input, newest last, optionally unique, the last n).
     */
    public void handleHistoryRequest(Message<ShellHistoryRequest> message) {
        ShellHistoryRequest request = message.content();
        channels.busyThenIdle();
        List<HistoryEntry> all = new ArrayList<>(history);
        List<HistoryEntry> picked;
        if (request instanceof ShellHistoryRequest.Tail tail) {
            int n = tail.getMaxReturnLength();
            picked = n <= 0 ? all : all.subList(Math.max(0, all.size() - n), all.size());
        } else if (request instanceof ShellHistoryRequest.Range range) {
            boolean ours = range.getSessionIndex() == SESSION || range.getSessionIndex() <= 0;
            picked = !ours ? List.of() : all.stream()
                    .filter(h -> h.line >= range.getStart() && (range.getStop() <= 0 || h.line < range.getStop()))
                    .toList();
        } else if (request instanceof ShellHistoryRequest.Search search) {
            String glob = search.getPattern() == null || search.getPattern().isEmpty() ? "*" : search.getPattern();
            Pattern pattern = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
            List<HistoryEntry> hits = all.stream().filter(h -> pattern.matcher(h.input).matches()).toList();
            if (search.filterUnique()) {
                Set<String> seen = new LinkedHashSet<>();
                List<HistoryEntry> unique = new ArrayList<>();
                for (int i = hits.size() - 1; i >= 0; i--) {   // keep the newest of equal inputs
                    if (seen.add(hits.get(i).input)) {
                        unique.add(0, hits.get(i));
                    }
                }
                hits = unique;
            }
            int n = search.getMaxReturnLength();
            picked = n <= 0 ? hits : hits.subList(Math.max(0, hits.size() - n), hits.size());
        } else {
            picked = List.of();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (HistoryEntry h : picked) {
            Object entry = request.includeOutput() ? java.util.Arrays.asList(h.input, h.output) : h.input;
            rows.add(java.util.Arrays.asList(SESSION, h.line, entry));
        }
        channels.reply(new ShellHistoryReply(rows));
    }

    private static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    public void handleKernelInfoRequest(Message<ShellKernelInfoRequest> ignored) {
        channels.busyThenIdle();
        channels.reply(kernelInfo());
    }

    public void handleShutdownRequest(Message<ControlShutdownRequest> message) {
        ControlShutdownRequest request = message.content();
        channels.busyThenIdle();

        channels.scheduleAfter(() -> channels.reply(request.restart() ? ControlShutdownReply.SHUTDOWN_AND_RESTART : ControlShutdownReply.SHUTDOWN));

        onShutdown();
        channels.runAfterActions();
        // this will determine the connections to shut down
        channels.markForShutdown();
    }

    /** Stop: answered at once on the control socket; the cell ends within about a second (see RapaioExecutionControl). */
    public void handleInterruptRequest(Message<ControlInterruptRequest> message) {
        channels.busyThenIdle();
        channels.reply(new ControlInterruptReply());
        LOGGER.fine("Interrupt requested");
        interrupt();
    }

    // custom communication is not implemented, however, we have to behave properly

    public void handleCommOpenCommand(Message<CustomCommOpen> message) {
        String id = message.content().commId();
        channels.busyThenIdle();
        channels.publish(new CustomCommClose(id, Transform.EMPTY_JSON_OBJ));
    }

    public void handleCommMsgCommand(Message<CustomCommMsg> ignored) {
        // no-op
    }

    public void handleCommCloseCommand(Message<CustomCommClose> ignored) {
        // no-op
    }

    public void handleCommInfoRequest(Message<ShellCommInfoRequest> message) {
        channels.busyThenIdle();
        channels.reply(new ShellCommInfoReply(new LinkedHashMap<>()));
    }
}
