package org.autotune.data;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autotune.Options;
import org.autotune.TextFile;

/**
 * A table of numbers read into named columns: a CSV file with a header row (lines starting with
 * {@code #} and empty lines are skipped), or an HDF5 table ({@code file.h5[#/path]}, see {@link Hdf5}).
 * Errors name the file, the row and the column.
 */
public final class Table {
    private final Path file;
    private final Map<String, double[]> columns;
    private final int rows;

    private Table(Path file, Map<String, double[]> columns, int rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
    }

    /** Reads the named columns (all columns when none are named). */
    public static Table read(Path file, List<String> wanted) {
        var hdf5 = Hdf5.locate(file);
        if (hdf5 != null) {
            exists(hdf5.file());
            var columns = Hdf5.columns(hdf5, wanted);
            return new Table(file, columns, columns.values().iterator().next().length);
        }
        exists(file);
        // a reader of the file's own decodes strictly: a file that is not UTF-8 text says so
        try (var reader = CsvReader.builder().commentStrategy(de.siegmar.fastcsv.reader.CommentStrategy.SKIP)
            .skipEmptyLines(true).ofNamedCsvRecord(Files.newBufferedReader(file))) {
            var values = new LinkedHashMap<String, List<Double>>();
            int row = 1;
            for (NamedCsvRecord record : reader) {
                row++;
                if (values.isEmpty()) {
                    for (String name : wanted.isEmpty() ? record.getHeader() : wanted) {
                        if (!record.getHeader().contains(name)) {
                            throw new DataException(missing(file, name, record.getHeader()));
                        }
                        values.put(name, new ArrayList<>());
                    }
                }
                for (var e : values.entrySet()) {
                    e.getValue().add(number(file, row, e.getKey(), record.getField(e.getKey())));
                }
            }
            if (values.isEmpty()) {
                throw new DataException(
                    file + ": no data rows (a header row and at least one row of numbers are needed)");
            }
            var columns = new LinkedHashMap<String, double[]>();
            values.forEach((k, v) -> columns.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            return new Table(file, columns, row - 1);
        } catch (IOException e) {
            throw new DataException(file + ": " + TextFile.describe(e));
        } catch (UncheckedIOException e) {
            throw new DataException(file + ": " + TextFile.describe(e.getCause()));
        } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
            throw new DataException(file + ": not valid CSV: " + e.getMessage());
        }
    }

    /** Fails with "file not found" (or that it is a folder, a device, …) unless it is a regular file. */
    static void exists(Path file) {
        TextFile.problem(file).ifPresent(problem -> {
            throw new DataException(file + ": " + problem);
        });
    }

    public Path file() { return file; }

    public int rows() { return rows; }

    public List<String> columns() { return List.copyOf(columns.keySet()); }

    /** A column's values (a copy). */
    public double[] column(String name) {
        var c = columns.get(name);
        if (c == null) {
            throw new DataException(missing(file, name, columns()));
        }
        return c.clone();
    }

    private static double number(Path file, int row, String column, String cell) {
        try {
            double v = Double.parseDouble(cell.trim());
            if (Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataException(file + ": row " + row + ", column " + column + ": '" + cell + "' is not a number");
        }
    }

    private static String missing(Path file, String name, List<String> header) {
        return file + ": no column '" + name + "'"
            + Options.closest(name, header).map(c -> " (did you mean '" + c + "'?)").orElse("")
            + "; its columns are " + String.join(", ", header);
    }
}
