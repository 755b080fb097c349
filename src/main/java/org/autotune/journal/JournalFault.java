package org.autotune.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.autotune.InputError;

/**
 * What SQLite reports about the journal file itself, in words: a damaged file, a full disk, a
 * read-only file or folder. These are one line naming the journal and the fix (the user can act on
 * them, and nothing journaled is lost); any other SQL error is a bug and keeps its stack trace.
 */
final class JournalFault {
    // SQLite's primary result codes (the low byte of an extended code); https://sqlite.org/rescode.html
    private static final int PERM = 3;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    private JournalFault() {
    }

    /** The error as one line when it is about the file, else as an IO failure with the SQL message. */
    static RuntimeException of(Path file, String what, SQLException e) {
        // sqlite-jdbc writes "[SQLITE_CORRUPT] The database disk image is malformed (database disk image is malformed)"
        String sqlite = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^\\[SQLITE_\\w+\\]\\s*", "")
            .replaceFirst("^.*\\(([^()]+)\\)$", "$1");
        return switch (e.getErrorCode() & 0xff) {
            case CORRUPT, NOTADB -> damaged(file, sqlite);
            case FULL -> new InputError(file, "", "the disk is full, so the journal could not save a change ("
                + what + "); what it recorded before is kept", "free space on the disk holding " + folder(file)
                + ", then continue with 'autotune resume'");
            case READONLY, PERM, CANTOPEN -> new InputError(file, "", "cannot " + (what.startsWith("reading") ? "open"
                : "write") + " the journal: the file or its folder is read-only or not accessible (" + sqlite + ")",
                "run in a writable folder (copy the campaign folder and pass --dir), or fix the permissions");
            case IOERR -> new InputError(file, "", "the disk reported an input/output error while " + what
                + " (" + sqlite + ")", "check that the disk holding " + folder(file) + " has free space and works "
                + "(see dmesg), then continue with 'autotune resume'");
            default -> new UncheckedIOException(new IOException("journal " + file + ": " + what + ": "
                + e.getMessage(), e));
        };
    }

    /** A file that is not a journal SQLite can read: truncated, overwritten, or not a database at all. */
    static InputError damaged(Path file, String detail) {
        return new InputError(file, "", "the journal is damaged or is not an Autotune journal (SQLite: " + detail
            + ")", "restore journal.sqlite from a backup; sqlite3's .recover command may save its samples; or start "
            + "a new campaign with 'autotune run FILE --force-new' (the old folder is kept)");
    }

    static InputError noCampaign(Path file) {
        return new InputError(file, "", "the journal holds no campaign (it is empty, or the run that created it "
            + "stopped before recording its campaign file)", "run the campaign with 'autotune run CAMPAIGN' (it "
            + "starts afresh in this folder)");
    }

    private static Path folder(Path file) {
        return file.toAbsolutePath().getParent();
    }
}
