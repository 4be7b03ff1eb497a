package d2l.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import d2l.Ch11;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The Adam notebook's from-scratch Adam, taken from its cells (the import cell and the declarations of
 * the cells tagged {@code d2l-scratch}) and compiled by JShell in this JVM, as the notebook kernel
 * does. So the benchmark times exactly the code a learner runs; a change to the notebook's Adam shows
 * up in the next benchmark run instead of leaving a stale copy here. Statements of those cells (their
 * training runs) are skipped.
 */
public final class NotebookScratch {
    static final String NOTEBOOK = "notebooks/en/chapter_optimization/adam.ipynb";

    /** Set by the JShell snippet below: the notebook's {@code adam} and {@code initAdamStates}. */
    public static volatile Ch11.TrainerFn<Object> adam;
    public static volatile IntFunction<Object> initAdamStates;

    private static JShell shell; // kept open: its class loader holds the compiled cells

    private NotebookScratch() {}

    /** Compiles the cells once per JVM and sets {@link #adam} and {@link #initAdamStates}. */
    static synchronized void load() {
        if (adam != null) return;
        Path nb = find();
        List<String> cells = cells(nb);
        shell = JShell.builder().executionEngine("local").build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) shell.addToClasspath(entry);
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        for (int i = 0; i < cells.size(); i++) {
            String rest = cells.get(i);
            while (!rest.isBlank()) { // one snippet at a time, as the kernel splits a cell
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                if (info.source() == null) throw new IllegalStateException(nb + ": incomplete code in a cell: " + rest);
                Snippet.Kind kind = analysis.sourceToSnippets(info.source()).get(0).kind();
                if (i == 0 || kind == Snippet.Kind.IMPORT || kind == Snippet.Kind.METHOD || kind == Snippet.Kind.TYPE_DECL) {
                    eval(info.source(), nb);
                }
                rest = info.remaining();
            }
        }
        eval("d2l.bench.NotebookScratch.initAdamStates = d -> initAdamStates(d);", nb);
        eval("d2l.bench.NotebookScratch.adam = (p, s, h) -> adam(p, (List<State>) s, h);", nb);
        if (adam == null) throw new IllegalStateException(nb + ": the cells did not define adam(...)");
    }

    private static void eval(String source, Path nb) {
        for (SnippetEvent ev : shell.eval(source)) {
            if (ev.causeSnippet() != null) continue;
            if (ev.exception() != null || ev.status() != Snippet.Status.VALID) {
                throw new IllegalStateException(nb + ": cannot compile the notebook's from-scratch code: " + source
                        + " " + shell.diagnostics(ev.snippet()).map(d -> d.getMessage(null)).toList(), ev.exception());
            }
        }
    }

    /** The import cell (the first code cell) and then the cells tagged d2l-scratch. */
    private static List<String> cells(Path nb) {
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode cell : new ObjectMapper().readTree(nb.toFile()).get("cells")) {
                if (!"code".equals(cell.get("cell_type").asText())) continue;
                boolean tagged = false;
                for (JsonNode t : cell.path("metadata").path("tags")) tagged |= "d2l-scratch".equals(t.asText());
                if (out.isEmpty() || tagged) {
                    StringBuilder src = new StringBuilder();
                    cell.get("source").forEach(line -> src.append(line.asText()));
                    out.add(src.toString());
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + nb, e);
        }
    }

    /** {@code -Dd2l.notebook=...}, or {@value #NOTEBOOK} above the working directory or above this jar. */
    private static Path find() {
        String given = System.getProperty("d2l.notebook");
        if (given != null) return Path.of(given);
        List<Path> bases = new ArrayList<>(List.of(Path.of("").toAbsolutePath()));
        try {
            bases.add(Path.of(NotebookScratch.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // only the working directory then
        }
        for (Path base : bases) {
            for (Path dir = base; dir != null; dir = dir.getParent()) {
                if (Files.exists(dir.resolve(NOTEBOOK))) return dir.resolve(NOTEBOOK);
            }
        }
        throw new IllegalStateException("cannot find " + NOTEBOOK + " above " + bases + "; run from the repository or pass -Dd2l.notebook=PATH");
    }
}
