package d2l;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The code of the committed notebooks, so that tests run the cells learners run instead of copies:
 * the import cell (the first code cell) and the cells tagged {@value #SCRATCH} in their metadata
 * ({@code "tags": ["d2l-scratch"]}: a section's from-scratch code and its training run).
 */
final class NotebookCells {
    static final String SCRATCH = "d2l-scratch";
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookCells() {}

    /** {@code notebooks/<lang>/chapter_optimization/<name>.ipynb}, found from the module or the repository root. */
    static Path notebook(String lang, String name) {
        String rel = "notebooks/" + lang + "/chapter_optimization/" + name + ".ipynb";
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(rel))) return dir.resolve(rel);
        }
        throw new IllegalStateException("cannot find " + rel + " above " + Path.of("").toAbsolutePath());
    }

    /** The sources of the code cells, in order. */
    static List<String> codeCells(Path notebook) {
        return cells(notebook, null);
    }

    /** The sources of the code cells tagged {@code tag}, in order. */
    static List<String> tagged(Path notebook, String tag) {
        return cells(notebook, tag);
    }

    /** The printed (stream) output of each code cell tagged {@code tag}, as committed, in order. */
    static List<String> taggedOutputs(Path notebook, String tag) {
        return cells(notebook, tag, true);
    }

    private static List<String> cells(Path notebook, String tag) {
        return cells(notebook, tag, false);
    }

    private static List<String> cells(Path notebook, String tag, boolean outputs) {
        JsonNode nb;
        try {
            nb = JSON.readTree(notebook.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + notebook, e);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode cell : nb.get("cells")) {
            if (!"code".equals(cell.get("cell_type").asText())) continue;
            if (tag != null) {
                boolean has = false;
                for (JsonNode t : cell.path("metadata").path("tags")) has |= tag.equals(t.asText());
                if (!has) continue;
            }
            StringBuilder text = new StringBuilder();
            if (outputs) {
                for (JsonNode o : cell.path("outputs")) {
                    if ("stream".equals(o.path("output_type").asText())) append(text, o.get("text"));
                }
            } else {
                append(text, cell.get("source"));
            }
            out.add(text.toString());
        }
        return out;
    }

    /** nbformat stores text as one string or as a list of lines. */
    private static void append(StringBuilder sb, JsonNode text) {
        if (text == null) return;
        if (text.isArray()) text.forEach(line -> sb.append(line.asText()));
        else sb.append(text.asText());
    }

    /** A JShell like the notebook kernel's (local execution, the test class path). */
    static JShell shell() {
        JShell shell = JShell.builder().executionEngine("local").build();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(File.pathSeparator)) if (!entry.isBlank()) shell.addToClasspath(entry);
        return shell;
    }

    /**
     * Evaluates {@code code} snippet by snippet, as a cell; fails naming the snippet if one is rejected
     * or throws. Returns the value of the last expression (null if none).
     */
    static String eval(JShell shell, String code) {
        String last = null;
        String rest = code;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.source() == null) throw new AssertionError("incomplete snippet: " + rest);
            for (SnippetEvent ev : shell.eval(info.source())) {
                if (ev.causeSnippet() != null) continue; // a snippet this one replaced (a redeclared variable)
                if (ev.exception() != null) {
                    throw new AssertionError("snippet threw: " + info.source() + " -> " + ev.exception(), ev.exception());
                }
                if (ev.status() != Snippet.Status.VALID) {
                    List<String> diagnostics = shell.diagnostics(ev.snippet()).map(d -> d.getMessage(null)).toList();
                    throw new AssertionError("snippet rejected: " + info.source() + " " + diagnostics);
                }
                if (ev.value() != null) last = ev.value();
            }
            rest = info.remaining();
        }
        return last;
    }
}
