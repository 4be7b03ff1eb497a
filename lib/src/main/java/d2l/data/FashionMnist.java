package d2l.data;

import d2l.Rand;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.ejml.data.DMatrixRMaj;

/**
 * The Fashion-MNIST data set (Xiao, Rasul and Vollgraf, 2017): 28 × 28 grayscale images of clothing in
 * 10 classes, 60000 for training and 10000 for testing, read from the four IDX files of its
 * publication (the book's {@code d2l.load_data_fashion_mnist}, section {@code sec_fashion_mnist}).
 *
 * <p><b>Where the files come from.</b> Debian's package {@code dataset-fashion-mnist} puts them in
 * {@value #DEBIAN_DIR}; they are used from there when present. Otherwise they are read from the data
 * cache ({@link DataHub#dataDir()}{@code /fashion-mnist}), downloaded there from {@value #URL} if
 * missing (with {@code D2L_OFFLINE=1} nothing is downloaded and the error says where to put them).
 *
 * <p><b>Checks.</b> A file is used only if its structure is sound (magic number, sizes that match the
 * header, no bytes after the data, labels 0–9, as many labels as images) and it is the published
 * file: either the {@code .gz} has the published SHA-256, or its decompressed content has the
 * SHA-256 of the published content (Debian recompresses the files, so only the content matches).
 * Otherwise a {@link BadFileException} names the file and what is wrong, and nothing is used.
 *
 * <p>Pixels are kept as bytes (47 MB for the training set); minibatches turn them into doubles
 * {@code p / 255} in [0, 1], as torchvision's {@code ToTensor} does in float32.
 */
public final class FashionMnist {
    /** Where the data set's authors publish the files. */
    public static final String URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    /** Where Debian's package {@code dataset-fashion-mnist} installs them. */
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    public static final int ROWS = 28, COLS = 28, PIXELS = ROWS * COLS, CLASSES = 10;
    public static final int TRAIN_SIZE = 60000, TEST_SIZE = 10000;

    private static final List<String> TEXT_LABELS = List.of(
            "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot");

    static final int IMAGES_MAGIC = 0x00000803, LABELS_MAGIC = 0x00000801;

    /**
     * One published file: its name, the SHA-256 of the {@code .gz} as published and the SHA-256 of its
     * decompressed content. The content hashes were computed from Debian's copies; for the two label
     * files they were checked against the decompressed files of the authors' repository.
     */
    public record IdxFile(String name, String gzSha256, String contentSha256) {}

