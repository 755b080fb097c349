package org.autotune.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.autotune.InputError;

/**
 * The journal's tables, and the version they have. Version 2 names every sample by its origin and
 * its ordinal within that origin, and keeps the post-tuning designs (scans, grids, checks) in the
 * typed {@code designs} ledger; {@link Migration} brings a version-1 journal there.
 */
final class Schema {
    /** The version this code writes; a journal with a higher one is refused. */
    static final int VERSION = 2;

    /** The ledger of post-tuning designs; {@link DesignRecord} is one row. */
    static final String DESIGNS = """
        CREATE TABLE IF NOT EXISTS designs (
          origin TEXT PRIMARY KEY,            -- scan-1, grid-2, check-1: the origin of its samples
          kind   TEXT NOT NULL,               -- SCAN GRID CHECK
          number INTEGER NOT NULL,            -- 1, 2, ... within its kind
          state  TEXT NOT NULL,               -- LINES FULL RUNNING DONE
          design TEXT NOT NULL,               -- JSON: the points, stored before they run
          result TEXT                         -- JSON, once done
        )""";

    private Schema() {
    }

    /** The version recorded in the journal; empty for a new (empty) file. */
    static Optional<Integer> version(Connection db) throws SQLException {
        try (var st = db.createStatement();
             var rs = st.executeQuery("SELECT value FROM sqlite_master m, meta WHERE m.name = 'meta' "
                 + "AND meta.key = 'schema_version'")) {
            return rs.next() ? Optional.of(Integer.parseInt(rs.getString(1))) : Optional.empty();
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("no such table")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Whether the journal recorded its campaign (its meta has the campaign file's hash). */
    static boolean holdsCampaign(Connection db) throws SQLException {
        try (var st = db.createStatement();
             var rs = st.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")) {
            if (!rs.next()) {
                return false;
            }
        }
        try (var st = db.createStatement();
             var rs = st.executeQuery("SELECT 1 FROM meta WHERE key = 'campaign_hash'")) {
            return rs.next();
        }
    }

    /** Refuses a journal written by a newer Autotune, whose tables this code may misread. */
    static void refuseNewer(Path file, Optional<Integer> version) {
        if (version.isPresent() && version.get() > VERSION) {
            throw new InputError(file, "", "written by a newer Autotune (schema " + version.get() + ")",
                "use a newer autotune or open a copy with it");
        }
    }

    /** Creates the tables of a new journal, or migrates an older one, each in one transaction. */
    static void createOrMigrate(Path file, Connection db) throws SQLException {
        var version = version(db);
        refuseNewer(file, version);
        if (version.isPresent() && version.get() < VERSION) {
            Migration.fromVersion1(db);
        }
        create(db);
    }

    /** The tables in one transaction: a run killed while creating them leaves none or all. */
    private static void create(Connection db) throws SQLException {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            tables(db);
            db.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }

    private static void tables(Connection db) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("""
                CREATE TABLE IF NOT EXISTS samples (
                  id          INTEGER PRIMARY KEY,   -- row number, no meaning (folder name of new samples)
                  key         TEXT NOT NULL,         -- hash of simulator, point, seed, events
                  point       TEXT NOT NULL,         -- JSON {parameter: value}; choices as index
                  seed        INTEGER NOT NULL,
                  events      INTEGER NOT NULL,
                  status      TEXT NOT NULL,         -- PENDING RUNNING FINISHED FAILED INTERRUPTED
                  attempts    INTEGER NOT NULL,
                  score       REAL,
                  score_error REAL,
                  components  TEXT,                  -- JSON {name: value}
                  observables TEXT,                  -- JSON list
                  error       TEXT,
                  exit_code   INTEGER,
                  job_id      TEXT,
                  folder      TEXT NOT NULL,
                  origin      TEXT NOT NULL,         -- who asked for it: optimizer, scan-1, grid-2, check-1, anchors
                  created     TEXT NOT NULL,
                  started     TEXT,
                  finished    TEXT,
                  elapsed_ms  INTEGER,
                  ordinal     INTEGER NOT NULL       -- from 1 within its origin: the sample is origin/ordinal
                )""");
            st.execute("CREATE INDEX IF NOT EXISTS samples_key ON samples(key)");
            st.execute("CREATE UNIQUE INDEX IF NOT EXISTS samples_name ON samples(origin, ordinal)");
            // status, best and the dashboard count and rank from this index, never reading the rows
            // (added to journals of earlier versions the next time a run opens them: no version change)
            st.execute("CREATE INDEX IF NOT EXISTS samples_status ON samples(status, events, score)");
            st.execute("""
                CREATE TABLE IF NOT EXISTS transitions (
                  id INTEGER PRIMARY KEY, sample_id INTEGER NOT NULL, status TEXT NOT NULL,
                  at TEXT NOT NULL, detail TEXT NOT NULL)""");
            st.execute("CREATE TABLE IF NOT EXISTS path (step INTEGER PRIMARY KEY, entry TEXT NOT NULL)");
            st.execute(DESIGNS);
            st.execute(Asks.TABLE);
            st.execute(Revisions.TABLE);
            st.execute(Revisions.ENQUEUED);
            st.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" + VERSION + "')");
        }
    }
}
