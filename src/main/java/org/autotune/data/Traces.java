package org.autotune.data;

import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autotune.TextFile;

/**
 * Digitised traces (pulses or noise). In CSV, one per row: the first field is the trace's number,
 * the rest its samples, no header row. In HDF5, a 2-D dataset [trace, sample] named as
 * {@code file.h5[#/path]} (see {@link Hdf5}). All traces of a file have the same length.
 */
public final class Traces {
    private Traces() {
    }

    /** Reads every trace of the file; errors name the file, the row and what is wrong. */
    public static List<double[]> read(Path file) {
        var hdf5 = Hdf5.locate(file);
        if (hdf5 != null) {
            Table.exists(hdf5.file());
            return Hdf5.traces(hdf5);
        }
        Table.exists(file);
        var traces = new ArrayList<double[]>();
        // a reader of the file's own decodes strictly: a file that is not UTF-8 text says so
        try (var reader = CsvReader.builder().skipEmptyLines(true).ofCsvRecord(Files.newBufferedReader(file))) {
            int row = 0;
            for (var record : reader) {
                row++;
                int n = record.getFieldCount() - 1;
                if (n < 2) {
                    throw new DataException(file + ": row " + row + " has no samples (expected: number, then samples)");
                }
                if (!traces.isEmpty() && n != traces.get(0).length) {
                    throw new DataException(file + ": row " + row + " has " + n + " samples, row 1 has "
                        + traces.get(0).length + "; all traces must have the same length");
                }
                var t = new double[n];
                for (int i = 0; i < n; i++) {
                    try {
                        t[i] = Double.parseDouble(record.getField(i + 1));
                    } catch (NumberFormatException e) {
                        throw new DataException(file + ": row " + row + ", sample " + (i + 1) + ": '"
                            + record.getField(i + 1) + "' is not a number");
                    }
                }
                traces.add(t);
            }
        } catch (IOException e) {
            throw new DataException(file + ": " + TextFile.describe(e));
        } catch (UncheckedIOException e) {
            throw new DataException(file + ": " + TextFile.describe(e.getCause()));
        }
        if (traces.isEmpty()) {
            throw new DataException(file + ": no traces");
        }
        return traces;
    }
}
