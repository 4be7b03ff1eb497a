package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JupyterTest {

    @AfterEach
    void clearPlotDir() {
        System.clearProperty(Jupyter.PLOT_DIR);
    }

    private static Figure figure(String name) {
        return new Plot().series(name, new double[] {1, 2, 3}, new double[] {3, 1, 2}).figure();
    }

    @Test
    void notInKernelEvenWithTheKernelJarOnTheClassPath() throws Exception {
        // The provided-scope kernel jar is on the test class path, yet no kernel runs here.
        assertNotNull(Class.forName("org.rapaio.jupyter.kernel.MainApp", false, getClass().getClassLoader()));
        assertFalse(Jupyter.inKernel());
        assertFalse(Jupyter.inKernel(), "cached answer");
    }

    @Test
    void withoutKernelOrPlotDirDisplayOnlyReturnsIds() {
        assertFalse(Jupyter.active());
        String a = Jupyter.display(figure("a"));
        String b = Jupyter.display(figure("b"));
        assertNotNull(a);
        assertNotEquals(a, b);
        Jupyter.update(a, figure("c")); // no effect, no error
        assertThrows(IllegalArgumentException.class, () -> Jupyter.display(null));
        assertThrows(IllegalArgumentException.class, () -> Jupyter.update(null, figure("d")));
        assertThrows(IllegalArgumentException.class, () -> Jupyter.update(a, null));
    }

    @Test
    void plotDirGetsOneFilePairPerDisplayAndUpdatesOverwrite(@TempDir Path dir) throws Exception {
        System.setProperty(Jupyter.PLOT_DIR, dir.toString());
        String id = Jupyter.display(figure("first"));
        List<Path> files = list(dir);
        assertEquals(2, files.size());
        assertTrue(files.get(0).getFileName().toString().matches("figure-\\d+\\.html"), files.toString());
        assertTrue(files.get(1).getFileName().toString().matches("figure-\\d+\\.svg"), files.toString());
        assertTrue(Files.readString(files.get(1)).contains(">first<"));

        Jupyter.update(id, figure("second"));
        assertEquals(files, list(dir));
        assertTrue(Files.readString(files.get(1)).contains(">second<"));
        assertTrue(Files.readString(files.get(0)).contains(">second<"));

        Jupyter.display(figure("third"));
        assertEquals(4, list(dir).size(), "a new display gets a new pair");
    }

    @Test
    void plotShowWritesToPlotDir(@TempDir Path dir) throws Exception {
        System.setProperty(Jupyter.PLOT_DIR, dir.toString());
        new Plot().series("shown", new double[] {1, 2}, new double[] {2, 1}).show();
        List<Path> files = list(dir);
        assertEquals(2, files.size());
        assertTrue(Files.readString(files.get(files.size() - 1)).contains("shown"));
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
