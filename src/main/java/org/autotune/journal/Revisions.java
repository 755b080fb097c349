package org.autotune.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autotune.score.Score;

/**
 * Reads and writes the {@code revisions} table (every revision of the campaign file, see
 * {@link Revision}) and the {@code enqueued} table (points a user queued with {@code autotune
 * enqueue}, run first by the next run). A journal older than these tables reads as having none.
 * Each call holds the journal's lock, as the journal's own methods do.
 */
public final class Revisions {
    static final String TABLE = """
        CREATE TABLE IF NOT EXISTS revisions (
          number         INTEGER PRIMARY KEY,   -- 1, 2, ...
          at             TEXT NOT NULL,         -- when it was first run
          hash           TEXT NOT NULL,         -- of the campaign file's text
          text           TEXT NOT NULL,         -- the campaign file
          identity       TEXT NOT NULL,         -- JSON: what decides a sample's outcome
          search         TEXT NOT NULL,         -- hash of what decides the optimizer's proposals
          optimizer_from INTEGER NOT NULL,      -- first ordinal of its optimizer phase
          start          TEXT,                  -- JSON point the phase starts at, once fixed
          rescored       INTEGER NOT NULL,      -- samples re-scored for its metric (-1: to do)
          note           TEXT NOT NULL          -- what changed, in words
        )""";

    static final String ENQUEUED = """
        CREATE TABLE IF NOT EXISTS enqueued (
          number INTEGER PRIMARY KEY,           -- the order they run in: sample enqueued/number
          point  TEXT NOT NULL,                 -- JSON {parameter: value}
          added  TEXT NOT NULL
        )""";

    private Revisions() {
    }

    /** The revisions of the campaign file, oldest first. */
    public static List<Revision> all(Journal journal) {
        synchronized (journal) {
            try {
                return read(journal.connection());
            } catch (SQLException e) {
                throw JournalFault.of(journal.file(), "reading revisions", e);
            }
        }
    }

    /** Records a revision (new, or with its phase's start or its re-scoring filled in). */
    public static void put(Journal journal, Revision revision) {
        inTransaction(journal, "recording revision " + revision.number(), db -> write(db, revision));
    }

    /** Points queued by {@code autotune enqueue}, as JSON {parameter: value}, in the order they run. */
    public static List<String> enqueued(Journal journal) {
        synchronized (journal) {
            try {
                return enqueued(journal.connection());
            } catch (SQLException e) {
                throw JournalFault.of(journal.file(), "reading enqueued points", e);
            }
        }
    }

    /** Queues points (JSON {parameter: value}) after those already queued, in one transaction. */
    public static void enqueue(Journal journal, List<String> points, Instant at) {
        inTransaction(journal, "enqueuing points", db -> enqueue(db, points, at));
    }

    /**
     * A finished sample scored again from its stored outputs by another metric: value, error,
     * components and observables are replaced; it stays FINISHED.
     */
    public static void rescore(Journal journal, long id, Score score) {
        inTransaction(journal, "re-scoring sample " + id, db -> {
            try (var ps = db.prepareStatement("UPDATE samples SET score = ?, score_error = ?, components = ?, "
                + "observables = ? WHERE id = ?")) {
                ps.setDouble(1, score.value());
                ps.setObject(2, score.standardError().isPresent() ? score.standardError().getAsDouble() : null);
                ps.setString(3, Json.write(score.components()));
                ps.setString(4, Json.writeObservables(score.observables()));
                ps.setLong(5, id);
                ps.executeUpdate();
            }
        });
    }

    private interface Work {
        void run(Connection db) throws SQLException;
    }

    private static void inTransaction(Journal journal, String what, Work work) {
        synchronized (journal) {
            var db = journal.connection();
            try {
                db.setAutoCommit(false);
                try {
                    work.run(db);
                    db.commit();
                } catch (SQLException | RuntimeException e) {
                    db.rollback();
                    throw e;
                } finally {
                    db.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw JournalFault.of(journal.file(), what, e);
            }
        }
    }

    private static List<Revision> read(Connection db) throws SQLException {
        var out = new ArrayList<Revision>();
        try (var st = db.createStatement(); var rs = st.executeQuery("SELECT number, at, hash, text, identity, "
            + "search, optimizer_from, start, rescored, note FROM revisions ORDER BY number")) {
            while (rs.next()) {
                out.add(new Revision(rs.getInt(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getInt(7), Optional.ofNullable(rs.getString(8)),
                    rs.getInt(9), rs.getString(10)));
            }
        } catch (SQLException e) {
            if (missingTable(e)) {
                return List.of();
            }
            throw e;
        }
        return out;
    }

    private static void write(Connection db, Revision r) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute(TABLE);
        }
        try (var ps = db.prepareStatement("INSERT OR REPLACE INTO revisions(number, at, hash, text, identity, "
            + "search, optimizer_from, start, rescored, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, r.number());
            ps.setString(2, r.at().toString());
            ps.setString(3, r.hash());
            ps.setString(4, r.text());
            ps.setString(5, r.identity());
            ps.setString(6, r.search());
            ps.setInt(7, r.optimizerFrom());
            ps.setString(8, r.start().orElse(null));
            ps.setInt(9, r.rescored());
            ps.setString(10, r.note());
            ps.executeUpdate();
        }
    }

    private static List<String> enqueued(Connection db) throws SQLException {
        var out = new ArrayList<String>();
        try (var st = db.createStatement(); var rs = st.executeQuery("SELECT point FROM enqueued ORDER BY number")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if (missingTable(e)) {
                return List.of();
            }
            throw e;
        }
        return out;
    }

    private static void enqueue(Connection db, List<String> points, Instant at) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute(ENQUEUED);
        }
        try (var ps = db.prepareStatement("INSERT INTO enqueued(point, added) VALUES (?, ?)")) {
            for (var p : points) {
                ps.setString(1, p);
                ps.setString(2, at.toString());
                ps.executeUpdate();
            }
        }
    }

    private static boolean missingTable(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("no such table");
    }
}
