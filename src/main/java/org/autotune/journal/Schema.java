package org.autotune.journal;

import java.sql.Connection;
import java.sql.SQLException;

/** The journal's tables. Bump {@link Journal#SCHEMA_VERSION} and migrate here when they change. */
final class Schema {
    private Schema() {
    }

    static void create(Connection db) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("""
                CREATE TABLE IF NOT EXISTS samples (
                  id          INTEGER PRIMARY KEY,   -- ordinal in the campaign, from 1
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
                  origin      TEXT NOT NULL,         -- who asked for it: optimizer, scan, ...
                  created     TEXT NOT NULL,
                  started     TEXT,
                  finished    TEXT,
                  elapsed_ms  INTEGER
                )""");
            st.execute("CREATE INDEX IF NOT EXISTS samples_key ON samples(key)");
            st.execute("""
                CREATE TABLE IF NOT EXISTS transitions (
                  id INTEGER PRIMARY KEY, sample_id INTEGER NOT NULL, status TEXT NOT NULL,
                  at TEXT NOT NULL, detail TEXT NOT NULL)""");
            st.execute("CREATE TABLE IF NOT EXISTS path (step INTEGER PRIMARY KEY, entry TEXT NOT NULL)");
            st.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '"
                + Journal.SCHEMA_VERSION + "')");
        }
    }
}
