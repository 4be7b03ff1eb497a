package d2l;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Adam notebook's from-scratch code, read from its cells (the import cell and the cells tagged
 * {@code d2l-scratch}), run in JShell exactly as the Java kernel (JShell, local execution) runs them.
 * Nothing here copies the notebook's Adam or Yogi.
 */
class JShellScratchTest {
    static final Path NOTEBOOK = NotebookCells.notebook("en", "adam");
    static final Pattern LOSS = Pattern.compile("loss: (\\d+\\.\\d+), \\S+ sec/epoch");
    static JShell shell;
    static String printed;

    /** Replays the import cell and the tagged cells once (they train Adam and Yogi and print their losses). */
    @BeforeAll
    static void runTheCells() {
        List<String> scratch = NotebookCells.tagged(NOTEBOOK, NotebookCells.SCRATCH);
        assertTrue(scratch.size() >= 3, "expected the Adam notebook's from-scratch cells to be tagged d2l-scratch, found "
                + scratch.size());
        shell = NotebookCells.shell();
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            NotebookCells.eval(shell, NotebookCells.codeCells(NOTEBOOK).get(0));
            NotebookCells.eval(shell, "Rand.manualSeed(Rand.DEFAULT_SEED);"); // as a fresh kernel starts
            for (String cell : scratch) NotebookCells.eval(shell, cell);
        } finally {
            System.setOut(out);
        }
        printed = buffer.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void close() {
        if (shell != null) shell.close();
    }

    @Test
    void theCellsTrainAdamAndYogiIntoTheBooksBand() {
        Matcher m = LOSS.matcher(printed);
        int runs = 0;
        while (m.find()) {
            double loss = Double.parseDouble(m.group(1));
            assertTrue(loss >= 0.238 && loss <= 0.250, "loss " + loss + " in " + printed);
            runs++;
        }
        assertEquals(2, runs, "the scratch Adam run and the scratch Yogi run each print one loss line: " + printed);
        // The notebook's first scratch run starts from a fresh kernel's generator, as here: same loss.
        String committed = NotebookCells.taggedOutputs(NOTEBOOK, NotebookCells.SCRATCH).stream()
                .filter(o -> LOSS.matcher(o).find()).findFirst().orElseThrow();
        Matcher c = LOSS.matcher(committed), first = LOSS.matcher(printed);
        assertTrue(c.find() && first.find());
        assertEquals(c.group(1), first.group(1), "the loss the committed notebook shows (" + committed.strip() + ")");
        assertTrue(Double.parseDouble(NotebookCells.eval(shell, "adamRun.finalLoss()")) < 0.25);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 42})
    void scratchAdamLandsInTheBooksBandForAnySeed(long seed) {
        String result = NotebookCells.eval(shell, "Rand.manualSeed(" + seed + "L);\n"
                + "var hp = new HashMap<>(Map.of(\"lr\", 0.01, \"t\", 1.0));\n"
                + "var r = quietly(() -> trainCh11((params, states, h) -> adam(params, states, h), initAdamStates(featureDim), hp, getDataCh11(10), featureDim));\n"
                + "r.losses().length + \" \" + hp.get(\"t\") + \" \" + r.finalLoss()");
        String[] parts = result.replace("\"", "").split(" ");
        assertEquals("15", parts[0], "2 epochs x 1500 examples / 200");
        assertEquals("301.0", parts[1], "t counts the 300 updates");
        double loss = Double.parseDouble(parts[2]);
        assertTrue(loss >= 0.238 && loss <= 0.250, "seed " + seed + ": final loss " + loss);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 42})
    void scratchYogiLandsInTheBooksBandForAnySeed(long seed) {
        String result = NotebookCells.eval(shell, "Rand.manualSeed(" + seed + "L);\n"
                + "quietly(() -> trainCh11((params, states, h) -> yogi(params, states, h), initAdamStates(featureDim), "
                + "new HashMap<>(Map.of(\"lr\", 0.01, \"t\", 1.0)), getDataCh11(10), featureDim)).finalLoss()");
        double loss = Double.parseDouble(result);
        assertTrue(loss >= 0.238 && loss <= 0.250, "seed " + seed + ": final loss " + loss);
    }

    @Test
    void theTaggedCellsAreTheSameInEveryLanguage() {
        List<String> en = NotebookCells.tagged(NOTEBOOK, NotebookCells.SCRATCH);
        for (String lang : List.of("zh", "ja")) {
            assertEquals(en, NotebookCells.tagged(NotebookCells.notebook(lang, "adam"), NotebookCells.SCRATCH), lang);
        }
    }
}