    public static final IdxFile TRAIN_IMAGES = new IdxFile("train-images-idx3-ubyte.gz",
            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888");
    public static final IdxFile TRAIN_LABELS = new IdxFile("train-labels-idx1-ubyte.gz",
            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9");
    public static final IdxFile TEST_IMAGES = new IdxFile("t10k-images-idx3-ubyte.gz",
            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b");
    public static final IdxFile TEST_LABELS = new IdxFile("t10k-labels-idx1-ubyte.gz",
            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    /** Parsed data sets by file path, so that notebooks loading the data again pay nothing. */
    private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();

    private FashionMnist() {}

    // ---- the book's front ----------------------------------------------------------------------

    /** The training and the test minibatches of {@link #loadDataFashionMnist(int)}. */
    public record TrainTest(Batches train, Batches test) {}

    /**
     * The book's {@code load_data_fashion_mnist(batch_size)}: training minibatches reshuffled every
     * pass from the library's seeded generator ({@link Rand}), test minibatches in file order.
     * {@code X} of a batch is batch × 784 (pixels row by row, in [0, 1]) and {@code y} batch × 1
     * (class indices 0–9 as doubles).
     */
    public static TrainTest loadDataFashionMnist(int batchSize) {
        if (batchSize < 1 || batchSize > TEST_SIZE) {
            throw new IllegalArgumentException("batchSize must be in [1, " + TEST_SIZE + "], got " + batchSize);
        }
        return new TrainTest(new Batches(train(), batchSize, true, Rand.generator()),
                new Batches(test(), batchSize, false, null));
    }

    /** The 60000 training examples, read and checked once per JVM. */
    public static Dataset train() { return load(TRAIN_IMAGES, TRAIN_LABELS); }

    /** The 10000 test examples, read and checked once per JVM. */
    public static Dataset test() { return load(TEST_IMAGES, TEST_LABELS); }

    /** The book's {@code get_fashion_mnist_labels}: the text label of each class index. */
    public static List<String> textLabels(int... labels) {
        List<String> out = new ArrayList<>(labels.length);
        for (int label : labels) {
            if (label < 0 || label >= CLASSES) {
                throw new IllegalArgumentException("label " + label + " is not a Fashion-MNIST class index (0-9)");
            }
            out.add(TEXT_LABELS.get(label));
        }
        return out;
    }

    /** The text labels of a column of class indices, such as a batch's {@code y}. */
    public static List<String> textLabels(DMatrixRMaj y) {
        int[] labels = new int[y.getNumElements()];
        for (int i = 0; i < labels.length; i++) labels[i] = (int) y.data[i];
        return textLabels(labels);
    }

    /**
     * The book's {@code show_images}: the first {@code numRows × numCols} rows of {@code X} (each a
     * 28 × 28 image, values in [0, 1]) in a grid, with {@code titles} above them (may be null), shown in
     * the notebook ({@link ImageGrid} makes the picture without showing it).
     */
    public static void showImages(DMatrixRMaj X, int numRows, int numCols, List<String> titles) {
        new ImageGrid(X, ROWS, COLS, numRows, numCols, titles).show();
    }

    // ---- files ---------------------------------------------------------------------------------

    static Dataset load(IdxFile images, IdxFile labels) {
        return load(images, labels, Path.of(DEBIAN_DIR), DataHub.dataDir().resolve("fashion-mnist"));
    }

    /** The pair from {@code systemDir} if both files are there, else from (or downloaded into) {@code cacheDir}. */
    static Dataset load(IdxFile images, IdxFile labels, Path systemDir, Path cacheDir) {
        Path imagesPath = locate(images, systemDir, cacheDir), labelsPath = locate(labels, systemDir, cacheDir);
        String key = imagesPath.toAbsolutePath() + "|" + labelsPath.toAbsolutePath();
        Dataset cached = CACHE.get(key);
        if (cached != null) return cached;
        Dataset d = read(imagesPath, images, labelsPath, labels);
        CACHE.put(key, d);
        return d;
    }

    private static Path locate(IdxFile f, Path systemDir, Path cacheDir) {
        Path system = systemDir.resolve(f.name());
        if (Files.isRegularFile(system)) return system;
        Path cached = cacheDir.resolve(f.name());
        if (Files.isRegularFile(cached)) return cached; // checked when read
        try {
            return DataHub.download(new DataHub.Entry(URL + f.name(), f.gzSha256()), cacheDir);
        } catch (DataHub.DataUnavailableException e) {
            throw new DataHub.DataUnavailableException(e.getMessage() + "\n  On Debian or Ubuntu, "
                    + "apt-get install dataset-fashion-mnist puts all four files in " + DEBIAN_DIR + ".", e);
        }
    }

    /** Images and their labels, checked against each other and against the published files (null: no hash check). */
    static Dataset read(Path imagesPath, IdxFile images, Path labelsPath, IdxFile labels) {
        Images im = readImages(imagesPath, images);
        byte[] lb = readLabels(labelsPath, labels);
        if (im.count() != lb.length) {
            throw new BadFileException(imagesPath + " holds " + im.count() + " images but " + labelsPath + " holds "
                    + lb.length + " labels; the two files must describe the same examples. Neither is used.");
        }
        return new Dataset(im, lb);
    }

    /** Images and labels read from two IDX files (gzip or not), structure checked, no hash check. */
    public static Dataset read(Path imagesPath, Path labelsPath) { return read(imagesPath, null, labelsPath, null); }

    /** n images of rows × cols unsigned bytes, row-major, one after the other. */
    public record Images(Path source, int count, int rows, int cols, byte[] pixels) {}

    /** Examples of Fashion-MNIST: images and their class indices (0–9) as bytes. */
    public record Dataset(Images images, byte[] labels) {
        public int size() { return labels.length; }

        /** Class index of example i. */
        public int label(int i) { return labels[i]; }

        /** Examples {@code from} to {@code to - 1} as an n × 784 matrix of values in [0, 1]. */
        public DMatrixRMaj features(int from, int to) {
            if (from < 0 || to > size() || from >= to) {
                throw new IllegalArgumentException("need 0 <= from < to <= " + size() + ", got " + from + ", " + to);
            }
            DMatrixRMaj X = new DMatrixRMaj(to - from, PIXELS);
            for (int i = from; i < to; i++) toDoubles(images.pixels(), i, X.data, (i - from) * PIXELS);
            return X;
        }

        @Override
        public String toString() {
            return "FashionMnist.Dataset(" + size() + " images of " + images.rows() + "x" + images.cols() + ", from "
                    + images.source() + ")";
        }
    }

    /** A file that is not what it should be; nothing of it was used. */
    public static final class BadFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public BadFileException(String message) { super(message); }
        public BadFileException(String message, Throwable cause) { super(message, cause); }
    }

    /** Reads an IDX file of images (magic 0x00000803), gzip or not, checking its structure only. */
    public static Images readImages(Path file) { return readImages(file, null); }

    /** Reads an IDX file of labels (magic 0x00000801), gzip or not, checking its structure only. */
    public static byte[] readLabels(Path file) { return readLabels(file, null); }

    static Images readImages(Path file, IdxFile expected) {
        Object[] r = readIdx(file, IMAGES_MAGIC, 3, expected);
        int[] dims = (int[]) r[0];
        return new Images(file, dims[0], dims[1], dims[2], (byte[]) r[1]);
    }

    static byte[] readLabels(Path file, IdxFile expected) {
        Object[] r = readIdx(file, LABELS_MAGIC, 1, expected);
        byte[] labels = (byte[]) r[1];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= CLASSES) {
                throw bad(file, "label " + i + " is " + (labels[i] & 0xFF) + ", not a class index 0-9");
            }
        }
        return labels;
    }

    /** {dims, data}: the header's dimensions and the payload, after every structural check. */
    private static Object[] readIdx(Path file, int magic, int rank, IdxFile expected) {
        MessageDigest md = sha256();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = new DigestInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, md);
            byte[] head = new byte[4 + 4 * rank];
            int got = readFully(in, head, 0, 4);
            if (got < 4) throw bad(file, "is truncated: " + got + " bytes, too short for an IDX header");
            int m = readInt(head, 0);
            if (m != magic) {
                throw bad(file, String.format("has magic number 0x%08x, expected 0x%08x (IDX %s of unsigned bytes)",
                        m, magic, magic == IMAGES_MAGIC ? "images, 3 dimensions" : "labels, 1 dimension")
                        + (m == (magic == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC)
                                ? "; it is a " + (magic == IMAGES_MAGIC ? "labels" : "images") + " file" : ""));
            }
            got = readFully(in, head, 4, 4 * rank);
            if (got < 4 * rank) throw bad(file, "is truncated inside its header (" + (4 + got) + " bytes)");
            int[] dims = new int[rank];
            long total = 1;
            for (int k = 0; k < rank; k++) {
                dims[k] = readInt(head, 4 + 4 * k);
                if (dims[k] < 0) throw bad(file, "has a negative size " + dims[k] + " in its header");
                total *= dims[k];
            }
            if (rank == 3 && (dims[1] != ROWS || dims[2] != COLS)) {
                throw bad(file, "holds images of " + dims[1] + "x" + dims[2] + " pixels, expected " + ROWS + "x" + COLS);
            }
            if (total > Integer.MAX_VALUE - 16) throw bad(file, "declares " + total + " bytes of data, too many");
            byte[] data = new byte[(int) total];
            got = readFully(in, data, 0, data.length);
            if (got < data.length) {
                throw bad(file, "is truncated: its header declares " + describe(dims) + " (" + total
                        + " bytes of data) but only " + got + " follow");
            }
            if (in.read() != -1) {
                throw bad(file, "has bytes after the " + describe(dims) + " its header declares");
            }
            if (expected != null) requirePublished(file, expected, HexFormat.of().formatHex(md.digest()));
            return new Object[] {dims, data};
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot read " + file + ": no such file", e);
        } catch (EOFException e) {
            throw bad(file, "is truncated: the gzip stream ends early (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw bad(file, "is not valid gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    private static void requirePublished(Path file, IdxFile expected, String contentSha256) {
        if (contentSha256.equals(expected.contentSha256())) return;
        String fileSha256 = DataHub.sha256(file);
        if (fileSha256.equals(expected.gzSha256())) return;
        throw bad(file, "is not the published " + expected.name() + ": its content has SHA-256 " + contentSha256
                + " (expected " + expected.contentSha256() + ") and the file " + fileSha256 + " (expected "
                + expected.gzSha256() + " for the .gz)");
    }

    private static String describe(int[] dims) {
        return dims.length == 3 ? dims[0] + " images of " + dims[1] + "x" + dims[2] : dims[0] + " labels";
    }

    private static BadFileException bad(Path file, String what) { return bad(file, what, null); }

    private static BadFileException bad(Path file, String what, Throwable cause) {
        return new BadFileException(file.toAbsolutePath() + " " + what + ". The file is not used; delete it or "
                + "replace it with the published file (" + URL + file.getFileName() + ").", cause);
    }

    private static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) break;
            done += n;
        }
        return done;
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final double[] SCALE = new double[256];
    static {
        for (int v = 0; v < 256; v++) SCALE[v] = v / 255.0;
    }

