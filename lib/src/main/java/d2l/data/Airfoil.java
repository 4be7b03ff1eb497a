package d2l.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The NASA airfoil self-noise data set of the optimization chapter (from section {@code sec_minibatch_sgd}
 * on): 1503 rows of 6 tab-separated numbers, without a header. Tablesaw reads the file into a
 * {@link Table} whose columns are named {@link #COLUMN_NAMES}, so a learner can look at it:
 * <pre>{@code
 * Table airfoil = Airfoil.table();
 * System.out.println(airfoil.first(3));
 * System.out.println(airfoil.summary());
 * }</pre>
 * The trainers use the same numbers as an EJML matrix ({@link #read}, {@link #matrix}).
 */
public final class Airfoil {
    public static final int ROWS = 1503;
    public static final int COLUMNS = 6;
    /**
     * Frequency (Hz), angle of attack (degrees), chord length (m), free-stream velocity (m/s),
     * suction-side displacement thickness (m); the label: scaled sound pressure level (dB).
     */
    public static final String[] COLUMN_NAMES = {"frequency", "angle", "chord", "velocity", "thickness", "sound"};

    private Airfoil() {}

    /** The data set as a table, from the checked local copy ({@link DataHub#download}, downloaded once). */
    public static Table table() {
        return table(DataHub.download("airfoil"));
    }

    /**
     * Reads {@code file} (6 tab-separated numbers a line, blank lines skipped) as a table named
     * "airfoil" with the columns {@link #COLUMN_NAMES}.
     *
     * @throws IllegalArgumentException naming the file, the line and, for a bad number, the column, if
     *     a line does not hold 6 numbers; or if the file has no data
     */
    public static Table table(Path file) {
        if (!Files.isReadable(file)) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), new IOException("not a readable file"));
        }
        ColumnType[] types = new ColumnType[COLUMNS];
        Arrays.fill(types, ColumnType.DOUBLE);
        CsvReadOptions options = CsvReadOptions.builder(file.toFile())
                .separator('\t').header(false).columnTypes(types).tableName("airfoil").build();
        Table t;
        try {
            t = Table.read().usingOptions(options);
        } catch (RuntimeException e) {
            throw malformed(file, e);
        }
        if (t.rowCount() == 0) throw new IllegalArgumentException(file + ": no data rows");
        if (t.columnCount() != COLUMNS || t.doubleColumn(0).size() == 0) throw malformed(file, null);
        for (int c = 0; c < COLUMNS; c++) {
            // Tablesaw reads "", "NA", "?" ... as missing; here every cell must be a number.
            if (t.doubleColumn(c).countMissing() > 0) throw malformed(file, null);
            t.column(c).setName(COLUMN_NAMES[c]);
        }
        return t;
    }

    /** Reads the raw file as a ROWS × COLUMNS matrix; a malformed line fails with file, line and column. */
    public static DMatrixRMaj read(Path file) {
        return matrix(table(file));
    }

    /** The table's numbers as a rows × columns matrix (a copy), column c being {@code t.column(c)}. */
    public static DMatrixRMaj matrix(Table t) {
        DMatrixRMaj m = new DMatrixRMaj(t.rowCount(), t.columnCount());
        for (int c = 0; c < t.columnCount(); c++) {
            DoubleColumn col = t.doubleColumn(c);
            for (int r = 0; r < t.rowCount(); r++) m.unsafe_set(r, c, col.getDouble(r));
        }
        return m;
    }

    /**
     * The error for a file Tablesaw could not read as 6 numbers a line. Tablesaw counts data rows, not
     * lines, and says nothing of blank lines, so the file is scanned again to name the first bad line
     * as {@code file:line}.
     */
    private static IllegalArgumentException malformed(Path file, RuntimeException cause) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] cells = line.trim().split("\t");
                if (cells.length != COLUMNS) {
                    return new IllegalArgumentException(file + ":" + lineNo + ": expected " + COLUMNS
                            + " tab-separated numbers, found " + cells.length + ": '" + line + "'", cause);
                }
                for (int c = 0; c < COLUMNS; c++) {
                    try {
                        Double.parseDouble(cells[c]);
                    } catch (NumberFormatException ex) {
                        return new IllegalArgumentException(file + ":" + lineNo + ": column " + (c + 1)
                                + " is not a number: '" + cells[c] + "'", cause != null ? cause : ex);
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), ex);
        }
        return new IllegalArgumentException(file + ": not " + COLUMNS + " tab-separated numbers a line"
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    /**
     * Standardises every column in place: {@code (x − mean) / std} with the population standard deviation
     * (ddof = 0), like NumPy's {@code data.std(axis=0)}.
     *
     * @throws IllegalArgumentException naming the column if one is constant
     */
    public static DMatrixRMaj standardize(DMatrixRMaj m) {
        int n = m.numRows;
        DMatrixRMaj mean = CommonOps_DDRM.sumCols(m, null);          // 1 × d
        CommonOps_DDRM.divide(mean, n);
        DMatrixRMaj ones = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.fill(ones, 1);
        CommonOps_DDRM.multAdd(-1, ones, mean, m);                    // m ← m − 1·mean
        DMatrixRMaj squares = m.copy();
        CommonOps_DDRM.elementMult(squares, m);
        DMatrixRMaj std = CommonOps_DDRM.sumCols(squares, null);     // Σ (x − mean)² per column
        for (int c = 0; c < std.numCols; c++) {
            std.data[c] = Math.sqrt(std.data[c] / n);
            if (!(std.data[c] > 0)) throw new IllegalArgumentException("column " + (c + 1) + " is constant; cannot standardise");
        }
        CommonOps_DDRM.divideCols(m, std.data);
        return m;
    }
}
