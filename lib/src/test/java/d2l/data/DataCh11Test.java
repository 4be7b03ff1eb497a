package d2l.data;
import d2l.Rand;

import d2l.Ch11;




import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCh11Test {
    static final String SHA1 = "76e5be1548fd8222e5074cf0faae75edff8cf93f";

    @TempDir Path tmp;

    @AfterEach
    void clearProperties() {
        System.clearProperty("d2l.dataDir");
        System.clearProperty("d2l.offline");
    }

    static Path sharedCopy() {
        Path p = DataHub.dataDir().resolve("airfoil_self_noise.dat");
        assertTrue(Files.exists(p), "tests need the shared airfoil file at " + p + " (set D2L_DATA_DIR)");
        return p;
    }

    @Test
    void sharedFileHasTheBooksHash() {
        assertEquals(SHA1, DataHub.sha1(sharedCopy()));
        assertEquals(SHA1, DataHub.DATA_HUB.get("airfoil").sha1());
    }

    @Test
    void readsAllRowsAndStandardisesWithPopulationStd() {
        DMatrixRMaj raw = Airfoil.read(sharedCopy());
        assertEquals(1503, raw.numRows);
        assertEquals(6, raw.numCols);
        assertEquals(800.0, raw.get(0, 0));      // first row of the file: 800 Hz ...
        assertEquals(126.201, raw.get(0, 5));    // ... and 126.201 dB
        DMatrixRMaj z = Airfoil.standardize(raw.copy());
        for (int c = 0; c < 6; c++) {
            double mean = 0, sq = 0;
            for (int r = 0; r < 1503; r++) mean += z.get(r, c);
            mean /= 1503;
            for (int r = 0; r < 1503; r++) sq += (z.get(r, c) - mean) * (z.get(r, c) - mean);
            assertEquals(0, mean, 1e-12, "mean of column " + c);
            assertEquals(1, Math.sqrt(sq / 1503), 1e-12, "population std of column " + c);
        }
        // Spot check against a value worked out independently: (x - mean) / std for row 0, column 0.
        double mean0 = 0, sq0 = 0;
        for (int r = 0; r < 1503; r++) mean0 += raw.get(r, 0);
        mean0 /= 1503;
        for (int r = 0; r < 1503; r++) sq0 += Math.pow(raw.get(r, 0) - mean0, 2);
        assertEquals((800 - mean0) / Math.sqrt(sq0 / 1503), z.get(0, 0), 1e-12);
    }

    @Test
    void getDataCh11StandardisesOverAllRowsThenKeepsTheFirstN() {
        DataIter data = Ch11.getDataCh11(10, 1500);
        assertEquals(1500, data.numExamples());
        assertEquals(5, data.featureDim());
        assertEquals(150, data.numBatches());
        DMatrixRMaj z = Airfoil.standardize(Airfoil.read(sharedCopy()));
        assertEquals(z.get(1499, 2), data.features().get(1499, 2), 0);
        assertEquals(z.get(1499, 5), data.labels().get(1499, 0), 0);
        // Over the kept 1500 rows the mean is close to, but not exactly, zero: the statistics used all 1503.
        double mean = 0;
        for (int i = 0; i < 1500; i++) mean += data.labels().get(i, 0);
        assertNotEquals(0, mean / 1500, 1e-6);
        assertEquals(0, mean / 1500, 1e-2);
    }

    @Test
    void minibatchesCoverEveryExampleOncePerPassAndReshuffle() {
        DMatrixRMaj X = new DMatrixRMaj(23, 1), y = new DMatrixRMaj(23, 1);
        for (int i = 0; i < 23; i++) { X.data[i] = i; y.data[i] = -i; }
        DataIter it = new DataIter(X, y, 5, true, new java.util.Random(7));
        assertEquals(5, it.numBatches());
        int[] first = new int[23], second = new int[23];
        int k = 0, sizes = 0;
        for (DataIter.Batch b : it) {
            sizes += b.size();
            for (int r = 0; r < b.size(); r++) {
                assertEquals(-b.X().data[r], b.y().data[r], 0.0);
                first[k++] = (int) b.X().data[r];
            }
        }
        assertEquals(23, sizes);
        assertArrayEquals(java.util.stream.IntStream.range(0, 23).toArray(), java.util.Arrays.stream(first).sorted().toArray());
        k = 0;
        for (DataIter.Batch b : it) for (int r = 0; r < b.size(); r++) second[k++] = (int) b.X().data[r];
        assertFalse(java.util.Arrays.equals(first, second), "a new pass must reshuffle");
    }

    @Test
    void aPassDependsOnlyOnTheGeneratorState() {
        DataIter data = Ch11.getDataCh11(10);
        Rand.manualSeed(9);
        double first = data.iterator().next().y().data[0];
        data.iterator(); // another pass in between
        Rand.manualSeed(9);
        assertEquals(first, data.iterator().next().y().data[0]);
    }

    @Test
    void sameSeedSameOrder() {
        Rand.manualSeed(3);
        double a = Ch11.getDataCh11(10).iterator().next().y().data[0];
        Rand.manualSeed(3);
        double b = Ch11.getDataCh11(10).iterator().next().y().data[0];
        assertEquals(a, b);
    }

    @Test
    void badArgumentsNameTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ch11.getDataCh11(0)).getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ch11.getDataCh11(1501)).getMessage().contains("[1, 1500], got 1501"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ch11.getDataCh11(10, 2000)).getMessage().contains("got 2000"));
    }

    @Test
    void corruptedCopyIsRejectedWithPathAndBothHashes() throws IOException {
        byte[] bytes = Files.readAllBytes(sharedCopy());
        bytes[100] ^= 1;
        Path bad = tmp.resolve("airfoil_self_noise.dat");
        Files.write(bad, bytes);
        System.setProperty("d2l.dataDir", tmp.toString());
        var e = assertThrows(DataHub.DataUnavailableException.class, () -> Ch11.getDataCh11(10));
        assertTrue(e.getMessage().contains(bad.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + SHA1), e.getMessage());
        assertTrue(e.getMessage().contains("got " + DataHub.sha1(bad)), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(bad), "the user's file is left as it was");
    }

    @Test
    void partialCopyIsRejected() throws IOException {
        byte[] bytes = Files.readAllBytes(sharedCopy());
        Files.write(tmp.resolve("airfoil_self_noise.dat"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        System.setProperty("d2l.dataDir", tmp.toString());
        assertThrows(DataHub.DataUnavailableException.class, () -> DataHub.download("airfoil"));
    }

    @Test
    void offlineWithoutCopySaysWhereToPutWhichFile() {
        System.setProperty("d2l.dataDir", tmp.toString());
        System.setProperty("d2l.offline", "true");
        var e = assertThrows(DataHub.DataUnavailableException.class, () -> Ch11.getDataCh11());
        String m = e.getMessage();
        assertTrue(m.contains("http://d2l-data.s3-accelerate.amazonaws.com/airfoil_self_noise.dat"), m);
        assertTrue(m.contains(tmp.resolve("airfoil_self_noise.dat").toAbsolutePath().toString()), m);
        assertTrue(m.contains(SHA1), m);
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        Path f = tmp.resolve("bad.dat");
        Files.writeString(f, "1\t2\t3\t4\t5\t6\n1\t2\t3\t4\t5\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Airfoil.read(f));
        assertTrue(e.getMessage().contains(f + ":2: expected 6 tab-separated numbers, found 5"), e.getMessage());
        Files.writeString(f, "1\t2\t3\t4\t5\t6\n1\t2\tx3\t4\t5\t6\n");
        e = assertThrows(IllegalArgumentException.class, () -> Airfoil.read(f));
        assertTrue(e.getMessage().contains(f + ":2: column 3 is not a number: 'x3'"), e.getMessage());
        // Blank lines count as lines (Tablesaw's row numbers skip them).
        Files.writeString(f, "1\t2\t3\t4\t5\t6\n\n\n1\t2\t3\t4\t5\t6\t7\n");
        e = assertThrows(IllegalArgumentException.class, () -> Airfoil.read(f));
        assertTrue(e.getMessage().contains(f + ":4: expected 6 tab-separated numbers, found 7"), e.getMessage());
        // Tablesaw would read "NA" as a missing value; here it is an error.
        Files.writeString(f, "1\t2\t3\t4\t5\t6\n1\t2\t3\t4\tNA\t6\n");
        e = assertThrows(IllegalArgumentException.class, () -> Airfoil.table(f));
        assertTrue(e.getMessage().contains(f + ":2: column 5 is not a number: 'NA'"), e.getMessage());
        Files.writeString(f, "\n\n");
        e = assertThrows(IllegalArgumentException.class, () -> Airfoil.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("no data"), e.getMessage());
        var missing = tmp.resolve("missing.dat");
        var io = assertThrows(java.io.UncheckedIOException.class, () -> Airfoil.read(missing));
        assertTrue(io.getMessage().contains(missing.toAbsolutePath().toString()), io.getMessage());
    }

    @Test
    void theTableHasNamedColumnsAndTheFilesExactNumbers() throws IOException {
        tech.tablesaw.api.Table t = Airfoil.table(sharedCopy());
        assertEquals(1503, t.rowCount());
        assertEquals(java.util.List.of(Airfoil.COLUMN_NAMES), t.columnNames());
        assertEquals("airfoil", t.name());
        String summary = t.summary().print();
        assertTrue(summary.contains("sound") && summary.contains("Mean"), summary);
        // Every number as Java parses the file's digits, independently of Tablesaw.
        DMatrixRMaj m = Airfoil.read(sharedCopy());
        java.util.List<String> lines = Files.readAllLines(sharedCopy());
        int r = 0;
        for (String line : lines) {
            if (line.isBlank()) continue;
            String[] cells = line.trim().split("\t");
            for (int c = 0; c < 6; c++) assertEquals(Double.parseDouble(cells[c]), m.get(r, c), 0, "row " + r + ", column " + c);
            r++;
        }
        assertEquals(1503, r);
    }

    /** Download path, against a server on loopback: good bytes are cached atomically, bad bytes never. */
    @Test
    void downloadVerifiesBeforeCaching() throws IOException {
        byte[] good = Files.readAllBytes(sharedCopy());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good.dat", x -> { x.sendResponseHeaders(200, good.length); x.getResponseBody().write(good); x.close(); });
        server.createContext("/bad.dat", x -> { x.sendResponseHeaders(200, 10); x.getResponseBody().write(new byte[10]); x.close(); });
        server.start();
        try {
            System.setProperty("d2l.offline", "false"); // the loopback server is allowed
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Path got = DataHub.download(new DataHub.Entry(base + "good.dat", SHA1), tmp);
            assertArrayEquals(good, Files.readAllBytes(got));
            var e = assertThrows(DataHub.DataUnavailableException.class,
                    () -> DataHub.download(new DataHub.Entry(base + "bad.dat", SHA1), tmp));
            assertTrue(e.getMessage().contains("SHA-1 mismatch"), e.getMessage());
            assertFalse(Files.exists(tmp.resolve("bad.dat")), "a bad download must not be cached");
            try (var files = Files.list(tmp)) {
                assertEquals(1, files.count(), "no temporary file is left behind");
            }
            e = assertThrows(DataHub.DataUnavailableException.class,
                    () -> DataHub.download(new DataHub.Entry(base + "missing.dat", SHA1), tmp));
            assertTrue(e.getMessage().contains("HTTP status 404") && e.getMessage().contains(base + "missing.dat"), e.getMessage());
        } finally {
            server.stop(0);
        }
        // No network: nothing listens on the port any more.
        String gone = "http://127.0.0.1:" + server.getAddress().getPort() + "/good.dat";
        var e = assertThrows(DataHub.DataUnavailableException.class,
                () -> DataHub.download(new DataHub.Entry(gone, SHA1), tmp.resolve("other")));
        String m = e.getMessage();
        assertTrue(m.contains("download failed") && m.contains(gone) && m.contains(SHA1)
                && m.contains(tmp.resolve("other").resolve("good.dat").toAbsolutePath().toString()), m);
    }
}