    /** Image i of {@code pixels} as 784 doubles p / 255 into {@code out} from {@code off}. */
    static void toDoubles(byte[] pixels, int i, double[] out, int off) {
        int src = i * PIXELS;
        for (int p = 0; p < PIXELS; p++) out[off + p] = SCALE[pixels[src + p] & 0xFF];
    }

    // ---- minibatches ---------------------------------------------------------------------------

    /**
     * Minibatches of a {@link Dataset} as {@link DataIter.Batch}es ({@code X} batch × 784 in [0, 1],
     * {@code y} batch × 1 class indices). Each pass yields {@code ceil(n / batchSize)} batches, the last
     * one smaller when {@code batchSize} does not divide n; with shuffling, every pass draws a new
     * order from the generator (Fisher–Yates from the identity, so a pass depends only on the
     * generator's state). The two batch buffers are reused: copy a batch to keep it past the next
     * {@code next()}.
     */
    public static final class Batches implements Minibatches {
        private final Dataset data;
        private final int batchSize;
        private final boolean shuffle;
        private final Random rng;
        private final int[] order;
        private final DataIter.Batch full, last;
        /** One copier for all passes, so that a pass allocates only its iterator. */
        private final Passes.RowCopier copier = (b, r, src) -> {
            toDoubles(dataset().images().pixels(), src, b.X().data, r * PIXELS);
            b.y().data[r] = dataset().labels()[src];
        };

