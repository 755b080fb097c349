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
    /** Every column but the observables (read as none): what status, export and the dashboard need. */
    private static final String WITHOUT_OBSERVABLES = "id, key, point, seed, events, status, attempts, score, "
        + "score_error, components, NULL AS observables, error, exit_code, job_id, folder, origin, created, started, "
        + "finished, elapsed_ms, ordinal";

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
        try (var ps = db.prepareStatement("SELECT " + (observables ? "*" : WITHOUT_OBSERVABLES) + " FROM samples "
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
            rs.getLong("id"), rs.getString("key"), Json.readNumbers(rs.getString("point")),
            rs.getLong("seed"), rs.getInt("events"), SampleStatus.valueOf(rs.getString("status")),
            rs.getInt("attempts"), optionalDouble(rs, "score"), optionalDouble(rs, "score_error"),
            Json.readNumbers(rs.getString("components")), Json.readObservables(rs.getString("observables")),
            text(rs, "error"), optionalInt(rs, "exit_code"), text(rs, "job_id"), rs.getString("folder"),
            rs.getString("origin"), rs.getInt("ordinal"), Instant.parse(rs.getString("created")),
            instant(rs, "started"),
            instant(rs, "finished"), rs.getLong("elapsed_ms"));
    }

    private static OptionalDouble optionalDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static String text(ResultSet rs, String column) throws SQLException {
        var v = rs.getString(column);
        return v == null ? "" : v;
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        var v = rs.getString(column);
        return v == null ? Optional.empty() : Optional.of(Instant.parse(v));
    }
}
