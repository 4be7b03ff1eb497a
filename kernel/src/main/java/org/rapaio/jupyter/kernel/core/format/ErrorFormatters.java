package org.rapaio.jupyter.kernel.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.java.CellInterruptedException;
import org.rapaio.jupyter.kernel.core.java.CompilerException;
import org.rapaio.jupyter.kernel.core.java.EvaluationInterruptedException;
import org.rapaio.jupyter.kernel.core.java.EvaluationTimeoutException;
import org.rapaio.jupyter.kernel.core.java.IncompleteCellException;
import org.rapaio.jupyter.kernel.core.java.IncompleteSourceException;
import org.rapaio.jupyter.kernel.core.java.JavaEngine;
import org.rapaio.jupyter.kernel.core.magic.MagicEvalException;
import org.rapaio.jupyter.kernel.display.text.ANSI;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Our replacement for the kernel's error formatting (rapaio-jupyter-kernel 3.0.1), ahead of its jar on
 * the class path. An error in a cell reads in a few lines, for a learner, not 40 lines of kernel frames:
 * <pre>
 * IllegalArgumentException: lr must be &gt; 0, got -0.1
 *   in d2l.Ch11.trainCh11 (Ch11.java:112)
 *   cell line 3: trainCh11(sgd, null, Map.of("lr", -0.1), data, 5);
 * </pre>
 * The first line is the exception and its whole message; then the innermost frame outside the JDK
 * (where it was thrown) unless that is the cell; then every frame of cell code, innermost first: the
 * learner's line in this cell, or a method they defined in an earlier cell; then causes, one line each.
 * A compile error names the cell line and marks the column. Stop gives one line.
 *
 * <p>{@link #errorName} and {@link #errorValue} give the error message's {@code ename} and {@code evalue}:
 * the learner's exception, not JShell's wrapper.
 */
public final class ErrorFormatters {

    private ErrorFormatters() {
    }

    private static final int MAX_CAUSES = 3;
    private static final int MAX_CELL_FRAMES = 4;
    private static final int MAX_DIAGNOSTICS = 3;

    public static String errorName(Throwable e) {
        if (e instanceof EvaluationInterruptedException) {
            return "Interrupted";
        }
        if (e instanceof EvaluationTimeoutException) {
            return "Timeout";
        }
        if (e instanceof CompilerException) {
            return "CompileError";
        }
        if (e instanceof IncompleteSourceException) {
            return "IncompleteCode";
        }
        if (e instanceof EvalException ee) {
            return simpleName(ee.getExceptionClassName());
        }
        if (e instanceof UnresolvedReferenceException) {
            return "UnresolvedReference";
        }
        return e.getClass().getSimpleName();
    }

    public static String errorValue(RapaioKernel kernel, Throwable e) {
        List<String> lines = exceptionFormat(kernel, e);
        String first = lines.isEmpty() ? "" : stripAnsi(lines.get(0));
        String name = errorName(e) + ": ";
        return first.startsWith(name) ? first.substring(name.length()) : first;
    }

    public static <T extends Throwable> List<String> exceptionFormat(RapaioKernel kernel, T e) {
        if (e instanceof EvaluationInterruptedException ie) {
            return interrupted(ie);
        }
        if (e instanceof EvaluationTimeoutException te) {
            return List.of(headline("Timeout", te.getMessage()
                    + " (RJK_TIMEOUT_MILLIS); variables defined before it are kept"));
        }
        if (e instanceof CompilerException ce) {
            return compileError(kernel, ce);
        }
        if (e instanceof IncompleteSourceException ie) {
            String where = ie instanceof IncompleteCellException ic ? " at cell line " + ic.line() : "";
            return List.of(headline("IncompleteCode", "the cell ends inside an unfinished statement or block"
                    + where + ": " + firstLine(ie.source())));
        }
        if (e instanceof EvalException ee) {
            return evalException(kernel.javaEngine(), ee);
        }
        if (e instanceof UnresolvedReferenceException ure) {
            DeclarationSnippet declaration = ure.getSnippet();
            List<String> missing = kernel.javaEngine().getShell().unresolvedDependencies(declaration).toList();
            return List.of(headline("UnresolvedReference", declaration.name() + " cannot run until this is defined: "
                    + String.join(", ", missing)));
        }
        if (e instanceof MagicEvalException me) {
            return magicError(me);
        }
        return generic(e);
    }

    private static List<String> interrupted(EvaluationInterruptedException e) {
        String text = "the cell was stopped; variables defined before the stop are kept";
        if (e instanceof CellInterruptedException ce && ce.stillRunning()) {
            text += " (the library call it was in did not stop and finishes in the background)";
        }
        return List.of(headline("Interrupted", text));
    }

    private static List<String> compileError(RapaioKernel kernel, CompilerException e) {
        JavaEngine engine = kernel.javaEngine();
        Snippet snippet = e.badSnippet().snippet();
        String source = snippet.source();
        List<String> out = new ArrayList<>();
        List<Diag> diags = engine.getShell().diagnostics(snippet).filter(Diag::isError).toList();
        if (diags.isEmpty()) {
            diags = engine.getShell().diagnostics(snippet).toList();
        }
        for (Diag d : diags.subList(0, Math.min(MAX_DIAGNOSTICS, diags.size()))) {
            int pos = (int) Math.max(0, Math.min(d.getPosition(), source.length()));
            int lineInSnippet = 1 + (int) source.substring(0, pos).chars().filter(c -> c == '\n').count();
            OptionalInt cellLine = engine.cellLine(snippet.id(), lineInSnippet);
            String[] message = d.getMessage(Locale.ENGLISH).split("\\R");
            String where = cellLine.isPresent() ? "cell line " + cellLine.getAsInt() + ": " : "";
            out.add(headline("CompileError", where + message[0]));
            for (int i = 1; i < message.length; i++) {
                if (!message[i].isBlank() && !message[i].strip().startsWith("location:")) {
                    out.add("  " + message[i].strip());
                }
            }
            out.addAll(pointAt(source, pos, (int) d.getStartPosition(), (int) d.getEndPosition()));
        }
        if (snippet instanceof DeclarationSnippet declaration) {
            List<String> missing = engine.getShell().unresolvedDependencies(declaration).toList();
            if (!missing.isEmpty()) {
                if (out.isEmpty()) {
                    OptionalInt line = engine.cellLine(snippet.id(), 1);
                    out.add(headline("CompileError", (line.isPresent() ? "cell line " + line.getAsInt() + ": " : "")
                            + firstLine(source)));
                }
                out.add("  needs what is not defined yet: " + String.join(", ", missing));
            }
        }
        if (out.isEmpty()) {
            out.add(headline("CompileError", "JShell rejected: " + firstLine(source)));
        }
        return out;
    }

    /** The source line holding {@code pos}, and a line of carets under {@code start..end} on it. */
    private static List<String> pointAt(String source, int pos, int start, int end) {
        int lineStart = source.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
        if (pos == 0) {
            lineStart = 0;
        }
        int lineEnd = source.indexOf('\n', pos);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        String line = source.substring(lineStart, lineEnd);
        int from = Math.max(start < 0 ? pos : start, lineStart) - lineStart;
        int to = Math.min(end < 0 ? pos + 1 : Math.max(end, pos + 1), lineEnd) - lineStart;
        from = Math.min(from, line.length());
        to = Math.max(from + 1, Math.min(to, Math.max(line.length(), from + 1)));
        StringBuilder marks = new StringBuilder("    ");
        for (int i = 0; i < from; i++) {
            marks.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        marks.append("^".repeat(to - from));
        return List.of("    " + line.stripTrailing(), ANSI.start().bold().fgRed().text(marks.toString()).reset().render());
    }

    private static List<String> evalException(JavaEngine engine, EvalException e) {
        List<String> out = new ArrayList<>();
        out.add(headline(simpleName(e.getExceptionClassName()), message(e)));
        StackTraceElement[] stack = e.getStackTrace();
        int firstCell = -1;
        for (int i = 0; i < stack.length; i++) {
            if (isCell(stack[i])) {
                firstCell = i;
                break;
            }
        }
        // Where it was thrown, if that is library code: the innermost frame outside the JDK, else the innermost.
        if (firstCell != 0 && stack.length > 0) {
            int limit = firstCell < 0 ? stack.length : firstCell;
            StackTraceElement thrown = null;
            for (int i = 0; i < limit && thrown == null; i++) {
                if (!isJdk(stack[i]) && !isKernel(stack[i])) {
                    thrown = stack[i];
                }
            }
            if (thrown == null && !isKernel(stack[0])) {
                thrown = stack[0];
            }
            if (thrown != null) {
                out.add("  in " + thrown.getClassName() + "." + thrown.getMethodName() + " ("
                        + (thrown.getFileName() == null ? "?" : thrown.getFileName())
                        + (thrown.getLineNumber() > 0 ? ":" + thrown.getLineNumber() : "") + ")");
            }
        }
        int shown = 0;
        for (StackTraceElement frame : stack) {
            if (!isCell(frame) || shown >= MAX_CELL_FRAMES) {
                continue;
            }
            shown++;
            out.add(ANSI.start().bold().text(cellFrame(engine, frame)).reset().render());
        }
        JShellException cause = e.getCause();
        for (int n = 0; cause != null && n < MAX_CAUSES; n++) {
            String name = cause instanceof EvalException ce ? simpleName(ce.getExceptionClassName())
                    : cause.getClass().getSimpleName();
            out.add("  caused by " + name + ": " + firstLine(String.valueOf(cause.getMessage())));
            Throwable next = cause.getCause();
            cause = next instanceof JShellException je && next != cause ? je : null;
        }
        return out;
    }

    private static String cellFrame(JavaEngine engine, StackTraceElement frame) {
        String id = frame.getFileName().substring(1);
        int lineInSnippet = Math.max(frame.getLineNumber(), 1);
        Optional<Snippet> snippet = engine.snippet(id);
        String code = snippet.map(s -> lineOf(s.source(), lineInSnippet)).orElse("");
        OptionalInt cellLine = engine.cellLine(id, lineInSnippet);
        if (cellLine.isPresent()) {
            return "  cell line " + cellLine.getAsInt() + ": " + code;
        }
        String where = snippet.filter(s -> s instanceof DeclarationSnippet)
                .map(s -> ((DeclarationSnippet) s).name()).orElse(frame.getMethodName());
        return "  in " + where + " (an earlier cell), its line " + lineInSnippet + ": " + code;
    }

    private static List<String> magicError(MagicEvalException e) {
        List<String> output = new ArrayList<>();
        String where = "";
        if (e.hasErrorLine()) {
            where = "line " + (e.errorLine() + 1) + ": ";
        }
        output.add(headline("MagicError", where + e.getMessage()));
        if (e.hasErrorLine()) {
            var code = e.magicSnippet().line(e.errorLine()).code();
            output.addAll(pointAt(code, Math.max(0, e.errorStart()), e.errorStart(), e.errorEnd()));
        }
        return output;
    }

    private static List<String> generic(Throwable t) {
        List<String> out = new ArrayList<>();
        out.add(headline(t.getClass().getSimpleName(), String.valueOf(t.getMessage())));
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < Math.min(3, stack.length); i++) {
            out.add("  at " + stack[i]);
        }
        Throwable cause = t.getCause();
        for (int n = 0; cause != null && cause != t && n < MAX_CAUSES; n++) {
            out.add("  caused by " + cause.getClass().getSimpleName() + ": " + firstLine(String.valueOf(cause.getMessage())));
            cause = cause.getCause();
        }
        return out;
    }

    private static String headline(String name, String message) {
        String[] lines = message.split("\\R", -1);
        StringBuilder sb = new StringBuilder(ANSI.start().bold().fgRed().text(name + ":").reset().render());
        sb.append(' ').append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            sb.append('\n').append(lines[i]);
        }
        return sb.toString();
    }

    private static String message(EvalException e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? "(no message)" : m;
    }

    private static boolean isCell(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    private static boolean isJdk(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.")
                || c.startsWith("com.sun.");
    }

    private static boolean isKernel(StackTraceElement frame) {
        return frame.getClassName().startsWith("org.rapaio.jupyter.kernel.");
    }

    static String simpleName(String className) {
        int cut = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
        return cut < 0 ? className : className.substring(cut + 1);
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).stripTrailing() + " ...";
    }

    private static String lineOf(String source, int line) {
        String[] lines = source.split("\\R", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
    }

    private static String stripAnsi(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "");
    }
}
