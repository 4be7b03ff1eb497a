package d2l.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * Data sets by name, downloaded once into a cache folder and checked by SHA-1 on every use (the book's
 * {@code DATA_HUB} and {@code d2l.download}, sections {@code sec_kaggle_house} and {@code sec_utils}).
 *
 * <p>The folder is {@code $D2L_DATA_DIR} (or system property {@code d2l.dataDir}) when set, otherwise
 * {@code $XDG_CACHE_HOME/d2l-java/data}, falling back to {@code ~/.cache/d2l-java/data}. With
 * {@code D2L_OFFLINE=1} (or {@code -Dd2l.offline=true}) nothing is downloaded.
 */
public final class DataHub {
    public static final String DATA_URL = "http://d2l-data.s3-accelerate.amazonaws.com/";

    /**
     * A named file: where it comes from and its hash, hex SHA-1 (40 digits) or SHA-256 (64 digits);
     * the component keeps its first name, {@code sha1}, for the existing callers.
     */
    public record Entry(String url, String sha1) {
        public String fileName() { return url.substring(url.lastIndexOf('/') + 1); }
    }

    public static final Map<String, Entry> DATA_HUB = Map.of(
            "airfoil", new Entry(DATA_URL + "airfoil_self_noise.dat", "76e5be1548fd8222e5074cf0faae75edff8cf93f"));

    private DataHub() {}

    /** The cache folder in use. */
    public static Path dataDir() {
        String dir = setting("d2l.dataDir", "D2L_DATA_DIR");
        if (dir != null && !dir.isBlank()) return Path.of(dir);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("d2l-java").resolve("data");
    }

    static boolean offline() {
        String v = setting("d2l.offline", "D2L_OFFLINE");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(env);
    }

    /**
     * Fetches the named data sets into the cache ahead of time (used by Binder's image build):
     * {@code java -cp <library classpath> d2l.DataHub airfoil}. Prints each verified path.
     */
    public static void main(String... names) {
        if (names.length == 0) names = DATA_HUB.keySet().toArray(String[]::new);
        try {
            for (String name : names) System.out.println(download(name));
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Path of the verified local copy of data set {@code name}, downloading it if needed. */
    public static Path download(String name) { return download(name, dataDir()); }

    public static Path download(String name, Path folder) {
        Entry e = DATA_HUB.get(name);
        if (e == null) throw new IllegalArgumentException("unknown data set '" + name + "'; known: " + DATA_HUB.keySet());
        return download(e, folder);
    }

    static Path download(Entry e, Path folder) {
        Path file = folder.resolve(e.fileName());
        if (Files.exists(file)) {
            requireHash(file, e.sha1(), "Delete it (or replace it with a good copy) and run again to download it afresh.");
            return file;
        }
        if (offline()) throw new DataUnavailableException(missingMessage(e, file, "offline mode (D2L_OFFLINE) is on"));
        fetch(e, file);
        return file;
    }

    private static void fetch(Entry e, Path file) {
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(e.url())).timeout(Duration.ofSeconds(60)).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP status " + response.statusCode());
            }
            try (InputStream in = response.body()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            // A bad download is rejected before it can take the cached file's place.
            requireHash(tmp, e.sha1(), "The download was damaged or the server sent another file; try again later.");
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            throw new DataUnavailableException(missingMessage(e, file, "download failed: " + ex), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DataUnavailableException(missingMessage(e, file, "download interrupted"), ex);
        } finally {
            if (tmp != null) {
                try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
            }
        }
    }

    private static String missingMessage(Entry e, Path file, String why) {
        return "Cannot get " + e.fileName() + " (" + why + ").\n"
                + "  Download " + e.url() + "\n"
                + "  and put it at " + file.toAbsolutePath() + "\n"
                + "  (expected " + algorithm(e.sha1()) + " " + e.sha1() + "), or set D2L_DATA_DIR to a folder that holds it.\n"
                + "  A running Jupyter kernel reads D2L_DATA_DIR only when it starts: restart it after setting it.";
    }

    static void requireHash(Path file, String expected, String advice) {
        String algorithm = algorithm(expected);
        String actual = hash(file, algorithm);
        if (!actual.equals(expected)) {
            throw new DataUnavailableException(algorithm + " mismatch for " + file.toAbsolutePath()
                    + ": expected " + expected + ", got " + actual + ". The file is not used. " + advice);
        }
    }

    /** The digest a hex hash belongs to: 64 digits are SHA-256, anything else SHA-1. */
    static String algorithm(String hexHash) { return hexHash.length() == 64 ? "SHA-256" : "SHA-1"; }

    /** Hex SHA-1 of a file. */
    public static String sha1(Path file) { return hash(file, "SHA-1"); }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) { return hash(file, "SHA-256"); }

    static String hash(Path file, String algorithm) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), ex);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The data set could not be had: missing offline, download failed, or wrong SHA-1. */
    public static final class DataUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public DataUnavailableException(String message) { super(message); }
        public DataUnavailableException(String message, Throwable cause) { super(message, cause); }
    }
}
