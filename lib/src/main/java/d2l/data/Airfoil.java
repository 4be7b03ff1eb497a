package d2l.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * The NASA airfoil self-noise data set used throughout chapter 11: 1503 rows of 6 tab-separated
 * numbers (frequency, angle of attack, chord length, free-stream velocity, suction-side displacement
 * thickness; scaled sound pressure level).
 */
public final class Airfoil {
    public static final int ROWS = 1503;
    public static final int COLUMNS = 6;

    private Airfoil() {}

    /** Reads the raw file as a ROWS × COLUMNS matrix; a malformed line fails with file and line number. */
    public static DMatrixRMaj read(Path file) {
        double[] data = new double[ROWS * COLUMNS];
        int rows = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] cells = line.trim().split("\t");
                if (cells.length != COLUMNS) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": expected " + COLUMNS
                            + " tab-separated numbers, found " + cells.length + ": '" + line + "'");
                }
                if (rows * COLUMNS == data.length) data = Arrays.copyOf(data, data.length * 2);
                for (int c = 0; c < COLUMNS; c++) {
                    try {
                        data[rows * COLUMNS + c] = Double.parseDouble(cells[c]);
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException(file + ":" + lineNo + ": column " + (c + 1)
                                + " is not a number: '" + cells[c] + "'", ex);
                    }
                }
                rows++;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), ex);
        }
        if (rows == 0) throw new IllegalArgumentException(file + ": no data rows");
        return DMatrixRMaj.wrap(rows, COLUMNS, Arrays.copyOf(data, rows * COLUMNS));
    }

    /**
     * Standardises every column in place: {@code (x − mean) / std} with the population standard deviation
     * (ddof = 0), like NumPy's {@code data.std(axis=0)}.
     */
    public static DMatrixRMaj standardize(DMatrixRMaj m) {
        int n = m.numRows, d = m.numCols;
        for (int c = 0; c < d; c++) {
            double mean = 0;
            for (int r = 0; r < n; r++) mean += m.data[r * d + c];
            mean /= n;
            double var = 0;
            for (int r = 0; r < n; r++) {
                double z = m.data[r * d + c] - mean;
                var += z * z;
            }
            double std = Math.sqrt(var / n);
            if (!(std > 0)) throw new IllegalArgumentException("column " + (c + 1) + " is constant; cannot standardise");
            for (int r = 0; r < n; r++) m.data[r * d + c] = (m.data[r * d + c] - mean) / std;
        }
        return m;
    }
}
