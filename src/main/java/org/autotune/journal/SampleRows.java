package org.autotune.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/** Reads rows of the samples table into records. */
final class SampleRows {
    /**
     * The columns in the order {@link #row} reads them by index (by name, sqlite-jdbc looks each name up
     * in a map it builds per query: a replay runs one query per sample).
     */
    private static final String COLUMNS = "id, key, point, seed, events, status, attempts, score, "
        + "score_error, components, observables, error, exit_code, job_id, folder, origin, created, started, "
        + "finished, elapsed_ms, ordinal";
    /** Every column but the observables (read as none): what status, export and the dashboard need. */
    private static final String WITHOUT_OBSERVABLES = COLUMNS.replace("observables", "NULL AS observables");

    private SampleRows() {
    }

    /**
     * @param tail a trusted SQL tail (WHERE/ORDER BY) written in the journal itself, never user text
     * @param args the values of the tail's {@code ?} placeholders
     */
    static List<SampleRecord> query(Path file, Connection db, String tail, Object... args) {
        var out = new ArrayList<SampleRecord>();
        each(file, db, true, out::add, tail, args);
        return out;
    }

    /**
     * Hands each row to {@code each} as it is read, holding one row at a time.
     *
     * @param observables false: the observables column is not read (the records have none)
     */
    static void each(Path file, Connection db, boolean observables, Consumer<SampleRecord> each, String tail,
                     Object... args) {
        try (var ps = db.prepareStatement("SELECT " + (observables ? COLUMNS : WITHOUT_OBSERVABLES) + " FROM samples "
            + tail)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(row(rs));
                }
            }
        } catch (SQLException e) {
            throw JournalFault.of(file, "reading samples", e);
        }
    }

    private static SampleRecord row(ResultSet rs) throws SQLException {
        return new SampleRecord(
            rs.getLong(1), rs.getString(2), Json.readNumbers(rs.getString(3)),
            rs.getLong(4), rs.getInt(5), SampleStatus.valueOf(rs.getString(6)),
            rs.getInt(7), optionalDouble(rs, 8), optionalDouble(rs, 9),
            Json.readNumbers(rs.getString(10)), Json.readObservables(rs.getString(11)),
            text(rs, 12), optionalInt(rs, 13), text(rs, 14), rs.getString(15),
            rs.getString(16), rs.getInt(21), Times.parse(rs.getString(17)),
            instant(rs, 18),
            instant(rs, 19), rs.getLong(20));
    }

    private static OptionalDouble optionalDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static Optional<Integer> optionalInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        var v = rs.getString(column);
        return v == null ? "" : v;
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        var v = rs.getString(column);
        return v == null ? Optional.empty() : Optional.of(Times.parse(v));
    }
}
