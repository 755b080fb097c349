package org.autotune.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.function.Consumer;
import org.autotune.InputError;
import org.autotune.Sample;
import org.autotune.score.Score;

/**
 * The SQLite file that records a campaign: its campaign file and hash, every sample and every
 * change of a sample's state, each written in its own transaction. It is the source of truth:
 * status, export and resume all read it. The sqlite3 command line and Python can open it too.
 *
 * <p>Threading: all methods are synchronized; one coordinator process writes a journal at a time
 * (the campaign's lock file sees to that), while other processes may read it.
 */
public final class Journal implements AutoCloseable {
    /** Name of the journal file inside a campaign folder. */
    public static final String FILE_NAME = "journal.sqlite";

    private final Path file;
    private final Connection db;

    private Journal(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** Opens the journal for writing, creating the file and its tables when missing. */
    public static Journal open(Path file) {
        return new Journal(file, Connections.forWriting(file));
    }

    /** Opens an existing journal for reading only (status, export, dashboard); one without tables is an error. */
    public static Journal read(Path file) {
        var db = Connections.forReading(file);
        try {
            var version = Schema.version(db);
            Schema.refuseNewer(file, version);
            if (version.isEmpty()) {
                throw noCampaign(file);
            }
            if (version.get() < Schema.VERSION) {
                db.close();
                return new Journal(file, Connections.migratedCopy(file));
            }
            return new Journal(file, db);
        } catch (SQLException e) {
            Connections.close(db);
            throw JournalFault.of(file, "reading it", e);
        } catch (RuntimeException e) {
            Connections.close(db);
            throw e;
        }
    }

    /** The error for a journal without a campaign: empty, or its run was killed before recording it. */
    public static InputError noCampaign(Path file) { return JournalFault.noCampaign(file); }

    /**
     * Whether the file is a journal that recorded its campaign. A missing or empty file, or one whose
     * run was killed between creating it and recording the campaign, holds none: running the
     * campaign again starts it afresh there. A damaged file is an InputError.
     */
    public static boolean holdsCampaign(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        var db = Connections.forReading(file);
        try {
            return Schema.holdsCampaign(db);
        } catch (SQLException e) {
            throw JournalFault.of(file, "reading it", e);
        } finally {
            Connections.close(db);
        }
    }

    public Path file() { return file; }

    /** For {@link Revisions}, which holds the journal's lock while it uses the connection. */
    Connection connection() { return db; }

    /** A campaign-level value (campaign text, hash, seed, …), if recorded. */
    public synchronized Optional<String> meta(String key) {
        try (var ps = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading meta " + key, e);
        }
    }

    /** Records campaign-level values in one transaction. */
    public synchronized void putMeta(Map<String, String> values) {
        transaction(() -> {
            try (var ps = db.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")) {
                for (var e : values.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.executeUpdate();
                }
            }
        });
    }

    /** The row id the next new sample gets: a plain row number, with no meaning beyond its folder name. */
    public synchronized long nextId() {
        return Aggregates.single(file, db, "SELECT COALESCE(MAX(id), 0) + 1 FROM samples", "numbering samples");
    }

    /** The points of an earlier ask batch (see {@link Asks}), one formatted point per entry, if recorded. */
    public synchronized Optional<List<String>> ask(String origin, int firstOrdinal, int repeat) {
        try {
            return Asks.read(db, origin, firstOrdinal, repeat);
        } catch (SQLException e) {
            throw failure("reading asks", e);
        }
    }

    /** Records (or replaces with a longer one) the points of an ask batch. */
    public synchronized void putAsk(String origin, int firstOrdinal, int repeat, List<String> points) {
        transaction(() -> Asks.write(db, origin, firstOrdinal, repeat, points));
    }

    /** Records a new sample, {@code origin/ordinal}, as PENDING. */
    public synchronized void created(Sample sample, String origin, int ordinal, Instant at) {
        transaction(() -> {
            try (var ps = db.prepareStatement("INSERT INTO samples(id, key, point, seed, events, status, "
                + "attempts, folder, origin, created, ordinal) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)")) {
                ps.setLong(1, sample.id());
                ps.setString(2, sample.key());
                ps.setString(3, Json.write(sample.point().asMap()));
                ps.setLong(4, sample.seed());
                ps.setInt(5, sample.events());
                ps.setString(6, sample.folder().toString());
                ps.setString(7, origin);
                ps.setString(8, at.toString());
                ps.setInt(9, ordinal);
                ps.executeUpdate();
            }
            transition(sample.id(), SampleStatus.PENDING, at, "");
        });
    }

    /** The sample's job started (attempt counts from 1); {@code jobId} e.g. {@code local:1234}. */
    public synchronized void started(long id, int attempt, String jobId, Instant at) {
        transaction(() -> {
            update("UPDATE samples SET status = 'RUNNING', attempts = ?, job_id = ?, started = ?, "
                + "error = NULL, exit_code = NULL WHERE id = ?", attempt, jobId, at.toString(), id);
            transition(id, SampleStatus.RUNNING, at, "attempt=" + attempt + " job=" + jobId);
        });
    }

    /** The sample was scored. */
    public synchronized void finished(long id, Score score, Instant at, long elapsedMillis) {
        transaction(() -> {
            update("UPDATE samples SET status = 'FINISHED', score = ?, score_error = ?, components = ?, "
                    + "observables = ?, finished = ?, elapsed_ms = ?, error = NULL WHERE id = ?",
                score.value(), score.standardError().isPresent() ? score.standardError().getAsDouble() : null,
                Json.write(score.components()), Json.writeObservables(score.observables()),
                at.toString(), elapsedMillis, id);
            transition(id, SampleStatus.FINISHED, at, "score=" + score.value());
        });
    }

    /**
     * A finished sample's score replaced by the campaign's total (metric + budget term, see
     * design/CostTerms): the sample stays FINISHED, its observables stay.
     */
    public synchronized void rescored(long id, Score score) {
        transaction(() -> {
            update("UPDATE samples SET score = ?, score_error = ?, components = ? WHERE id = ?",
                score.value(), score.standardError().isPresent() ? score.standardError().getAsDouble() : null,
                Json.write(score.components()), id);
            // a change of the row like any other: readers that follow the transitions (the dashboard) see it
            update("INSERT INTO transitions(sample_id, status, at, detail) SELECT id, status, "
                + "COALESCE(finished, created), ? FROM samples WHERE id = ?", "rescored: score=" + score.value(), id);
        });
    }

    /** An attempt failed and will be retried; the error is kept on the transition. */
    public synchronized void retrying(long id, String error, Instant at) {
        transaction(() -> transition(id, SampleStatus.PENDING, at, "retry after: " + error));
    }

    /** The sample failed for good. */
    public synchronized void failed(long id, String error, Optional<Integer> exitCode, Instant at, long elapsedMillis) {
        transaction(() -> {
            update("UPDATE samples SET status = 'FAILED', error = ?, exit_code = ?, finished = ?, "
                + "elapsed_ms = ? WHERE id = ?", error, exitCode.orElse(null), at.toString(), elapsedMillis, id);
            transition(id, SampleStatus.FAILED, at, error);
        });
    }

    /** The sample was stopped (Ctrl-C, SIGTERM, or found unfinished on resume) and will be run again. */
    public synchronized void interrupted(long id, String reason, Instant at) {
        transaction(() -> {
            update("UPDATE samples SET status = 'INTERRUPTED' WHERE id = ? "
                + "AND status NOT IN ('FINISHED', 'FAILED')", id);
            transition(id, SampleStatus.INTERRUPTED, at, reason);
        });
    }

    /** Appends an optimizer path entry (JSON); re-recording an existing step is ignored (replay). */
    public synchronized void path(int step, String entryJson) {
        transaction(() -> update("INSERT OR IGNORE INTO path(step, entry) VALUES (?, ?)", step, entryJson));
    }

    /** The optimizer path entries in order, as JSON texts. */
    public synchronized List<String> path() {
        return Aggregates.texts(file, db, "SELECT entry FROM path ORDER BY step", "reading path");
    }

    /** A sample's state changes in order, as "STATUS detail" lines. */
    public synchronized List<String> transitions(long id) {
        return Aggregates.texts(file, db, "SELECT status || ' ' || detail FROM transitions WHERE sample_id = " + id
            + " ORDER BY id", "reading transitions");
    }

    /** One sample by id. */
    public synchronized Optional<SampleRecord> sample(long id) {
        var rows = SampleRows.query(file, db, "WHERE id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** One sample by its name: the {@code ordinal}-th sample of {@code origin}. */
    public synchronized Optional<SampleRecord> sample(String origin, int ordinal) {
        var rows = SampleRows.query(file, db, "WHERE origin = ? AND ordinal = ?", origin, ordinal);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The highest ordinal of an origin so far; 0 when it has no sample. */
    public synchronized int lastOrdinal(String origin) {
        return Aggregates.lastOrdinal(file, db, origin);
    }

    /** The first finished sample (lowest id) whose key is {@code key}: the same simulation, run already. */
    public synchronized Optional<SampleRecord> finishedWithKey(String key) {
        var rows = SampleRows.query(file, db, "WHERE key = ? AND status = 'FINISHED' ORDER BY id LIMIT 1", key);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** All samples in id order. */
    public synchronized List<SampleRecord> samples() {
        return SampleRows.query(file, db, "ORDER BY id");
    }

    /** Every sample to {@code each} in id order, one in memory at a time; without observables when false. */
    public synchronized void forEachSample(boolean observables, Consumer<SampleRecord> each) {
        SampleRows.each(file, db, observables, each, "ORDER BY id");
    }

    /** The samples changed after transition {@code cursor} ({@link #cursor()}), in id order, without observables. */
    public synchronized void forEachChanged(long cursor, Consumer<SampleRecord> each) {
        SampleRows.each(file, db, false, each, "WHERE id IN (SELECT sample_id FROM transitions WHERE id > ?) "
            + "ORDER BY id", cursor);
    }

    /**
     * The journal's change counter: the newest transition's number. Every write to a sample's row
     * (created, started, finished, failed, interrupted, rescored) adds a transition, so a reader holding
     * every row as of cursor {@code c} is up to date after reading {@link #forEachChanged}({@code c}).
     */
    public synchronized long cursor() {
        return Aggregates.single(file, db, "SELECT COALESCE(MAX(id), 0) FROM transitions", "reading changes");
    }

    /** The failed sample with the highest id, if any. */
    public synchronized Optional<SampleRecord> lastFailure() {
        var rows = SampleRows.query(file, db, "WHERE status = 'FAILED' ORDER BY id DESC LIMIT 1");
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** How many samples have each number of events, by events (one entry unless a fidelity schedule). */
    public synchronized SortedMap<Integer, Long> eventCounts() {
        return Aggregates.eventCounts(file, db);
    }

    /** The names of the score components any sample has, sorted. */
    public synchronized SortedSet<String> componentNames() {
        return Aggregates.componentNames(file, db);
    }

    /**
     * The finished sample with the lowest score, if any; only samples with the most events count,
     * since scores from fewer events (earlier stages of a fidelity schedule) are on another scale.
     * The {@link SampleRecord#NOISE} replicates never count: their seeds differ from the others'.
     */
    public synchronized Optional<SampleRecord> best() {
        var rows = SampleRows.query(file, db, "WHERE status = 'FINISHED' AND origin <> '" + SampleRecord.NOISE
            + "' AND events = (SELECT MAX(events) FROM samples WHERE status = 'FINISHED' AND origin <> '"
            + SampleRecord.NOISE + "') ORDER BY score, id LIMIT 1");
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Number of samples in each status (every status present, zero when none). */
    public synchronized Map<SampleStatus, Integer> counts() {
        return Aggregates.counts(file, db);
    }

    /** The ledger's design of a kind and number, if stored. */
    public synchronized Optional<DesignRecord> design(DesignRecord.Kind kind, int number) {
        return Ledger.query(file, db, "WHERE origin = ?", kind.origin(number)).stream().findFirst();
    }

    /** Every stored design of a kind, oldest first. */
    public synchronized List<DesignRecord> designs(DesignRecord.Kind kind) {
        return Ledger.query(file, db, "WHERE kind = ? ORDER BY number", kind.name());
    }

    /** Stores a design (new, or in its new state) in one transaction. */
    public synchronized void putDesign(DesignRecord design) {
        transaction(() -> Ledger.insert(db, design));
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("closing", e);
        }
    }

    private void transition(long id, SampleStatus status, Instant at, String detail) throws SQLException {
        update("INSERT INTO transitions(sample_id, status, at, detail) VALUES (?, ?, ?, ?)",
            id, status.name(), at.toString(), detail);
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs the work in one transaction. When it fails, the error reported is the work's own: SQLite
     * may already have rolled back (a full disk does), and the then failing rollback must not hide
     * why ("cannot rollback - no transaction is active" instead of "disk full").
     */
    private void transaction(Work work) {
        try {
            db.setAutoCommit(false);
        } catch (SQLException e) {
            throw failure("starting a transaction", e);
        }
        try {
            work.run();
            db.commit();
        } catch (SQLException e) {
            throw failure("writing", ended(e));
        } catch (RuntimeException e) {
            throw ended(e);
        }
        try {
            db.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure("ending a transaction", e);
        }
    }

    /** Rolls back what is left of a failed transaction, keeping {@code e} as the error. */
    private <E extends Exception> E ended(E e) {
        try {
            db.rollback();
        } catch (SQLException rollback) {
            e.addSuppressed(rollback);
        }
        try {
            db.setAutoCommit(true);
        } catch (SQLException reset) {
            e.addSuppressed(reset);
        }
        return e;
    }

    private RuntimeException failure(String what, SQLException e) {
        return JournalFault.of(file, what, e);
    }
}
