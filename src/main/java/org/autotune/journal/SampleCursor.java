package org.autotune.journal;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The journal's samples one row at a time, each column read as the journal stores it only when asked:
 * for exports of 10⁵ samples, which should cost about what SQLite's own dump costs. No object per
 * row; the JSON columns (point, components) come as their text, times as the ISO-8601 text the
 * journal wrote. The observables column is never read. A cursor is valid only inside the callback.
 */
public final class SampleCursor {
    private static final String SELECT = "SELECT id, point, seed, events, status, attempts, score, score_error, "
        + "components, error, job_id, folder, origin, ordinal, created, started, finished, elapsed_ms "
        + "FROM samples ORDER BY id";

    private final Path file;
    private final ResultSet rs;

    private SampleCursor(Path file, ResultSet rs) {
        this.file = file;
        this.rs = rs;
    }

    /** Hands the cursor to {@code each} once per sample, in id order, holding the journal's lock throughout. */
    public static void each(Journal journal, Consumer<SampleCursor> each) {
        synchronized (journal) {
            try (var ps = journal.connection().prepareStatement(SELECT); var rs = ps.executeQuery()) {
                var cursor = new SampleCursor(journal.file(), rs);
                while (rs.next()) {
                    each.accept(cursor);
                }
            } catch (SQLException e) {
                throw JournalFault.of(journal.file(), "reading samples", e);
            }
        }
    }

    /** {@code origin/ordinal}, as {@link SampleRecord#name()}. */
    public String name() { return text(13) + "/" + integer(14); }

    /** The point as JSON text {@code {"name":value,...}} (a choice as its index). */
    public String pointJson() { return text(2); }

    /** The point parsed, for what {@link #pointJson()}'s text does not show plainly. */
    public Map<String, Double> point() { return Json.readNumbers(pointJson()); }

    public long seed() { return integer(3); }

    public long events() { return integer(4); }

    public String status() { return text(5); }

    public long attempts() { return integer(6); }

    /** The score, or NaN when there is none. */
    public double score() { return real(7); }

    /** The score's standard error, or NaN when there is none. */
    public double scoreError() { return real(8); }

    /** The components as JSON text {@code {"name":value,...}}, or null. */
    public String componentsJson() { return text(9); }

    /** The components parsed, for what {@link #componentsJson()}'s text does not show plainly. */
    public Map<String, Double> components() { return Json.readNumbers(componentsJson()); }

    /** The error text, or null. */
    public String error() { return text(10); }

    /** The job id, or null. */
    public String jobId() { return text(11); }

    public String folder() { return text(12); }

    public String created() { return text(15); }

    /** When it started (ISO-8601), or null. */
    public String started() { return text(16); }

    /** When it finished (ISO-8601), or null. */
    public String finished() { return text(17); }

    public long elapsedMillis() { return integer(18); }

    private String text(int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw JournalFault.of(file, "reading samples", e);
        }
    }

    private long integer(int column) {
        try {
            return rs.getLong(column);
        } catch (SQLException e) {
            throw JournalFault.of(file, "reading samples", e);
        }
    }

    private double real(int column) {
        try {
            double v = rs.getDouble(column);
            return rs.wasNull() ? Double.NaN : v;
        } catch (SQLException e) {
            throw JournalFault.of(file, "reading samples", e);
        }
    }
}