        public Batches(Dataset data, int batchSize, boolean shuffle, Random rng) {
            int n = data.size();
            if (batchSize < 1 || batchSize > n) {
                throw new IllegalArgumentException("batchSize must be in [1, " + n + "], got " + batchSize);
            }
            if (shuffle && rng == null) throw new IllegalArgumentException("shuffling needs a generator, got null");
            this.data = data;
            this.batchSize = batchSize;
            this.shuffle = shuffle;
            this.rng = rng;
            this.order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            full = new DataIter.Batch(new DMatrixRMaj(batchSize, PIXELS), new DMatrixRMaj(batchSize, 1));
            int rest = n % batchSize;
            last = rest == 0 ? full : new DataIter.Batch(new DMatrixRMaj(rest, PIXELS), new DMatrixRMaj(rest, 1));
        }

        public Dataset dataset() { return data; }

        public int numExamples() { return data.size(); }

        /** Number of batches in one pass (the book's {@code len(train_iter)}). */
        public int numBatches() { return (numExamples() + batchSize - 1) / batchSize; }

        public int batchSize() { return batchSize; }

        public int featureDim() { return PIXELS; }

        @Override
        public Iterator<DataIter.Batch> iterator() {
            return Passes.pass(order, shuffle ? rng : null, full, last, copier);
        }

        @Override
        public String toString() {
            return "FashionMnist.Batches(examples=" + numExamples() + ", batchSize=" + batchSize + ", batches="
                    + numBatches() + ", shuffle=" + shuffle + ")";
        }
    }
}
