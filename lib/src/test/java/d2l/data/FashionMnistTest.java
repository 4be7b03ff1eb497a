package d2l.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir Path tmp;

    /** IDX images: magic, n, 28, 28, then pixel (i, p) = (7 i + p) mod 256. */
    static byte[] images(int n, int magic, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
        b.putInt(magic).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n; i++) for (int p = 0; p < rows * cols; p++) b.put((byte) (7 * i + p));
        return b.array();
    }

    static byte[] images(int n) { return images(n, 0x803, 28, 28); }

    static byte[] labels(int... ls) {
        ByteBuffer b = ByteBuffer.allocate(8 + ls.length);
        b.putInt(0x801).putInt(ls.length);
        for (int l : ls) b.put((byte) l);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    Path write(String name, byte[] data) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        return p;
    }

    @Test
    void readsRawAndGzipFilesAlike() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            byte[] im = images(3), lb = labels(9, 0, 4);
            Path ip = write("im" + gz, gz ? gzip(im) : im), lp = write("lb" + gz, gz ? gzip(lb) : lb);
            FashionMnist.Dataset d = FashionMnist.read(ip, lp);
            assertEquals(3, d.size());
            assertEquals(4, d.label(2));
            DMatrixRMaj X = d.features(1, 3);
            assertEquals(2, X.numRows);
            assertEquals(784, X.numCols);
            assertEquals(((7 + 5) & 0xFF) / 255.0, X.get(0, 5), 0.0, "pixel 5 of image 1");
            assertEquals(((14 + 783) & 0xFF) / 255.0, X.get(1, 783), 0.0, "pixel 783 of image 2");
        }
    }

    /** Asserts that reading fails with a message naming the file and containing {@code what}. */
    void assertBad(Path images, Path labels, Path named, String what) {
        var e = assertThrows(FashionMnist.BadFileException.class, () -> FashionMnist.read(images, labels));
        assertTrue(e.getMessage().contains(named.toAbsolutePath().toString()) || e.getMessage().contains(named.toString()),
                "message should name " + named + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(what), "message should say '" + what + "': " + e.getMessage());
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        Path lb = write("lb", labels(1, 2));
        assertBad(lb, lb, lb, "has magic number 0x00000801, expected 0x00000803");
        assertBad(lb, lb, lb, "it is a labels file");
        Path im = write("im.gz", gzip(images(2, 0x0803_0000, 28, 28)));
        assertBad(im, lb, im, "has magic number 0x08030000");
    }

    @Test
    void truncatedFilesAreNamed() throws IOException {
        byte[] im = images(3);
        Path lb = write("lb", labels(1, 2, 3));
        Path cut = write("cut", Arrays.copyOf(im, im.length - 10));
        assertBad(cut, lb, cut, "is truncated: its header declares 3 images of 28x28 (2352 bytes of data) but only 2342 follow");
        Path cutGz = write("cut.gz", gzip(Arrays.copyOf(im, im.length - 1)));
        assertBad(cutGz, lb, cutGz, "but only 2351 follow");
        byte[] gz = gzip(im);
        Path brokenGz = write("broken.gz", Arrays.copyOf(gz, gz.length / 2));
        assertBad(brokenGz, lb, brokenGz, "is truncated");
        Path header = write("header", Arrays.copyOf(im, 10));
        assertBad(header, lb, header, "truncated inside its header");
        Path tiny = write("tiny", new byte[] {0, 0});
        assertBad(tiny, lb, tiny, "too short for an IDX header");
        Path cutLabels = write("cutlb", Arrays.copyOf(labels(1, 2, 3), 10));
        assertBad(write("im3", im), cutLabels, cutLabels, "3 labels (3 bytes of data) but only 2 follow");
    }

    @Test
    void extraBytesWrongSizeAndBadLabelsAreNamed() throws IOException {
        Path lb = write("lb", labels(1, 2));
        byte[] im = images(2);
        Path longer = write("longer", Arrays.copyOf(im, im.length + 1));
        assertBad(longer, lb, longer, "has bytes after the 2 images of 28x28");
        Path small = write("small", images(2, 0x803, 27, 28));
        assertBad(small, lb, small, "holds images of 27x28 pixels, expected 28x28");
        Path label10 = write("label10", labels(1, 10));
        assertBad(write("im2", im), label10, label10, "label 1 is 10, not a class index 0-9");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path im = write("im", images(3)), lb = write("lb", labels(1, 2));
        var e = assertThrows(FashionMnist.BadFileException.class, () -> FashionMnist.read(im, lb));
        assertTrue(e.getMessage().contains(im + " holds 3 images but " + lb + " holds 2 labels"), e.getMessage());
    }

    @Test
    void onlyThePublishedFilesAreAccepted() throws IOException {
        Path sys = tmp.resolve("system"), cache = tmp.resolve("cache");
        write("cache/" + FashionMnist.TEST_IMAGES.name(), gzip(images(2)));
        write("cache/" + FashionMnist.TEST_LABELS.name(), gzip(labels(1, 2)));
        var e = assertThrows(FashionMnist.BadFileException.class,
                () -> FashionMnist.load(FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, sys, cache));
        assertTrue(e.getMessage().contains("is not the published t10k-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains(FashionMnist.TEST_IMAGES.contentSha256()), e.getMessage());
    }

    @Test
    void missingFilesOfflineSayWhatToDo() {
        // Surefire sets D2L_OFFLINE=1, so nothing is downloaded.
        Path sys = tmp.resolve("system"), cache = tmp.resolve("cache");
        var e = assertThrows(DataHub.DataUnavailableException.class,
                () -> FashionMnist.load(FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, sys, cache));
        String m = e.getMessage();
        assertTrue(m.contains(FashionMnist.URL + "t10k-images-idx3-ubyte.gz"), m);
        assertTrue(m.contains("SHA-256 " + FashionMnist.TEST_IMAGES.gzSha256()), m);
        assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
    }

    @Test
    void batchesReuseBuffersCoverEveryExampleOnceAndReshuffle() throws IOException {
        int n = 10;
        int[] ls = new int[n];
        for (int i = 0; i < n; i++) ls[i] = i % 10;
        FashionMnist.Dataset d = FashionMnist.read(write("im", images(n)), write("lb", labels(ls)));
        FashionMnist.Batches it = new FashionMnist.Batches(d, 4, true, new Random(1));
        assertEquals(3, it.numBatches());
        List<Integer> first = pass(it, d), second = pass(it, d);
        assertNotEquals(first, second, "a new pass draws a new order");
        assertEquals(first, pass(new FashionMnist.Batches(d, 4, true, new Random(1)), d), "same seed, same order");
        DataIter.Batch a = it.iterator().next(), b = it.iterator().next();
        assertSame(a.X(), b.X(), "full batches share one buffer");
        FashionMnist.Batches inOrder = new FashionMnist.Batches(d, 4, false, null);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), pass(inOrder, d));
    }

    /** The example indices of one pass, found from the pixel pattern, with sizes and labels checked. */
    static List<Integer> pass(FashionMnist.Batches it, FashionMnist.Dataset d) {
        List<Integer> seen = new java.util.ArrayList<>();
        int[] sizes = {4, 4, 2};
        int k = 0;
        for (DataIter.Batch b : it) {
            assertEquals(sizes[k++], b.size());
            for (int r = 0; r < b.size(); r++) {
                int i = (int) Math.round(b.X().get(r, 0) * 255) / 7; // pixel 0 of image i is 7 i
                assertEquals(d.label(i), (int) b.y().get(r, 0), "label travels with its image");
                seen.add(i);
            }
        }
        Set<Integer> unique = new HashSet<>(seen);
        assertEquals(d.size(), unique.size(), "every example exactly once: " + seen);
        return seen;
    }

    @Test
    void textLabelsAreTheBooks() {
        assertEquals(List.of("t-shirt", "ankle boot", "bag"), FashionMnist.textLabels(0, 9, 8));
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.textLabels(10));
    }

    @Test
    void imageGridHasOneTileAndTitlePerImage() {
        DMatrixRMaj X = new DMatrixRMaj(5, 784);
        X.data[783] = 1;
        ImageGrid g = new ImageGrid(X, 28, 28, 1, 3, FashionMnist.textLabels(0, 1, 2));
        assertEquals(3, g.size());
        assertEquals(3, g.svg().split("<image ", -1).length - 1);
        assertTrue(g.svg().contains(">trouser</text>"));
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid(X, 28, 28, 2, 3, List.of("a")));
    }

    @Test
    void debianFilesAreThePublishedData() {
        Path debian = Path.of(FashionMnist.DEBIAN_DIR, FashionMnist.TRAIN_IMAGES.name());
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(debian), "dataset-fashion-mnist is not installed");
        FashionMnist.Dataset train = FashionMnist.train(), test = FashionMnist.test();
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        int[] counts = new int[10];
        for (int i = 0; i < train.size(); i++) counts[train.label(i)]++;
        int[] expected = new int[10];
        Arrays.fill(expected, 6000);
        assertArrayEquals(expected, counts, "the training set has 6000 images per class");
        // The first labels of each split, as read by Python's gzip module from the same files.
        assertEquals(List.of("ankle boot", "t-shirt", "t-shirt", "dress"),
                FashionMnist.textLabels(train.label(0), train.label(1), train.label(2), train.label(3)));
        assertEquals(9, test.label(0));
        assertSame(train, FashionMnist.train(), "read once per JVM");
        var data = FashionMnist.loadDataFashionMnist(256);
        assertEquals(235, data.train().numBatches());
        assertEquals(40, data.test().numBatches());
    }
}
