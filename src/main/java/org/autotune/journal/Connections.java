package org.autotune.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.autotune.InputError;
import org.autotune.TextFile;

/**
 * Opens a journal's SQLite connection, for writing (checked, tables created) or for reading only.
 * Every failure that is about the file (damaged, read-only, disk full) becomes one line through
 * {@link JournalFault}.
 *
 * <p>Reading a finished campaign on a read-only folder (a mounted archive, a colleague's folder)
 * or a full disk: a journal in WAL mode needs its {@code -shm} file, which SQLite cannot create
 * there, so a plain read-only open fails. When the folder holds no {@code -wal} file, no writer
 * has the journal open and everything is in the main file, so the journal is then opened
 * {@code immutable=1} (SQLite reads it without any locking or shared memory). A left-over
 * {@code -wal} file holds samples that only a writable folder can read, and is reported as such.
 */
final class Connections {
    private Connections() {
    }

    /** A connection for writing; the journal is checked for damage and its tables created in one transaction. */
    static Connection forWriting(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (FileSystemException e) {
            throw new InputError(folder, "", "cannot create the campaign folder: " + e.getReason(),
                "run in a writable folder (pass --dir), or fix the permissions");
        } catch (IOException e) {
            throw new UncheckedIOException("creating folder for journal " + file, e);
        }
        Connection db = null;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            var mode = JournalMode.forFolder(folder);
            try (var st = db.createStatement()) {
                st.execute("PRAGMA busy_timeout = 10000");
                check(file, db);   // before any write: a damaged journal is left as it is
                st.execute("PRAGMA journal_mode = " + mode.name());
                // WAL + NORMAL survives a crash of the process (not of the machine's power) without
                // an fsync per transaction; the rollback journal needs FULL for the same guarantee.
                st.execute("PRAGMA synchronous = " + (mode == JournalMode.WAL ? "NORMAL" : "FULL"));
            }
            Schema.createOrMigrate(file, db);
            return db;
        } catch (SQLException e) {
            close(db);
            throw JournalFault.of(file, "opening it for writing", e);
        } catch (RuntimeException e) {
            close(db);
            throw e;
        }
    }

    /** A read-only connection to an existing journal (immutable on a read-only folder, see above). */
    static Connection forReading(Path file) {
        var problem = TextFile.problem(file);
        if (problem.isPresent()) {
            throw new InputError(file, "", "no journal here (" + problem.get() + ")", "run the campaign first "
                + "('autotune run CAMPAIGN'), or name a campaign folder (the one holding journal.sqlite)");
        }
        try {
            return readOnly(file, "");
        } catch (SQLException e) {
            int code = e.getErrorCode() & 0xff;   // 14 CANTOPEN: read-only folder; 10 IOERR: full disk
            if (code != 14 && code != 10) {
                throw JournalFault.of(file, "reading it", e);
            }
        }
        if (Files.exists(Path.of(file + "-wal"))) {
            throw new InputError(file, "", "the journal's last changes are in " + file.getFileName() + "-wal, which "
                + "SQLite can only read in a writable folder", "copy the campaign folder somewhere writable and "
                + "look at the copy");
        }
        try {
            return readOnly(file, "&immutable=1");
        } catch (SQLException e) {
            throw JournalFault.of(file, "reading it", e);
        }
    }

    private static Connection readOnly(Path file, String more) throws SQLException {
        var p = new Properties();
        p.setProperty("open_mode", "1");   // SQLITE_OPEN_READONLY
        var db = DriverManager.getConnection("jdbc:sqlite:" + uri(file, "?mode=ro" + more), p);
        try (var st = db.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            st.executeQuery("SELECT count(*) FROM sqlite_master").close();   // opens the file: fails here, not later
            return db;
        } catch (SQLException e) {
            close(db);
            throw e;
        }
    }

    /** SQLite's own consistency check of every page; quick, and run once per writer. */
    private static void check(Path file, Connection db) throws SQLException {
        try (var st = db.createStatement(); var rs = st.executeQuery("PRAGMA quick_check(1)")) {
            String verdict = rs.next() ? rs.getString(1) : "ok";
            if (!"ok".equals(verdict)) {
                throw JournalFault.damaged(file, verdict);
            }
        }
    }

    /** A {@code file:} URI for SQLite; the characters that URIs give a meaning are escaped. */
    private static String uri(Path file, String query) {
        String path = file.toString().replace("%", "%25").replace("?", "%3f").replace("#", "%23");
        return "file:" + path + query;
    }

    /**
     * An older journal opened for reading: a copy in memory, migrated there, so that status and
     * report read every version alike while the file itself stays as it is.
     */
    static Connection migratedCopy(Path file) throws SQLException {
        var db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (var st = db.createStatement()) {
            st.executeUpdate("restore from \"" + file.toAbsolutePath() + "\"");
        }
        Schema.createOrMigrate(file, db);
        return db;
    }

    static void close(Connection db) {
        if (db == null) {
            return;
        }
        try {
            db.close();
        } catch (SQLException e) {
            // the error being reported matters more than a failed close
        }
    }
}
